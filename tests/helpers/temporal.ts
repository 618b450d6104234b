// Real Temporal servers for tests: the Java time-skipping test server and the CLI's dev server,
// launched from the pinned local binaries when provisioned (TEMPORAL_TEST_SERVER_PATH,
// TEMPORAL_CLI_PATH), otherwise downloaded by the SDK as it does on an ordinary machine.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { PrismaClient } from '../../activities/prisma-client';
import { createOrderWorker } from '../../worker/create-worker';
import { registerSearchAttributes, searchAttributeDefinitions } from '../../worker/search-attributes';

export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  // The Java test server implements AddSearchAttributes but not ListSearchAttributes, so the
  // worker's list-then-add registration cannot run against it.
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes: searchAttributeDefinitions() });
  return env;
}

/** The dev server gets its search attributes the way production does: the worker's registration. */
export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_CLI_PATH;
  const env = await TestWorkflowEnvironment.createLocal({
    server: { ...(path ? { executable: { type: 'existing-path', path } } : {}), extraArgs: ['--log-level', 'error'] },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** The production worker, on the bundle global setup built once. */
export function createTestWorker(env: TestWorkflowEnvironment, prisma: PrismaClient, taskQueue?: string): Promise<Worker> {
  const codePath = process.env.TEST_WORKFLOW_BUNDLE;
  return createOrderWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    prisma,
    taskQueue,
    workflowBundle: codePath ? { codePath } : undefined,
  });
}
