// The worker process serves the Temporal SDK's metrics at WORKER_METRICS_ADDRESS: once it polls,
// and after it has run a workflow with activities, Prometheus finds Core's temporal_ metrics there.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ORDER_TASK_QUEUE } from '../../workflows/definitions';
import { eventually } from '../helpers/eventually';
import { parseSamples, prometheusNumber, sampleValue, type Sample } from '../helpers/prometheus-text';
import { freePort } from '../helpers/server-process';
import { startDevServer } from '../helpers/temporal';
import { workerProcess, type WorkerProcess } from '../helpers/worker-process';

let temporal: TestWorkflowEnvironment;
let worker: WorkerProcess;
let metricsUrl: string;

beforeAll(async () => {
  temporal = await startDevServer();
  const address = `127.0.0.1:${await freePort()}`;
  metricsUrl = `http://${address}/metrics`;
  worker = workerProcess(temporal.address, { TEMPORAL_NAMESPACE: 'default', WORKER_METRICS_ADDRESS: address });
  await worker.start();
});

afterAll(async () => {
  await worker?.stop();
  await temporal?.teardown();
});

/** What the endpoint serves, or nothing while it does not answer yet. */
async function scrape(): Promise<{ contentType: string | null; samples: Sample[] }> {
  if (worker.exitCode() !== null) throw new Error(`the worker exited with ${worker.exitCode()}: ${worker.output()}`);
  const answer = await fetch(metricsUrl).catch(() => undefined);
  return {
    contentType: answer?.headers.get('content-type') ?? null,
    samples: answer?.ok ? parseSamples(await answer.text()) : [],
  };
}

test('serves the SDK metrics in Prometheus format once it polls the orders task queue', async () => {
  const polling = { task_queue: ORDER_TASK_QUEUE, poller_type: 'workflow_task' };
  const slots = (found: Sample[], workerType: string) =>
    sampleValue(found, 'temporal_worker_task_slots_available', {
      task_queue: ORDER_TASK_QUEUE,
      worker_type: workerType,
    });
  // Core reports each worker type's slots once that poller has started, which can be after the
  // workflow poller's first report: wait for all three, then check each.
  const { contentType, samples } = await eventually(
    scrape,
    ({ samples: found }) =>
      (sampleValue(found, 'temporal_num_pollers', polling) ?? 0) > 0 &&
      slots(found, 'WorkflowWorker') !== undefined &&
      slots(found, 'ActivityWorker') !== undefined,
    'the worker polling, with its workflow and activity slots, in its metrics',
    150_000,
  );
  expect(contentType).toMatch(/^text\/plain/);
  expect(slots(samples, 'WorkflowWorker')).toBeGreaterThan(0);
  expect(slots(samples, 'ActivityWorker')).toBeGreaterThan(0);
});

test('counts a workflow it ran: its workflow tasks, their schedule-to-start latency in seconds, its activities', async () => {
  await temporal.client.workflow.execute('personalDataRetention', {
    taskQueue: ORDER_TASK_QUEUE,
    workflowId: `metrics-probe-${randomUUID()}`,
  });
  const ran = { task_queue: ORDER_TASK_QUEUE, workflow_type: 'personalDataRetention' };
  const { samples } = await eventually(
    scrape,
    ({ samples: found }) => (sampleValue(found, 'temporal_workflow_completed', ran) ?? 0) >= 1,
    'the completed workflow, in the metrics',
  );
  expect(
    sampleValue(samples, 'temporal_workflow_task_schedule_to_start_latency_count', { task_queue: ORDER_TASK_QUEUE }),
  ).toBeGreaterThan(0);
  expect(
    sampleValue(samples, 'temporal_activity_execution_latency_count', { activity_type: 'shopsWithOrders' }),
  ).toBeGreaterThan(0);
  // Seconds, not Core's default milliseconds: the upper bounds of the buckets are fractions.
  const bounds = samples
    .filter((sample) => sample.name === 'temporal_workflow_task_schedule_to_start_latency_bucket')
    .map((sample) => prometheusNumber(sample.labels.le));
  expect(Math.min(...bounds)).toBeLessThan(1);
});

test('stops on SIGTERM with exit code 0', async () => {
  expect(await worker.stop()).toEqual({ code: 0, signal: null });
});
