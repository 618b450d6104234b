// Entry point of the worker process: installs the Temporal runtime that serves the SDK's metrics,
// then polls the task queue until SIGINT/SIGTERM (the SDK drains in-flight tasks before it
// returns). What a restart waits for before taking work is kept to what the work needs: the
// prebuilt workflow bundle is loaded, not made, and the search attributes are registered while the
// worker is created; the retention schedule is made once it polls.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createPrismaClient } from '../activities/prisma-client';
import { loadEnv, publicBaseUrl } from '../config/env';
import { createLogger } from '../config/logger';
import { createOrderWorker } from './create-worker';
import { resumeConnectors } from './resume-connectors';
import { ensureRetentionSchedule, RETENTION_SCHEDULE_ID } from './retention-schedule';
import { installRuntimeWithMetrics } from './runtime';
import { registerSearchAttributes } from './search-attributes';
import { prebuiltWorkflowBundle } from './workflow-bundle';

async function main() {
  const env = loadEnv();
  const logger = createLogger('worker', env.LOG_LEVEL);
  installRuntimeWithMetrics(env.WORKER_METRICS_ADDRESS);
  logger.info({ metrics: `http://${env.WORKER_METRICS_ADDRESS}/metrics` }, 'serving the SDK metrics');

  const prebuilt = prebuiltWorkflowBundle();
  // Never the old code: a missing or stale bundle is made again here, as before there was one.
  if ('unusable' in prebuilt)
    logger.warn(
      { reason: prebuilt.unusable },
      'bundling the workflow code at start, which takes seconds; `npm run build` prebuilds it',
    );

  const admin = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const registered = registerSearchAttributes(admin, env.TEMPORAL_NAMESPACE).then(
    (added) => {
      if (added.length) logger.info({ added }, 'registered search attributes');
    },
    (err: unknown) => {
      // Temporal Cloud and locked-down servers refuse the operator API; their admins add them.
      logger.warn(
        { err: (err as Error).message },
        'could not register search attributes; add them to the namespace by hand (see README)',
      );
    },
  );

  const prisma = createPrismaClient(env.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createOrderWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    prisma,
    outboundAllowedHosts: env.OUTBOUND_ALLOWED_HOSTS,
    publicBaseUrl: publicBaseUrl(env),
    workflowBundle: 'bundle' in prebuilt ? prebuilt.bundle : undefined,
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
  });
  // A workflow that upserts a search attribute the namespace lacks fails its task: they come first.
  await registered;
  logger.info(
    {
      taskQueue: worker.options.taskQueue,
      temporal: env.TEMPORAL_ADDRESS,
      maxCachedWorkflows: worker.options.maxCachedWorkflows,
    },
    'worker polling',
  );
  const running = worker.run();

  const client = new Client({ connection: admin, namespace: env.TEMPORAL_NAMESPACE });
  try {
    // A connector whose workflow was lost (a Temporal server started afresh, a PUT answered 503)
    // runs again; a running one only gets a wake-up.
    logger.info({ connectors: await resumeConnectors(prisma, client) }, 'connectors running');
  } catch (err) {
    logger.error(
      { err: (err as Error).message },
      "could not resume the shops' connectors; they resume at their next configuration or webhook",
    );
  }
  try {
    const outcome = await ensureRetentionSchedule(client);
    logger.info({ scheduleId: RETENTION_SCHEDULE_ID, outcome }, 'personal-data retention schedule');
  } catch (err) {
    // Orders must not stop for it, but an erasure the law requires is not running: loud, not a warning.
    logger.error(
      { err: (err as Error).message, scheduleId: RETENTION_SCHEDULE_ID },
      "could not create the personal-data retention schedule; buyers' personal data is not being erased",
    );
  } finally {
    await admin.close();
  }

  try {
    await running;
  } finally {
    await Promise.all([connection.close(), prisma.$disconnect()]);
    logger.info('worker stopped');
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
