// What the Temporal SDK alone costs the worker for an order's shape of history (issue 13): the
// floor workflow (workflow.ts) does nothing but the commands a happy-path order makes, on the same
// dev server, worker settings and open-loop rate as `npm run bench`, so the worker CPU per order
// that bench prints can be read against the part of it no project code can take away.
// Run: npm run bench:sdk-floor -- [workflows, 120] [per second, 1] [shape: order | deadlines | bare]; a
// measurement, not a test.
import { fork } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DATA_DIR } from '../../config/paths';
import { freePort } from '../../tests/helpers/server-process';
import { workerLaunch } from '../../worker/process-settings';
import { registerSearchAttributes } from '../../worker/search-attributes';
import { workflowBundleOptions } from '../../worker/workflow-bundle';
import { historyEventTypes } from '../history-count';
import { percentiles } from '../figures';
import { ProcessMeter } from '../process-meter';
import { stopProcess, temporalServer } from '../stack';
import type { FloorStep } from './activities';
import type { FloorShape } from './workflow';
import { FLOOR_SHAPES, FLOOR_SIGNALS, FLOOR_TASK_QUEUE, floorEventSignal, floorOrderWorkflow } from './workflow';

const [count, rate, shape] = [
  Number(process.argv[2] ?? 120),
  Number(process.argv[3] ?? 1),
  (process.argv[4] ?? 'order') as FloorShape,
];
const say = (line: string) => console.log(`==> ${line}`);

async function main() {
  if (!(count >= 1 && rate > 0 && FLOOR_SHAPES.includes(shape)))
    throw new Error(
      `usage: npm run bench:sdk-floor -- [workflows ≥ 1] [workflows per second > 0] [${FLOOR_SHAPES.join(' | ')}]`,
    );
  const logDir = join(DATA_DIR, 'bench', `sdk-floor-${new Date().toISOString().replace(/[-:]|\.\d+/g, '')}`);
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, 'stack.log'));
  const { address, temporal } = await temporalServer(logDir, log, say);
  const metricsPort = await freePort();

  say('Bundling the floor workflow');
  const bundlePath = join(logDir, 'floor-workflow-bundle.js');
  const { code } = await bundleWorkflowCode(workflowBundleOptions(require.resolve('./workflow')));
  writeFileSync(bundlePath, code);
  const launchWorker = workerLaunch(
    {
      ...process.env,
      FLOOR_WORKFLOW_BUNDLE: bundlePath,
      TEMPORAL_ADDRESS: address,
      WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
    },
    join(__dirname, 'worker.js'),
  );
  const worker = fork(launchWorker.args.at(-1)!, [], {
    execArgv: launchWorker.args.slice(0, -1),
    env: launchWorker.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  worker.stdout!.pipe(log);
  worker.stderr!.pipe(log);
  const waiting = new Map<string, { step: number; done: () => void }>();
  worker.on('message', ({ workflowId, step }: FloorStep) => {
    const waiter = waiting.get(workflowId);
    if (waiter && step >= waiter.step) waiter.done();
  });
  say('Starting the floor worker');
  await new Promise<void>((resolve, reject) => {
    worker.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('floor worker polling') && resolve());
    worker.once('exit', (code) =>
      reject(new Error(`the floor worker exited (code ${code}); see ${join(logDir, 'stack.log')}`)),
    );
  });
  // A worker lost in the run would leave every journey waiting.
  const lost = (code: number | null) => {
    console.error(`the floor worker exited (code ${code}) during the run; see ${join(logDir, 'stack.log')}`);
    process.exit(1);
  };
  worker.once('exit', lost);

  const connection = await Connection.connect({ address });
  // A server of someone else's (TEMPORAL_ADDRESS) may lack the attribute the floor workflow upserts.
  await registerSearchAttributes(connection, 'default');
  const client = new Client({ connection });
  const reached = (workflowId: string, step: number) =>
    new Promise<void>((done) => waiting.set(workflowId, { step, done }));
  const runId = Date.now().toString(36);
  const latencies: number[] = [];
  const journey = async (index: number) => {
    const workflowId = `floor-${runId}-${index}`;
    const stepped = reached(workflowId, 0);
    const handle = await client.workflow.start(floorOrderWorkflow, {
      taskQueue: FLOOR_TASK_QUEUE,
      workflowId,
      args: [shape],
    });
    await stepped;
    for (let step = 1; step <= FLOOR_SIGNALS; step++) {
      const next = reached(workflowId, step);
      const started = performance.now();
      await handle.signal(floorEventSignal);
      await next;
      latencies.push(performance.now() - started);
    }
    await handle.result();
    waiting.delete(workflowId);
    return workflowId;
  };

  const meter = new ProcessMeter(() => ({
    worker: [worker.pid!],
    api: [],
    temporal: temporal?.child.pid ? [temporal.child.pid] : [],
    postgres: [],
  }));
  // What the worker spends with nothing to do (pollers, metrics), which a per-workflow figure at a low rate carries.
  const idle = new ProcessMeter(() => ({ worker: [worker.pid!], api: [], temporal: [], postgres: [] }));
  say('Measuring the idle worker for 10 s, after 10 s for its start to settle');
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  idle.start();
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  idle.stop();
  const idlePerSecond = idle.cpuMs().worker / 10;
  say(`Load: ${count} floor workflows at ${rate}/s`);
  meter.start();
  const driverBefore = process.cpuUsage();
  const journeys: Array<Promise<string>> = [];
  for (let index = 0; index < count; index++) {
    journeys.push(journey(index));
    if ((index + 1) % Math.max(1, Math.round(rate * 10)) === 0) say(`  ${index + 1} started`);
    await new Promise((resolve) => setTimeout(resolve, 1000 / rate));
  }
  const ids = await Promise.all(journeys);
  meter.stop();
  const cpu = meter.cpuMs();
  const driverUsage = process.cpuUsage(driverBefore);
  // The driver is a Temporal client doing what the API does per order (a start and seven signals) and little else: a floor under the API's figure.
  const clientMs = (driverUsage.user + driverUsage.system) / 1000 / count;

  const sample = ids.slice(-Math.min(20, ids.length));
  const events = await Promise.all(sample.map((id) => historyEventTypes(client, id)));
  const byType = new Map<string, number>();
  for (const type of events.flat()) byType.set(type, (byType.get(type) ?? 0) + 1);
  const signalled = percentiles(latencies);
  console.log(`
SDK floor (also in ${join(logDir, 'result.json')}):
  workflows                 ${count} at ${rate}/s, shape ${shape}, each ${FLOOR_SIGNALS} signals in turn
  worker CPU per workflow   ${(cpu.worker / count).toFixed(1)} ms${temporal ? `; Temporal server ${(cpu.temporal / count).toFixed(1)} ms` : ''}
  client CPU per workflow   ${clientMs.toFixed(1)} ms (this driver: its start, ${FLOOR_SIGNALS} signals, its result)
  worker CPU when idle      ${idlePerSecond.toFixed(1)} ms per second
  worker RSS                peak ${Math.max(...meter.workerRss.map((r) => r.mib)).toFixed(0)} MiB
  signal to step done       p50 ${signalled.p50.toFixed(0)} ms, p99 ${signalled.p99.toFixed(0)} ms
  history events            ${(events.flat().length / sample.length).toFixed(1)} per workflow: ${[...byType]
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type} ${(n / sample.length).toFixed(1)}`)
    .join(', ')}`);
  writeFileSync(
    join(logDir, 'result.json'),
    `${JSON.stringify({ count, rate, shape, cpuMs: cpu, clientCpuMsPerWorkflow: clientMs, idleWorkerCpuMsPerSecond: idlePerSecond, historyEvents: events.flat().length / sample.length }, null, 1)}\n`,
  );

  await connection.close();
  worker.off('exit', lost);
  worker.kill('SIGTERM');
  if (temporal) await stopProcess(temporal);
  log.end();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
