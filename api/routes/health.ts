// GET /health: is each dependency reachable? 200 when all are, 503 naming the one that is not.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';

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
    const [temporal, database] = await Promise.all([
      probe(() => deps.temporal.workflowService.getSystemInfo({})),
      probe(() => deps.prisma.$queryRaw`SELECT 1`),
    ]);
    const ok = temporal.ok && database.ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', temporal, database });
  });
  return router;
}
