// Builds the worker that runs every workflow and activity on the orders task queue. Shared by
// the worker process and the tests, so both run exactly the same registration.
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { PrismaClient } from '../activities/prisma-client';
import { ORDER_TASK_QUEUE } from '../workflows/definitions';
import { PRELOADED_WORKFLOW_MODULES, WORKFLOWS_PATH } from './workflow-bundle';

export interface OrderWorkerDeps {
  connection: NativeConnection;
  namespace: string;
  prisma: PrismaClient;
  /** OUTBOUND_ALLOWED_HOSTS: where shop-configured URLs may be http or private. */
  outboundAllowedHosts: readonly string[];
  /** PUBLIC_BASE_URL (config/env.ts publicBaseUrl): the default base of buyers' progress links in messages. */
  publicBaseUrl?: string;
  /** The prebuilt bundle (the worker process's, or the tests' own); without it the workflows are bundled here. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  taskQueue?: string;
  /** WORKER_MAX_CACHED_WORKFLOWS; the SDK's heap-sized default when not given. */
  maxCachedWorkflows?: number;
}

export function createOrderWorker(deps: OrderWorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue ?? ORDER_TASK_QUEUE,
    ...(deps.workflowBundle
      ? { workflowBundle: deps.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: PRELOADED_WORKFLOW_MODULES } }),
    maxCachedWorkflows: deps.maxCachedWorkflows,
    activities: createActivities(
      deps.prisma,
      new Client({ connection: deps.connection, namespace: deps.namespace }),
      deps.outboundAllowedHosts,
      deps.publicBaseUrl,
    ),
  });
}
