// Entry point of the HTTP API process.
import { Client } from '@temporalio/client';
import { createPrismaClient } from '../activities/prisma-client';
import { loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import { createApp } from './app';
import { connectApiToTemporal } from './temporal-connection';

async function main() {
  const env = loadEnv();
  const logger = createLogger('api', env.LOG_LEVEL);
  const prisma = createPrismaClient(env.DATABASE_URL);
  const connection = await connectApiToTemporal(env.TEMPORAL_ADDRESS);
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });

  const server = createApp({ temporal, prisma, logger }).listen(env.API_PORT, () =>
    logger.info({ port: env.API_PORT, temporal: env.TEMPORAL_ADDRESS }, `API listening on http://localhost:${env.API_PORT}`),
  );
  const stop = () => {
    logger.info('stopping');
    server.close(async () => {
      await Promise.all([connection.close(), prisma.$disconnect()]);
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
