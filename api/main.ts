// Entry point of the HTTP API process.
import { Client } from '@temporalio/client';
import { createPrismaClient } from '../activities/prisma-client';
import { loadEnv, publicBaseUrl } from '../config/env';
import { createLogger } from '../config/logger';
import { ensureOperator } from './access/bootstrap';
import { createApp, DEFAULT_RATE_LIMITS } from './app';
import { connectApiToTemporal } from './temporal-connection';

/** Buyers' links start with PUBLIC_BASE_URL, else the address the API listens at; on a port chosen at start (API_PORT=0), each request's own. */
const publicBaseUrlOf = (env: ReturnType<typeof loadEnv>) =>
  env.PUBLIC_BASE_URL || env.API_PORT ? publicBaseUrl(env) : undefined;

async function main() {
  const env = loadEnv();
  const logger = createLogger('api', env.LOG_LEVEL);
  const prisma = createPrismaClient(env.DATABASE_URL);
  const connection = await connectApiToTemporal(env.TEMPORAL_ADDRESS);
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });

  const operator = await ensureOperator(prisma, env.ADMIN_API_KEY);
  // Straight to the terminal, never into the logs: a key in a log aggregator is a leaked key.
  if (operator.made === 'new')
    process.stdout.write(`Operator API key (shown once; kept in ${operator.file}):\n  ${operator.key}\n`);
  if (operator.made === 'existing')
    process.stdout.write(`Operator API key: ${operator.file ? `in ${operator.file}` : 'as made at the first start'}\n`);

  const limits = {
    ...DEFAULT_RATE_LIMITS,
    perCaller: env.RATE_LIMIT_PER_MINUTE,
    perTarget: env.RATE_LIMIT_PER_TARGET_PER_MINUTE,
  };
  const workbench = { temporalUiUrl: env.TEMPORAL_UI_URL, namespace: env.TEMPORAL_NAMESPACE };
  const server = createApp({
    temporal,
    prisma,
    logger,
    limits,
    outboundAllowedHosts: env.OUTBOUND_ALLOWED_HOSTS,
    publicBaseUrl: publicBaseUrlOf(env),
    workbench,
  }).listen(env.API_PORT, env.HOST, () =>
    logger.info(
      { host: env.HOST, port: env.API_PORT, temporal: env.TEMPORAL_ADDRESS },
      `API listening on http://${env.HOST}:${env.API_PORT}`,
    ),
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
