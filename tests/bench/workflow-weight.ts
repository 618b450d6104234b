// What each new workflow costs the worker before it does anything (issue 13): the bundle's size,
// the time to run its modules once more (the reusable V8 context runs them for every workflow),
// and the time to replay every recorded history N times through a real worker's VM.
// Run: npx jiti tests/bench/workflow-weight.ts [rounds]; a measurement, not a test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { caseWorkflowId, orderWorkflowId, reviewRepairWorkflowId } from '../../workflows/definitions';

const rounds = Number(process.argv[2] ?? 20);
const silent = () => {};
const logger = { log: silent, trace: silent, debug: silent, info: silent, warn: silent, error: console.error };

/** Runs every module of the bundle `times` times, each time with an empty module cache, as a new workflow does. */
function moduleLoadMs(code: string, times: number): number {
  let cache: Record<string, unknown> = {};
  const context = vm.createContext({});
  Object.defineProperty(context, '__webpack_module_cache__', {
    value: new Proxy({}, { get: (_, key) => cache[key as string], set: (_, key, value) => ((cache[key as string] = value), true) }),
  });
  new vm.Script(code).runInContext(context);
  const load = new vm.Script('globalThis.__TEMPORAL__.importWorkflows()');
  const started = process.hrtime.bigint();
  for (let i = 0; i < times; i++) {
    cache = {};
    load.runInContext(context);
  }
  return Number(process.hrtime.bigint() - started) / 1e6 / times;
}

const WORKFLOW_IDS: Record<string, (input: Record<string, string>) => string> = {
  orderWorkflow: ({ shopId, orderId }) => orderWorkflowId(shopId, orderId),
  afterSalesCaseWorkflow: ({ shopId, caseId }) => caseWorkflowId(shopId, caseId),
  reviewRepairWorkflow: ({ shopId, orderId }) => reviewRepairWorkflowId(shopId, orderId),
};

function recordedHistories() {
  const dir = join(__dirname, '../replay/histories');
  return readdirSync(dir).map((file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const started = history.events[0].workflowExecutionStartedEventAttributes;
    const input = JSON.parse(Buffer.from(started.input.payloads[0].data, 'base64').toString('utf8'));
    return { workflowId: WORKFLOW_IDS[started.workflowType.name](input), history };
  });
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger });
  console.log(`bundle: ${(bundle.code.length / 1024).toFixed(0)} KiB, ${bundle.code.match(/^\/\*\*\*\/ "/gm)?.length ?? '?'} modules`);
  moduleLoadMs(bundle.code, 20);
  console.log(`modules run per new workflow: ${moduleLoadMs(bundle.code, rounds * 10).toFixed(2)} ms`);

  const histories = recordedHistories();
  const all = Array.from({ length: rounds }, () => histories).flat();
  const started = process.hrtime.bigint();
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code: bundle.code } }, all)) {
    if (result.error) throw result.error;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`replayed ${all.length} recorded workflows: ${(ms / all.length).toFixed(2)} ms each`);
}

void main();
