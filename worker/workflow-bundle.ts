// The workflow bundle the build writes once (worker/bundle-workflows.ts), so a worker takes work
// about a second after it starts instead of bundling for 4-21 s first. Beside the code it keeps
// the hash of every file webpack read for it; the worker checks them before it loads the bundle,
// because a bundle older than the compiled workflows would silently run old workflow code.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { bundleWorkflowCode, type BundleOptions, type WorkflowBundlePath } from '@temporalio/worker';
import type { Compiler } from 'webpack';
import { PROJECT_ROOT } from '../config/paths';

/** Next to the compiled workflows it is made from: dist/workflow-bundle/. */
const BUNDLE_DIR = join(__dirname, '..', 'workflow-bundle');
/**
 * The code, its source map inline (the SDK reads no separate map since 1.11), so stack traces name
 * the workflow sources. The map leaves out the sources' text: the SDK shows it only to a worker
 * with `showStackTraceSources`, and each of the worker's two threads kept a copy (about 20 MiB of
 * its RSS, measured with the bench).
 */
export const WORKFLOW_BUNDLE_PATH = join(BUNDLE_DIR, 'workflows.js');
const INPUTS_PATH = join(BUNDLE_DIR, 'inputs.json');
export const WORKFLOWS_PATH = require.resolve('../workflows');

/** Run once in the workflow context, before the SDK freezes it: workflows/stack-trace-depth.ts. */
export const PRELOADED_WORKFLOW_MODULES = [require.resolve('../workflows/stack-trace-depth')];

const quiet = () => {};

/**
 * What every bundle of these workflows is made with (the worker's, the tests' superset, the
 * benches'), webpack's progress left out of the build's and the suite's output.
 */
export function workflowBundleOptions(
  workflowsPath: string,
): Pick<BundleOptions, 'workflowsPath' | 'preloadModules' | 'logger'> {
  return {
    workflowsPath,
    preloadModules: PRELOADED_WORKFLOW_MODULES,
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
  };
}

/** Project-relative path -> sha256 of every module that went into the bundle (workflows, SDK, libraries). */
type BundleInputs = Record<string, string>;

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

/** Bundles the workflows and writes the code and its inputs' hashes; returns the bundle's size in bytes. */
export async function writeWorkflowBundle(): Promise<number> {
  const read = new Set<string>();
  const recordInputs = {
    apply: (compiler: Compiler) =>
      compiler.hooks.done.tap('record-bundle-inputs', (stats) => {
        // The modules bundled, not every file read: the TypeScript sources behind the source maps
        // are not in a deployment (Dockerfile), and their compiled output is what runs.
        for (const module of stats.compilation.modules) {
          const { resource } = module as { resource?: string };
          if (resource) read.add(resource);
        }
      }),
  };
  const { code } = await bundleWorkflowCode({
    ...workflowBundleOptions(WORKFLOWS_PATH),
    webpackConfigHook: (config) => ({
      ...config,
      devtool: 'inline-nosources-source-map',
      plugins: [...(config.plugins ?? []), recordInputs],
    }),
  });
  // The entry point the SDK generates lives in memory only; what is on disk is what can change.
  const inputs: BundleInputs = Object.fromEntries(
    [...read]
      .filter(isFile)
      .sort()
      .map((file) => [relative(PROJECT_ROOT, file), sha256(file)]),
  );
  mkdirSync(BUNDLE_DIR, { recursive: true });
  // Inputs last: a build interrupted between the two writes leaves a bundle that reads as stale.
  writeFileSync(WORKFLOW_BUNDLE_PATH, code);
  writeFileSync(INPUTS_PATH, `${JSON.stringify(inputs, null, 1)}\n`);
  return Buffer.byteLength(code);
}

/** The prebuilt bundle when it is current, or why it cannot be used. */
export function prebuiltWorkflowBundle(): { bundle: WorkflowBundlePath } | { unusable: string } {
  let inputs: BundleInputs;
  try {
    inputs = JSON.parse(readFileSync(INPUTS_PATH, 'utf8')) as BundleInputs;
    statSync(WORKFLOW_BUNDLE_PATH);
  } catch {
    return { unusable: `there is no prebuilt workflow bundle at ${relative(PROJECT_ROOT, WORKFLOW_BUNDLE_PATH)}` };
  }
  const changed = Object.entries(inputs).find(([file, hash]) => {
    const path = resolve(PROJECT_ROOT, file);
    return !isFile(path) || sha256(path) !== hash;
  });
  if (changed) return { unusable: `${changed[0]} changed after the workflow bundle was built` };
  return { bundle: { codePath: WORKFLOW_BUNDLE_PATH } };
}
