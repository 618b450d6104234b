// GET /shops/:shopId/figures/tasks, /figures/messages, /figures/orders and /figures/cases: what the
// shop manages agents, messages, orders and after-sales by (T2, O1, O8, O10, A2-A7, R1-R4, seed
// 002), computed from the rows the workflows write, never from logs.
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { loadShopPolicy } from '../../activities/shop-settings';
import { wallClock } from '../../workflows/shop-clock';
import { durationMs } from '../../workflows/shop-policy';
import { caseFigures } from '../case-figures';
import { caseFiguresSchema, messageFigures, orderFiguresSchema, taskFigures } from '../figures-schemas';
import { monthBounds, orderFigures } from '../order-figures';
import { error } from '../response-schemas';
import { ok, route } from '../route-table';
import { SUPERVISORS } from './roles';
import { shopPath } from './shop-policy';

const DAY_MS = 86_400_000;
const periodQuery = z
  .strictObject({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .transform(({ from, to }) => {
    const end = to ? new Date(to) : new Date();
    return { from: from ? new Date(from) : new Date(end.getTime() - 30 * DAY_MS), to: end };
  })
  .refine(({ from, to }) => from < to, { message: 'from must be before to', path: ['from'] });

// Seed 002's figures are monthly, and finance settles courier claims by the month.
export const monthQuery = z.strictObject({
  // Years the shop can have had orders in: a far-off year once reached the database as a 500 (found by schemathesis).
  month: z
    .string()
    .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM, a year from 2000 to 2099')
    .optional(),
});

interface LatencyRow {
  tasks: number;
  claimed: number;
  completed: number;
  claim_p50: number | null;
  claim_p90: number | null;
  complete_p50: number | null;
  complete_p90: number | null;
  claimed_within_target: number;
  claimed_over_limit: number;
}

const seconds = (value: number | null) => (value === null ? null : Math.round(value));

export function figureRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;

  /** The month asked for (default: the current one where the shop is), its bounds in the shop's zone and the policy they were read from. */
  async function shopMonth(shopId: string, asked: string | undefined) {
    const policy = await loadShopPolicy(prisma, shopId);
    const month = asked ?? wallClock(Date.now(), policy.timeZone).date.slice(0, 7);
    const bounds = await monthBounds(prisma, month, policy.timeZone);
    return { bounds, policy, header: { shopId, month, from: bounds.from.toISOString(), to: bounds.to.toISOString() } };
  }

  const access = { kind: 'shop', from: 'params', roles: SUPERVISORS } as const;
  const monthDescription =
    "month: YYYY-MM, from and to the local midnights in the shop's time zone (default: the current month there)";
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/figures/tasks',
      tag: 'figures',
      summary:
        "Agents' response times (T2): time to claim and to complete, against the shop's target and limit, and what is overdue now",
      description: 'from and to: ISO times, default the last 30 days',
      access,
      params: shopPath,
      query: periodQuery,
      responses: { 200: { description: 'Figures', schema: taskFigures }, 400: error('Invalid period') },
      handler: async ({ params, query: period }) => {
        const policy = await loadShopPolicy(prisma, params.shopId);
        const target = durationMs(policy.tasks.responseTarget) / 1000;
        const limit = durationMs(policy.tasks.responseLimit) / 1000;
        const [latency] = await prisma.$queryRaw<LatencyRow[]>`
          WITH t AS (
            SELECT EXTRACT(EPOCH FROM claimed_at - created_at)::float8 AS claim_s,
                   EXTRACT(EPOCH FROM completed_at - created_at)::float8 AS complete_s
            FROM tasks WHERE shop_id = ${params.shopId} AND created_at >= ${period.from} AND created_at < ${period.to})
          SELECT COUNT(*)::int AS tasks, COUNT(claim_s)::int AS claimed, COUNT(complete_s)::int AS completed,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY claim_s) AS claim_p50,
                 percentile_cont(0.9) WITHIN GROUP (ORDER BY claim_s) AS claim_p90,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY complete_s) AS complete_p50,
                 percentile_cont(0.9) WITHIN GROUP (ORDER BY complete_s) AS complete_p90,
                 COUNT(*) FILTER (WHERE claim_s <= ${target})::int AS claimed_within_target,
                 COUNT(*) FILTER (WHERE claim_s > ${limit})::int AS claimed_over_limit
          FROM t`;
        const overdue = await prisma.task.groupBy({
          by: ['queue', 'assignee'],
          where: { shopId: params.shopId, status: { in: ['OPEN', 'CLAIMED'] }, dueAt: { lt: new Date() } },
          _count: { _all: true },
          orderBy: [{ queue: 'asc' }, { assignee: 'asc' }],
        });
        return ok(200, {
          shopId: params.shopId,
          from: period.from.toISOString(),
          to: period.to.toISOString(),
          tasks: latency.tasks,
          claimed: latency.claimed,
          completed: latency.completed,
          secondsToClaim: { p50: seconds(latency.claim_p50), p90: seconds(latency.claim_p90) },
          secondsToComplete: { p50: seconds(latency.complete_p50), p90: seconds(latency.complete_p90) },
          responseTarget: {
            target: policy.tasks.responseTarget,
            claimedWithin: latency.claimed_within_target,
            limit: policy.tasks.responseLimit,
            claimedAfterLimit: latency.claimed_over_limit,
          },
          overdueNow: overdue.map((row) => ({ queue: row.queue, assignee: row.assignee, count: row._count._all })),
        });
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/figures/messages',
      tag: 'figures',
      summary: 'Messages by channel and status, and why the suppressed ones were (M1-M3)',
      description: 'from and to: ISO times, default the last 30 days',
      access,
      params: shopPath,
      query: periodQuery,
      responses: { 200: { description: 'Figures', schema: messageFigures }, 400: error('Invalid period') },
      handler: async ({ params, query: period }) => {
        const groups = await prisma.message.groupBy({
          by: ['channel', 'status'],
          where: { shopId: params.shopId, createdAt: { gte: period.from, lt: period.to } },
          _count: { _all: true },
          orderBy: [{ channel: 'asc' }, { status: 'asc' }],
        });
        const suppressed = await prisma.message.groupBy({
          by: ['reason'],
          where: { shopId: params.shopId, status: 'SUPPRESSED', createdAt: { gte: period.from, lt: period.to } },
          _count: { _all: true },
          orderBy: { reason: 'asc' },
        });
        return ok(200, {
          shopId: params.shopId,
          from: period.from.toISOString(),
          to: period.to.toISOString(),
          byChannelAndStatus: groups.map((row) => ({
            channel: row.channel,
            status: row.status,
            count: row._count._all,
          })),
          suppressedByReason: suppressed.map((row) => ({ reason: row.reason, count: row._count._all })),
        });
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/figures/orders',
      tag: 'figures',
      summary:
        "One month's order figures (seed 002): payment-reminder conversion (O1), on-time shipping (O8), problem parcels and courier claims (O10)",
      description: monthDescription,
      access,
      params: shopPath,
      query: monthQuery,
      responses: { 200: { description: 'Figures', schema: orderFiguresSchema }, 400: error('Invalid month') },
      handler: async ({ params, query }) => {
        const asked = await shopMonth(params.shopId, query.month);
        return ok(200, { ...asked.header, ...(await orderFigures(prisma, params.shopId, asked.bounds, asked.policy)) });
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/figures/cases',
      tag: 'figures',
      summary:
        "One month's after-sales figures (seed 002): return and refund rate (A7), time to first response (A2), time to refund (A5), review repair (R1-R4), compensation (A6)",
      description: monthDescription,
      access,
      params: shopPath,
      query: monthQuery,
      responses: { 200: { description: 'Figures', schema: caseFiguresSchema }, 400: error('Invalid month') },
      handler: async ({ params, query }) => {
        const asked = await shopMonth(params.shopId, query.month);
        return ok(200, {
          ...asked.header,
          ...(await caseFigures(prisma, params.shopId, asked.bounds, asked.policy.cases.firstResponseWithin)),
        });
      },
    }),
  ];
}
