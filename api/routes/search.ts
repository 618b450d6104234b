// Finding an order the way a buyer or the warehouse names it (GET /shops/:shopId/search?q=): by
// order id, the buyer's phone, the parcel's tracking number, a case id or a return's tracking
// number; each order found comes with its cases and the tasks still open on it. Only in the
// caller's shop. The text searched for stays in the query string, which the request log leaves
// out (it logs the path), since a phone number is personal data.
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { CASE_STATUSES, CASE_TYPES, caseWorkflowId, ORDER_STATUSES } from '../../workflows/definitions';
import { LOCALES } from '../../workflows/shop-policy';
import { idSchema } from '../field-rules';
import { amountText, isoTime } from '../response-schemas';
import { ok, route } from '../route-table';
import { taskShowing, taskView, taskViewSchema } from '../task-view';
import { PEOPLE_WHO_READ } from './roles';
import { workedQueues } from './tasks';

const MATCHES = ['orderId', 'buyerPhone', 'trackingNumber', 'caseId', 'returnTrackingNumber'] as const;
type Match = (typeof MATCHES)[number];

/** At most this many orders; a phone may have bought often. */
const ORDER_LIMIT = 20;

const searchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .describe('An order id, a buyer phone, a tracking number, a case id or a return tracking number, exactly'),
  lang: z.enum(LOCALES).optional().describe("The language of the tasks' texts; default the shop's"),
});

const found = z.object({
  matchedBy: z.array(z.enum(MATCHES)).describe('What the text matched'),
  order: z
    .object({
      orderId: z.string(),
      status: z.enum(ORDER_STATUSES),
      platform: z.string(),
      buyerName: z.string(),
      totalAmount: amountText,
      currency: z.string(),
      courier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      placedAt: isoTime,
    })
    .nullable()
    .describe('Null when only a case names the order and its row is not written yet'),
  orderId: z.string(),
  cases: z.array(
    z.object({
      caseId: z.string(),
      type: z.enum(CASE_TYPES),
      status: z.enum(CASE_STATUSES),
      returnTrackingNumber: z.string().nullable(),
      openedAt: isoTime,
    }),
  ),
  openTasks: z
    .array(taskViewSchema)
    .describe(
      'The tasks open or claimed on the order and its cases in the queues the caller works (as GET /tasks), soonest due first',
    ),
});

/** The ways a phone is typed: as given, without spaces or dashes, without China's +86. */
function phoneForms(q: string): string[] {
  const compact = q.replace(/[\s-]/g, '');
  return [...new Set([q, compact, compact.replace(/^(\+?86)(?=1\d{10}$)/, '')])];
}

export function searchRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/search',
      tag: 'tasks',
      summary:
        "Find a shop's orders by order id, buyer phone or tracking number (and cases by id or return tracking number), with their open tasks",
      access: { kind: 'shop', from: 'params', roles: PEOPLE_WHO_READ },
      params: z.object({ shopId: idSchema }),
      query: searchQuery,
      responses: {
        200: {
          description: 'What was found, newest order first (at most 20 orders)',
          schema: z.object({ shopId: z.string(), results: z.array(found) }),
        },
      },
      handler: async ({ params, query, caller }) => {
        const { shopId } = params;
        const { q } = query;
        const [orders, cases] = await Promise.all([
          prisma.order.findMany({
            where: { shopId, OR: [{ orderId: q }, { buyerPhone: { in: phoneForms(q) } }, { trackingNumber: q }] },
            orderBy: { placedAt: 'desc' },
            take: ORDER_LIMIT,
          }),
          prisma.afterSalesCase.findMany({
            where: { shopId, OR: [{ caseId: q }, { returnTrackingNumber: q }] },
            take: ORDER_LIMIT,
          }),
        ]);
        const matched = new Map<string, Set<Match>>();
        const mark = (orderId: string, by: Match) =>
          matched.set(orderId, (matched.get(orderId) ?? new Set<Match>()).add(by));
        for (const order of orders) {
          if (order.orderId === q) mark(order.orderId, 'orderId');
          if (order.buyerPhone && phoneForms(q).includes(order.buyerPhone)) mark(order.orderId, 'buyerPhone');
          if (order.trackingNumber === q) mark(order.orderId, 'trackingNumber');
        }
        for (const kase of cases) mark(kase.orderId, kase.caseId === q ? 'caseId' : 'returnTrackingNumber');
        const orderIds = [...matched.keys()].slice(0, ORDER_LIMIT);
        if (!orderIds.length) return ok(200, { shopId, results: [] });

        const missing = orderIds.filter((id) => !orders.some((order) => order.orderId === id));
        const [moreOrders, orderCases, how] = await Promise.all([
          missing.length ? prisma.order.findMany({ where: { shopId, orderId: { in: missing } } }) : [],
          prisma.afterSalesCase.findMany({
            where: { shopId, orderId: { in: orderIds } },
            orderBy: { openedAt: 'asc' },
          }),
          taskShowing(prisma, shopId, query.lang),
        ]);
        const tasks = await prisma.task.findMany({
          where: {
            shopId,
            status: { in: ['OPEN', 'CLAIMED'] },
            queue: { in: [...workedQueues(caller)] },
            OR: [
              { orderId: { in: orderIds } },
              { workflowId: { in: orderCases.map((kase) => caseWorkflowId(shopId, kase.caseId)) } },
            ],
          },
          orderBy: { dueAt: 'asc' },
        });
        const rows = new Map([...orders, ...moreOrders].map((order) => [order.orderId, order]));
        const results = orderIds.map((orderId) => {
          const order = rows.get(orderId);
          const theirCases = orderCases.filter((kase) => kase.orderId === orderId);
          const workflows = new Set(theirCases.map((kase) => caseWorkflowId(shopId, kase.caseId)));
          return {
            matchedBy: MATCHES.filter((by) => matched.get(orderId)!.has(by)),
            orderId,
            order: order
              ? {
                  orderId,
                  status: order.status,
                  platform: order.platform,
                  buyerName: order.buyerName,
                  totalAmount: order.totalAmount.toFixed(2),
                  currency: order.currency,
                  courier: order.courier,
                  trackingNumber: order.trackingNumber,
                  placedAt: order.placedAt.toISOString(),
                }
              : null,
            cases: theirCases.map((kase) => ({
              caseId: kase.caseId,
              type: kase.type,
              status: kase.status,
              returnTrackingNumber: kase.returnTrackingNumber,
              openedAt: kase.openedAt.toISOString(),
            })),
            openTasks: tasks
              .filter((task) => task.orderId === orderId || workflows.has(task.workflowId))
              .map((task) => taskView(task, how)),
          };
        });
        return ok(200, { shopId, results });
      },
    }),
  ];
}
