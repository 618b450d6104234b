// Entry point of the worker process: registers search attributes, then polls the task queue
// until SIGINT/SIGTERM (the SDK drains in-flight tasks before it returns).
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createPrismaClient } from '../activities/prisma-client';
import { loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import { createOrderWorker } from './create-worker';
import { registerSearchAttributes } from './search-attributes';

async function main() {
  const env = loadEnv();
  const logger = createLogger('worker', env.LOG_LEVEL);

  const admin = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  try {
    const added = await registerSearchAttributes(admin, env.TEMPORAL_NAMESPACE);
    if (added.length) logger.info({ added }, 'registered search attributes');
  } catch (err) {
    // Temporal Cloud and locked-down servers refuse the operator API; their admins add them.
    logger.warn({ err: (err as Error).message }, 'could not register search attributes; add them to the namespace by hand (see README)');
  } finally {
    await admin.close();
  }

  const prisma = createPrismaClient(env.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createOrderWorker({ connection, namespace: env.TEMPORAL_NAMESPACE, prisma, outboundAllowedHosts: env.OUTBOUND_ALLOWED_HOSTS });
  logger.info({ taskQueue: worker.options.taskQueue, temporal: env.TEMPORAL_ADDRESS }, 'worker polling');
  try {
    await worker.run();
  } finally {
    await Promise.all([connection.close(), prisma.$disconnect()]);
    logger.info('worker stopped');
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
