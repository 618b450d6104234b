// What each new workflow costs the worker before it does anything (issue 13): the bundle's size,
// the time to run its modules once more (the reusable V8 context runs them for every workflow),
// and the time to replay every recorded history N times through a real worker's VM.
// Run: npm run bench:workflow-weight -- [rounds] [compiled workflows folder of another checkout, e.g. ../old/dist/workflows]; a measurement, not a test.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { PROJECT_ROOT } from '../config/paths';
import { workflowBundleOptions } from '../worker/workflow-bundle';
import { workflowIdFromStart } from '../workflows/definitions';

const rounds = Number(process.argv[2] ?? 20);
const workflowsPath = require.resolve(process.argv[3] ? resolve(process.argv[3]) : '../workflows');

/** Wall and CPU milliseconds since `start` (the machine is shared: CPU time is the steadier figure). */
function elapsed(start: { wall: bigint; cpu: NodeJS.CpuUsage }, per: number): string {
  const cpu = process.cpuUsage(start.cpu);
  const wall = Number(process.hrtime.bigint() - start.wall) / 1e6;
  return `${(wall / per).toFixed(2)} ms wall, ${((cpu.user + cpu.system) / 1000 / per).toFixed(2)} ms CPU`;
}
const now = () => ({ wall: process.hrtime.bigint(), cpu: process.cpuUsage() });

/** Runs every module of the bundle `times` times, each time with an empty module cache, as a new workflow does. */
function moduleLoad(code: string, times: number): string {
  let cache: Record<string, unknown> = {};
  const context = vm.createContext({});
  Object.defineProperty(context, '__webpack_module_cache__', {
    value: new Proxy(
      {},
      { get: (_, key) => cache[key as string], set: (_, key, value) => ((cache[key as string] = value), true) },
    ),
  });
  new vm.Script(code).runInContext(context);
  const load = new vm.Script('globalThis.__TEMPORAL__.importWorkflows()');
  const started = now();
  for (let i = 0; i < times; i++) {
    cache = {};
    load.runInContext(context);
  }
  return elapsed(started, times);
}

function recordedHistories() {
  const dir = join(PROJECT_ROOT, 'tests', 'replay', 'histories');
  return readdirSync(dir).map((file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const started = history.events[0].workflowExecutionStartedEventAttributes;
    const input = JSON.parse(Buffer.from(started.input.payloads[0].data, 'base64').toString('utf8'));
    const workflowId = workflowIdFromStart(started.workflowType.name, input);
    if (!workflowId) throw new Error(`${file}: no workflow id rule for workflow type ${started.workflowType.name}`);
    return { workflowId, history };
  });
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const bundle = await bundleWorkflowCode(workflowBundleOptions(workflowsPath));
  console.log(
    `bundle: ${(bundle.code.length / 1024).toFixed(0)} KiB, ${bundle.code.match(/^\/\*\*\*\/ "/gm)?.length ?? '?'} modules`,
  );
  moduleLoad(bundle.code, 20);
  console.log(`modules run per new workflow: ${moduleLoad(bundle.code, rounds * 10)}`);

  const histories = recordedHistories();
  const all = Array.from({ length: rounds }, () => histories).flat();
  const started = now();
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code: bundle.code } }, all)) {
    if (result.error) throw result.error;
  }
  console.log(`replayed ${all.length} recorded workflows: ${elapsed(started, all.length)} each`);
}

void main();
