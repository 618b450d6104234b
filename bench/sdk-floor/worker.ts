// The floor's worker process: the production worker's SDK settings and memory flags (its launcher
// passes worker/process-settings.ts), the floor workflow and nothing else.
import type { InjectedSinks } from '@temporalio/worker';
import { NativeConnection, Worker } from '@temporalio/worker';
import { installRuntimeWithMetrics } from '../../worker/runtime';
import type { FloorStep } from './activities';
import { floorActivities } from './activities';
import type { FloorSinks } from './workflow';
import { FLOOR_TASK_QUEUE } from './workflow';

// Each step tells the driver it happened over this process's IPC channel, as the order's rows tell the bench's watcher.
const sinks: InjectedSinks<FloorSinks> = {
  floor: {
    reached: {
      fn: ({ workflowId }, step) => void process.send?.({ workflowId, step } satisfies FloorStep),
      callDuringReplay: false,
    },
  },
};

async function main() {
  installRuntimeWithMetrics(process.env.WORKER_METRICS_ADDRESS!);
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    taskQueue: FLOOR_TASK_QUEUE,
    // Bundled by the driver, as the production worker loads the build's bundle.
    workflowBundle: { codePath: process.env.FLOOR_WORKFLOW_BUNDLE! },
    activities: floorActivities,
    sinks,
  });
  console.log('floor worker polling');
  await worker.run();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
