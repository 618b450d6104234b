// GET /health: is each dependency reachable, and is a worker taking the orders' work? 200 when
// all are, 503 naming the one that is not.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import type { PrismaClient } from '../../activities/prisma-client';
import { ORDER_TASK_QUEUE } from '../../workflows/definitions';

const CHECK_TIMEOUT_MS = 3000;

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS); }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRouter(deps: { temporal: Client; prisma: PrismaClient }): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [temporal, database, worker] = await Promise.all([
      probe(() => deps.temporal.workflowService.getSystemInfo({})),
      probe(() => deps.prisma.$queryRaw`SELECT 1`),
      // Orders are accepted without a worker, but nothing happens to them until one polls.
      probe(async () => {
        const { pollers } = await deps.temporal.workflowService.describeTaskQueue({
          namespace: deps.temporal.options.namespace,
          taskQueue: { name: ORDER_TASK_QUEUE },
          taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        });
        if (!pollers?.length) throw new Error(`no worker has polled task queue "${ORDER_TASK_QUEUE}" recently`);
      }),
    ]);
    const ok = temporal.ok && database.ok && worker.ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', temporal, database, worker });
  });
  return router;
}
