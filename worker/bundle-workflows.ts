// Build step (provision/lib.sh build_dist, `npm run build`): writes the prebuilt workflow bundle
// the worker loads at start. Run after tsc, from dist/: it bundles the compiled workflows.
import { relative } from 'node:path';
import { PROJECT_ROOT } from '../config/paths';
import { WORKFLOW_BUNDLE_PATH, writeWorkflowBundle } from './workflow-bundle';

const started = Date.now();
writeWorkflowBundle().then(
  (bytes) =>
    console.error(
      `    ${relative(PROJECT_ROOT, WORKFLOW_BUNDLE_PATH)}: ${Math.round(bytes / 1024)} KiB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
