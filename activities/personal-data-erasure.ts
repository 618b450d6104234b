// PIPL/GDPR: a buyer's name, phone, e-mail, platform handle, address and free text are erased from
// every row of an order (its row, the posted intake, its log, its messages, its cases and their
// logs, its tasks) once nothing runs for it any more: by the shop's retention (the daily sweep) or
// at the buyer's request. Ids, amounts, statuses, times, item lines, couriers and tracking numbers
// stay, so the month's figures, the refund ledger and the courier claims still add up. Each erasure
// is recorded in the order's log (O6) as a `personal_data_erased` entry with counts only.
//
// The payload hashes of the intake and of the logged events are kept: a repeated POST of the
// original order (or event) still hashes equal, so it is answered as a repeat of a closed order,
// its personal data is not stored again and nothing restarts. Only closed orders (COMPLETED,
// CANCELLED) are erased, and the API never starts a closed order's workflow again.
import { Prisma } from '../generated/prisma/client';
import { CLOSED_CASE_STATUSES, CLOSED_ORDER_STATUSES } from '../workflows/definitions';
import { newAccessToken } from './case-activities';
import { ERASED, scrubbed, withoutPersonalFields, type Json as StoredJson } from './personal-fields';
import type { PrismaClient } from './prisma-client';
import type { RunningWorkflows } from './running-workflows';

/** The log entry type that records an erasure. */
export const ERASURE_ENTRY_TYPE = 'personal_data_erased';

/** Rows changed, per table. */
export interface ErasureCounts {
  orders: number;
  intakes: number;
  orderLogEntries: number;
  messages: number;
  cases: number;
  caseLogEntries: number;
  tasks: number;
  connectorMessages: number;
}

export interface ErasureResult {
  counts: ErasureCounts;
  /** Orders whose personal data was erased. */
  erased: string[];
  /** Orders left as they are because they (or a case or review repair of theirs) are still open or running. */
  notYet: string[];
}

type Json = Prisma.InputJsonValue;

const noCounts = (): ErasureCounts => ({
  orders: 0,
  intakes: 0,
  orderLogEntries: 0,
  messages: 0,
  cases: 0,
  caseLogEntries: 0,
  tasks: 0,
  connectorMessages: 0,
});

interface Settled {
  orderId: string;
  /** The order's workflow and those of its cases and review repair. */
  workflowIds: string[];
}

const closedOrders = Prisma.join(CLOSED_ORDER_STATUSES);
const closedCases = Prisma.join(CLOSED_CASE_STATUSES);

/** Closed orders of the shop, matching `filter`, whose cases and review repair are closed too. */
function settledOrders(db: PrismaClient, shopId: string, filter: Prisma.Sql, limit: number): Promise<Settled[]> {
  return db.$queryRaw<Settled[]>`
    SELECT o.order_id AS "orderId",
           ARRAY[o.workflow_id]
             || ARRAY(SELECT c.workflow_id FROM cases c WHERE c.shop_id = o.shop_id AND c.order_id = o.order_id)
             || ARRAY(SELECT r.workflow_id FROM review_repairs r WHERE r.shop_id = o.shop_id AND r.order_id = o.order_id) AS "workflowIds"
    FROM orders o
    WHERE o.shop_id = ${shopId} AND o.status::text IN (${closedOrders}) ${filter}
      AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.shop_id = o.shop_id AND c.order_id = o.order_id AND c.status::text NOT IN (${closedCases}))
      AND NOT EXISTS (SELECT 1 FROM review_repairs r WHERE r.shop_id = o.shop_id AND r.order_id = o.order_id AND r.outcome IS NULL)
    ORDER BY o.updated_at, o.order_id
    LIMIT ${limit}`;
}

/** Erases one order's personal data everywhere, in one transaction, and records it. */
async function eraseOrder(db: PrismaClient, shopId: string, orderId: string, by: string): Promise<ErasureCounts> {
  return db.$transaction(
    async (tx) => {
      const counts = noCounts();
      const byOrder = { shopId, orderId };
      const order = await tx.order.findUniqueOrThrow({ where: { shopId_orderId: byOrder } });
      await tx.order.update({
        where: { shopId_orderId: byOrder },
        data: {
          buyerId: ERASED,
          buyerName: ERASED,
          buyerPhone: null,
          buyerEmail: null,
          shippingAddress: withoutPersonalFields(order.shippingAddress as StoredJson) as Json,
        },
      });
      counts.orders = 1;

      const intake = await tx.orderIntake.findUnique({ where: { shopId_orderId: byOrder } });
      const payload = scrubbed(intake?.payload);
      if (payload !== undefined) {
        await tx.orderIntake.update({ where: { shopId_orderId: byOrder }, data: { payload: payload as Json } });
        counts.intakes = 1;
      }

      for (const entry of await tx.orderLogEntry.findMany({ where: byOrder })) {
        const data = scrubbed(entry.data);
        // Reasons reported with events (and copied onto flagged changes) are free text from outside.
        const reason = entry.reason !== null && (entry.kind === 'EVENT' || entry.flagged);
        if (data === undefined && !reason) continue;
        await tx.orderLogEntry.update({
          where: { shopId_orderId_entryId: { ...byOrder, entryId: entry.entryId } },
          data: { ...(data !== undefined ? { data: data as Json } : {}), ...(reason ? { reason: null } : {}) },
        });
        counts.orderLogEntries += 1;
      }

      // Bodies are rendered for one buyer (a case's link carries its token); template, status and times stay for the figures.
      counts.messages = (
        await tx.message.updateMany({
          where: { ...byOrder, audience: 'BUYER', body: { not: ERASED } },
          data: { recipient: null, buyerId: null, body: ERASED },
        })
      ).count;

      for (const kase of await tx.afterSalesCase.findMany({ where: byOrder, select: { caseId: true } })) {
        // A new token nobody holds: the buyer's old progress link stops working.
        await tx.afterSalesCase.update({
          where: { shopId_caseId: { shopId, caseId: kase.caseId } },
          data: { description: null, accessToken: newAccessToken() },
        });
        counts.cases += 1;
        for (const entry of await tx.caseLogEntry.findMany({ where: { shopId, caseId: kase.caseId } })) {
          const data = scrubbed(entry.data);
          if (data === undefined) continue;
          await tx.caseLogEntry.update({
            where: { shopId_caseId_entryId: { shopId, caseId: kase.caseId, entryId: entry.entryId } },
            data: { data: data as Json },
          });
          counts.caseLogEntries += 1;
        }
      }

      for (const task of await tx.task.findMany({ where: byOrder })) {
        const details = scrubbed(task.details);
        const outcome = scrubbed(task.outcome);
        const proposedOutcome = scrubbed(task.proposedOutcome);
        if (details === undefined && outcome === undefined && proposedOutcome === undefined) continue;
        await tx.task.update({
          where: { id: task.id },
          data: {
            ...(details !== undefined ? { details: details as Json } : {}),
            ...(outcome !== undefined ? { outcome: outcome as Json } : {}),
            ...(proposedOutcome !== undefined ? { proposedOutcome: proposedOutcome as Json } : {}),
          },
        });
        counts.tasks += 1;
      }

      // A marketplace's message is the platform's record as sent (its buyer's name, phone, address
      // under the platform's own keys), so the whole payload goes; topic, ids, status and reason stay.
      counts.connectorMessages = (
        await tx.connectorMessage.updateMany({
          where: { shopId, platformOrderId: orderId, NOT: { payload: { equals: ERASED } } },
          data: { payload: ERASED },
        })
      ).count;

      const at = new Date();
      await tx.orderLogEntry.create({
        data: {
          ...byOrder,
          entryId: `privacy:erased:${at.toISOString()}`,
          kind: 'CHANGE',
          type: ERASURE_ENTRY_TYPE,
          actor: by,
          data: { ...counts },
          at,
        },
      });
      return counts;
    },
    { timeout: 60_000 },
  );
}

/** Erases the settled orders whose workflows no longer run; the others are `notYet`. */
async function eraseSettled(
  db: PrismaClient,
  shopId: string,
  settled: Settled[],
  running: RunningWorkflows,
  by: string,
): Promise<ErasureResult> {
  const result: ErasureResult = { counts: noCounts(), erased: [], notYet: [] };
  const stillRunning = new Set(await running(settled.flatMap((order) => order.workflowIds)));
  for (const { orderId, workflowIds } of settled) {
    if (workflowIds.some((id) => stillRunning.has(id))) {
      result.notYet.push(orderId);
      continue;
    }
    const counts = await eraseOrder(db, shopId, orderId, by);
    for (const key of Object.keys(counts) as (keyof ErasureCounts)[]) result.counts[key] += counts[key];
    result.erased.push(orderId);
  }
  return result;
}

/**
 * At the buyer's request: every order of `buyerId` in the shop that has closed, with its cases,
 * messages, log and tasks. Orders still open or running are left (`notYet`): their parcel, refund
 * or case still needs the address; ask again once they have closed. Another shop's buyer with the
 * same id is untouched.
 */
export async function eraseBuyerPersonalData(
  db: PrismaClient,
  { shopId, buyerId }: { shopId: string; buyerId: string },
  running: RunningWorkflows,
): Promise<ErasureResult> {
  const settled = await settledOrders(db, shopId, Prisma.sql`AND o.buyer_id = ${buyerId}`, 100_000);
  const result = await eraseSettled(db, shopId, settled, running, 'buyer_request');
  const open = await db.order.findMany({
    where: { shopId, buyerId, orderId: { notIn: settled.map((order) => order.orderId) } },
    select: { orderId: true },
  });
  result.notYet.push(...open.map((order) => order.orderId));
  return result;
}

/**
 * The shop's retention: closed orders whose last change (the order, its log, its cases, its review
 * repair) is before `before` and that have not been erased since, at most `limit` of them, oldest
 * first. `more` says that the limit was reached.
 */
export async function erasePersonalDataOlderThan(
  db: PrismaClient,
  { shopId, before, limit = 200 }: { shopId: string; before: Date; limit?: number },
  running: RunningWorkflows,
): Promise<ErasureResult & { more: boolean }> {
  const settled = await settledOrders(
    db,
    shopId,
    Prisma.sql`
      AND o.updated_at < ${before}
      AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.shop_id = o.shop_id AND c.order_id = o.order_id AND c.updated_at >= ${before})
      AND NOT EXISTS (SELECT 1 FROM review_repairs r WHERE r.shop_id = o.shop_id AND r.order_id = o.order_id AND r.closed_at >= ${before})
      AND NOT EXISTS (SELECT 1 FROM order_log l WHERE l.shop_id = o.shop_id AND l.order_id = o.order_id AND l.type <> ${ERASURE_ENTRY_TYPE} AND l.recorded_at >= ${before})
      -- Erased already, and nothing (a late event of the platform's) came after.
      AND NOT EXISTS (
        SELECT 1 FROM order_log e
        WHERE e.shop_id = o.shop_id AND e.order_id = o.order_id AND e.type = ${ERASURE_ENTRY_TYPE}
          AND e.recorded_at >= ALL (SELECT l.recorded_at FROM order_log l WHERE l.shop_id = o.shop_id AND l.order_id = o.order_id AND l.type <> ${ERASURE_ENTRY_TYPE}))`,
    limit,
  );
  return { ...(await eraseSettled(db, shopId, settled, running, 'retention')), more: settled.length === limit };
}
