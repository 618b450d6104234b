// At the worker's start, every switched-on connector's workflow is made sure to run.
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../activities/prisma-client';
import { wakeConnector } from '../api/connector-workflows';

/** Answers how many connectors were woken (or started). */
export async function resumeConnectors(prisma: PrismaClient, temporal: Client): Promise<number> {
  const rows = await prisma.connector.findMany({ where: { enabled: true }, select: { shopId: true, platform: true } });
  for (const row of rows) await wakeConnector({ temporal }, row.shopId, row.platform);
  return rows.length;
}
