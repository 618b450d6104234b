// The floor's worker process: the production worker's SDK settings and memory flags (its launcher
// passes worker/process-settings.ts), the floor workflow and nothing else.
import { NativeConnection, Worker } from '@temporalio/worker';
import { installRuntimeWithMetrics } from '../../worker/runtime';
import { floorActivities } from './activities';
import { FLOOR_TASK_QUEUE } from './workflow';

async function main() {
  installRuntimeWithMetrics(process.env.WORKER_METRICS_ADDRESS!);
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    taskQueue: FLOOR_TASK_QUEUE,
    // Bundled by the driver, as the production worker loads the build's bundle.
    workflowBundle: { codePath: process.env.FLOOR_WORKFLOW_BUNDLE! },
    activities: floorActivities,
  });
  console.log('floor worker polling');
  await worker.run();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
