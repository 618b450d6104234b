// Runs the production worker on a real Temporal server for the whole of a test file.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { PrismaClient } from '../../activities/prisma-client';
import { testPrisma } from './database';
import { createTestWorker } from './temporal';

export interface WorkerHarness {
  env: TestWorkflowEnvironment;
  prisma: PrismaClient;
  worker: Worker;
}

/** Registers the file's beforeAll/afterAll; the returned object is filled in before the tests run. */
export function runWorkerDuringTests(
  startServer: () => Promise<TestWorkflowEnvironment>,
  taskQueue?: string,
): WorkerHarness {
  const harness = {} as WorkerHarness;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    harness.env = await startServer();
    harness.prisma = testPrisma();
    harness.worker = await createTestWorker(harness.env, harness.prisma, taskQueue);
    running = harness.worker.run();
  });
  afterAll(async () => {
    harness.worker?.shutdown();
    await running;
    await harness.prisma?.$disconnect();
    await harness.env?.teardown();
  });
  return harness;
}
