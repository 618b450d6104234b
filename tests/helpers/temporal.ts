// Real Temporal servers for tests: the Java time-skipping test server and the CLI's dev server,
// launched from the pinned local binaries when provisioned (TEMPORAL_TEST_SERVER_PATH,
// TEMPORAL_CLI_PATH) and awaited as long as they take (server-process.ts), otherwise downloaded
// and started by the SDK as it does on an ordinary machine.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { PrismaClient } from '../../activities/prisma-client';
import { createOrderWorker } from '../../worker/create-worker';
import { registerSearchAttributes, searchAttributeDefinitions } from '../../worker/search-attributes';
import { TEST_ALLOWED_HOSTS } from './outbound';
import { startServerProcess, type ServerProcess } from './server-process';

// `create` is the SDK's own way in for an existing server; its public wrapper for one
// (createFromExistingServer) cannot say that the server skips time.
type EnvironmentFactory = { create(options: object): Promise<TestWorkflowEnvironment> };

const HEALTHY_WITHIN_MS = 120_000;

/**
 * An environment over a server process this file started: its teardown stops that process too.
 * The dev server takes connections on its port before its frontend is ready, and then answers
 * "Frontend is not healthy yet" (seen on a busy machine): connecting is tried again until it is.
 */
async function environmentOver(server: ServerProcess, supportsTimeSkipping: boolean): Promise<TestWorkflowEnvironment> {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  let env: TestWorkflowEnvironment;
  for (;;) {
    try {
      env = await (TestWorkflowEnvironment as unknown as EnvironmentFactory).create({
        server: { type: 'existing' },
        address: server.address,
        namespace: 'default',
        supportsTimeSkipping,
      });
      break;
    } catch (err) {
      if (!/not healthy|unavailable/i.test(String(err)) || Date.now() > deadline) {
        await server.stop();
        throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    await teardown();
    await server.stop();
  };
  return env;
}

export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  const env = path
    ? await environmentOver(
        await startServerProcess('the time-skipping test server', path, (port) => [String(port)]),
        true,
      )
    : await TestWorkflowEnvironment.createTimeSkipping();
  // The Java test server implements AddSearchAttributes but not ListSearchAttributes, so the
  // worker's list-then-add registration cannot run against it.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: searchAttributeDefinitions(),
  });
  return env;
}

/** The dev server gets its search attributes the way production does: the worker's registration. */
export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_CLI_PATH;
  const env = path
    ? await environmentOver(
        await startServerProcess('the Temporal dev server', path, (port) => [
          'server',
          'start-dev',
          '--ip',
          '127.0.0.1',
          '--port',
          String(port),
          '--namespace',
          'default',
          '--headless',
          '--log-level',
          'error',
          // As the SDK's own starter runs it: Workflow Update on, no call out for the latest version.
          '--dynamic-config-value',
          'frontend.enableServerVersionCheck=false',
          '--dynamic-config-value',
          'frontend.enableUpdateWorkflowExecution=true',
          '--dynamic-config-value',
          'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
        ]),
        false,
      )
    : await TestWorkflowEnvironment.createLocal({ server: { extraArgs: ['--log-level', 'error'] } });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** The production worker, on the bundle global setup built once. */
export function createTestWorker(
  env: TestWorkflowEnvironment,
  prisma: PrismaClient,
  taskQueue?: string,
): Promise<Worker> {
  const codePath = process.env.TEST_WORKFLOW_BUNDLE;
  return createOrderWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    prisma,
    outboundAllowedHosts: TEST_ALLOWED_HOSTS,
    taskQueue,
    workflowBundle: codePath ? { codePath } : undefined,
  });
}
