// POST /shops/:shopId/buyers/:buyerId/erasure: a buyer's request to be forgotten (PIPL/GDPR),
// done at once for every closed order of theirs; open ones are named and wait until they close.
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { eraseBuyerPersonalData } from '../../activities/personal-data-erasure';
import type { PrismaClient } from '../../activities/prisma-client';
import { runningWorkflows } from '../../activities/running-workflows';
import { idSchema, textSchema } from '../field-rules';
import { ok, route } from '../route-table';
import { ADMIN } from './roles';

const count = z.number().int().min(0);
const erasure = z.object({
  counts: z
    .object({
      orders: count,
      intakes: count,
      orderLogEntries: count,
      messages: count,
      cases: count,
      caseLogEntries: count,
      tasks: count,
      connectorMessages: count,
    })
    .describe('Rows changed per table'),
  erased: z.array(z.string()).describe('Order ids whose personal data is gone'),
  notYet: z.array(z.string()).describe('Order ids still open (or with a workflow running): ask again once they close'),
});

export function buyerErasureRoutes(deps: { temporal: Client; prisma: PrismaClient }) {
  return [
    route({
      method: 'post',
      path: '/shops/:shopId/buyers/:buyerId/erasure',
      tag: 'access',
      summary:
        "Erase a buyer's name, phone, e-mail and address from the shop's closed orders, cases and messages, leaving ids and figures",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: z.object({ shopId: idSchema, buyerId: textSchema(128) }),
      audited: true,
      responses: { 200: { description: 'What was erased, and what waits for its order to close', schema: erasure } },
      handler: async ({ params }) =>
        ok(200, await eraseBuyerPersonalData(deps.prisma, params, runningWorkflows(deps.temporal))),
    }),
  ];
}
