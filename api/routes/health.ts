// GET /health: is each dependency reachable, and is a worker taking the orders' work? 200 when
// all are, 503 naming the one that is not.
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import type { PrismaClient } from '../../activities/prisma-client';
import { ORDER_TASK_QUEUE } from '../../workflows/definitions';
import { ok, route } from '../route-table';

const CHECK_TIMEOUT_MS = 3000;

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  } finally {
    clearTimeout(timer);
  }
}

const check = z.object({ ok: z.boolean(), latencyMs: z.number().int(), error: z.string().optional() });
const health = z.object({ status: z.enum(['ok', 'unavailable']), temporal: check, database: check, worker: check });

export function healthRoutes(deps: { temporal: Client; prisma: PrismaClient }) {
  return [
    route({
      method: 'get',
      path: '/health',
      tag: 'operations',
      summary: 'Reachability of Temporal and the database, and whether a worker polls the orders task queue',
      access: { kind: 'public', why: 'For load balancers and monitors: it says nothing about any shop' },
      responses: {
        200: { description: 'Everything is reachable', schema: health },
        503: { description: 'A dependency is unreachable', schema: health },
      },
      handler: async () => {
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
        const healthy = temporal.ok && database.ok && worker.ok;
        return ok(
          healthy ? 200 : 503,
          { status: healthy ? 'ok' : 'unavailable', temporal, database, worker },
          healthy ? undefined : { 'Retry-After': '5' },
        );
      },
    }),
  ];
}
