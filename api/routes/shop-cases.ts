// GET /shops/:shopId/cases: a shop's after-sales cases, newest first, for the order page (its
// cases) and for lists by type or status. The buyer's description stays on the case's own page.
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { CASE_STATUSES, CASE_TYPES } from '../../workflows/definitions';
import { idSchema } from '../field-rules';
import { amountText, isoTime } from '../response-schemas';
import { ok, route } from '../route-table';
import { PEOPLE_WHO_READ } from './roles';
import { shopPath } from './shop-policy';

const listQuery = z.strictObject({
  orderId: idSchema.optional(),
  type: z.enum(CASE_TYPES).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const caseLine = z.object({
  caseId: z.string(),
  orderId: z.string(),
  workflowId: z.string(),
  type: z.enum(CASE_TYPES),
  status: z.enum(CASE_STATUSES),
  requestedAmount: amountText.nullable(),
  currency: z.string(),
  openedAt: isoTime,
  closedAt: isoTime.nullable(),
});

export function shopCaseRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/cases',
      tag: 'cases',
      summary: "A shop's after-sales cases, newest first; filter by order, type or status",
      access: { kind: 'shop', from: 'params', roles: PEOPLE_WHO_READ },
      params: shopPath,
      query: listQuery,
      responses: { 200: { description: 'Cases', schema: z.object({ cases: z.array(caseLine) }) } },
      handler: async ({ params, query }) => {
        const rows = await prisma.afterSalesCase.findMany({
          where: { shopId: params.shopId, orderId: query.orderId, type: query.type, status: query.status },
          orderBy: { openedAt: 'desc' },
          take: query.limit,
        });
        return ok(200, {
          cases: rows.map((row) => ({
            caseId: row.caseId,
            orderId: row.orderId,
            workflowId: row.workflowId,
            type: row.type,
            status: row.status,
            requestedAmount: row.requestedAmount?.toFixed(2) ?? null,
            currency: row.currency,
            openedAt: row.openedAt.toISOString(),
            closedAt: row.closedAt?.toISOString() ?? null,
          })),
        });
      },
    }),
  ];
}
