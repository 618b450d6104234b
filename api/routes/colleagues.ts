// GET /shops/:shopId/colleagues: who a task can be handed to (T3), for everyone who works tasks.
// The admin's GET /shops/:shopId/people shows more (machines, since when); this shows people only.
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { TASK_QUEUES } from '../../workflows/task-kinds';
import { ok, route } from '../route-table';
import { TASK_WORKERS } from './roles';
import { shopPath } from './shop-policy';

const colleague = z.object({
  identityId: z.string(),
  name: z.string(),
  role: z.enum(['agent', 'supervisor', 'admin']),
  queues: z.array(z.enum(TASK_QUEUES)),
});

export function colleagueRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/colleagues',
      tag: 'tasks',
      summary: 'The people who work tasks in the shop, with their role and queues: whom a task can be handed to',
      access: { kind: 'shop', from: 'params', roles: TASK_WORKERS },
      params: shopPath,
      responses: { 200: { description: 'Colleagues, by login', schema: z.object({ colleagues: z.array(colleague) }) } },
      handler: async ({ params }) => {
        const rows = await prisma.shopMembership.findMany({
          where: { shopId: params.shopId, role: { in: [...TASK_WORKERS] }, identity: { kind: 'PERSON' } },
          include: { identity: true },
          orderBy: { identityId: 'asc' },
        });
        return ok(200, {
          colleagues: rows.map((row) => ({
            identityId: row.identityId,
            name: row.identity.name,
            role: row.role as 'agent' | 'supervisor' | 'admin',
            queues: row.queues.filter((queue): queue is (typeof TASK_QUEUES)[number] =>
              (TASK_QUEUES as readonly string[]).includes(queue),
            ),
          })),
        });
      },
    }),
  ];
}
