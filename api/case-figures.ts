// The after-sales figures of one month (seed 002: return and refund rate, time to first response,
// time to refund, review-repair success; A2, A5, A6, A7, R1-R4), counted from the rows the case
// and review-repair workflows write. Like the order figures, each figure carries the counts it is
// made of, and a rate or duration is null when there is nothing to compute it from.
import { CaseType, ReviewRepairOutcome, type RefundStatus } from '../generated/prisma/enums';
import type { PrismaClient } from '../activities/prisma-client';
import { durationMs } from '../workflows/shop-policy';
import { rate, type MonthBounds } from './order-figures';

/** Median and average of a duration, in minutes to one decimal; null when nothing was measured. */
export interface Minutes {
  median: number | null;
  average: number | null;
}

// Refunds the shop itself paid: the ones its time to refund (A5) is about. A refund the platform
// paid (because the shop was late) is counted apart, since it is the failure A5 exists to avoid.
const PAID_BY_SHOP: RefundStatus[] = ['PAID', 'PAID_MANUALLY'];

const minutes = (median: number | null, average: number | null): Minutes => ({
  median: median === null ? null : Math.round(median * 10) / 10,
  average: average === null ? null : Math.round(average * 10) / 10,
});

/** Every key present, zeros included, so a type or outcome with no rows reads as 0 rather than missing. */
function countsOf<K extends string>(keys: readonly K[], rows: { key: K | null; count: number }[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const row of rows) if (row.key !== null) counts[row.key] += row.count;
  return counts;
}

/**
 * Return and refund rate: RETURN_REFUND and REFUND_ONLY cases opened in the month over the orders
 * paid in it. The cases of the month are not necessarily of the month's orders; shops read the
 * rate this way because it needs no waiting for late returns. With the counts of every type, and
 * A7's counts by fault (a case nobody has judged yet is UNKNOWN).
 */
async function returnAndRefundRate(prisma: PrismaClient, shopId: string, { from, to }: MonthBounds) {
  const opened = { shopId, openedAt: { gte: from, lt: to } };
  const ordersPaid = await prisma.order.count({ where: { shopId, paidAt: { gte: from, lt: to } } });
  const types = await prisma.afterSalesCase.groupBy({ by: ['type'], where: opened, _count: { _all: true } });
  const faults = await prisma.afterSalesCase.groupBy({
    by: ['fault'],
    where: opened,
    _count: { _all: true },
    orderBy: { fault: 'asc' },
  });
  const byType = countsOf(
    Object.values(CaseType),
    types.map((row) => ({ key: row.type, count: row._count._all })),
  );
  const returnsAndRefunds = byType.RETURN_REFUND + byType.REFUND_ONLY;
  return {
    ordersPaid,
    returnsAndRefunds,
    rate: rate(returnsAndRefunds, ordersPaid),
    casesOpened: types.reduce((sum, row) => sum + row._count._all, 0),
    byType,
    byFault: Object.fromEntries(faults.map((row) => [row.fault ?? 'UNKNOWN', row._count._all])),
  };
}

/**
 * A2: how soon the cases opened in the month got their first answer, judged against the shop's
 * current `cases.firstResponseWithin`. A case still unanswered is counted, not measured: its wait
 * is not over, and guessing it from now would make the month's figure change by the hour.
 */
async function timeToFirstResponse(
  prisma: PrismaClient,
  shopId: string,
  { from, to }: MonthBounds,
  firstResponseWithin: string,
) {
  const limitMinutes = durationMs(firstResponseWithin) / 60_000;
  const [row] = await prisma.$queryRaw<
    { answered: number; unanswered: number; median: number | null; average: number | null; after_limit: number }[]
  >`
    WITH c AS (
      SELECT EXTRACT(EPOCH FROM first_response_at - opened_at)::float8 / 60 AS minutes
      FROM cases
      WHERE shop_id = ${shopId} AND opened_at >= ${from} AND opened_at < ${to})
    SELECT COUNT(minutes)::int AS answered, (COUNT(*) - COUNT(minutes))::int AS unanswered,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median, AVG(minutes) AS average,
           COUNT(*) FILTER (WHERE minutes > ${limitMinutes}::float8)::int AS after_limit
    FROM c`;
  return {
    answered: row.answered,
    unanswered: row.unanswered,
    minutes: minutes(row.median, row.average),
    limit: firstResponseWithin,
    answeredAfterLimit: row.after_limit,
  };
}

/**
 * A5: the refunds the shop paid in the month, timed from the case's opening (what the buyer
 * waited) and, for returns, from the parcel's receipt (what A5's 24 hours are measured from).
 * Amounts are summed per currency as decimals, never added across currencies.
 */
async function timeToRefund(prisma: PrismaClient, shopId: string, { from, to }: MonthBounds) {
  const paidInMonth = { shopId, status: { in: PAID_BY_SHOP }, paidAt: { gte: from, lt: to } };
  const [row] = await prisma.$queryRaw<
    {
      paid: number;
      from_opened_median: number | null;
      from_opened_average: number | null;
      after_return: number;
      from_return_median: number | null;
      from_return_average: number | null;
    }[]
  >`
    WITH r AS (
      SELECT EXTRACT(EPOCH FROM r.paid_at - c.opened_at)::float8 / 60 AS from_opened,
             EXTRACT(EPOCH FROM r.paid_at - c.return_received_at)::float8 / 60 AS from_return
      FROM refunds r
      LEFT JOIN cases c ON c.shop_id = r.shop_id AND c.case_id = r.case_id
      WHERE r.shop_id = ${shopId} AND r.status::text = ANY(${PAID_BY_SHOP}::text[]) AND r.paid_at >= ${from} AND r.paid_at < ${to})
    SELECT COUNT(*)::int AS paid,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY from_opened) AS from_opened_median, AVG(from_opened) AS from_opened_average,
           COUNT(from_return)::int AS after_return,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY from_return) AS from_return_median, AVG(from_return) AS from_return_average
    FROM r`;
  const currencies = await prisma.refund.groupBy({
    by: ['currency'],
    where: paidInMonth,
    _count: { _all: true },
    _sum: { amount: true },
    orderBy: { currency: 'asc' },
  });
  const failed = await prisma.refund.count({ where: { shopId, status: 'FAILED', requestedAt: { gte: from, lt: to } } });
  // The platform's refund is dated when the workflow learnt of it; should that date be missing,
  // the request's date still puts it in a month rather than dropping it.
  const paidByPlatform = await prisma.refund.count({
    where: {
      shopId,
      status: 'PAID_BY_PLATFORM',
      OR: [{ paidAt: { gte: from, lt: to } }, { paidAt: null, requestedAt: { gte: from, lt: to } }],
    },
  });
  return {
    paid: row.paid,
    minutesFromOpened: minutes(row.from_opened_median, row.from_opened_average),
    paidAfterReturn: row.after_return,
    minutesFromReturnReceived: minutes(row.from_return_median, row.from_return_average),
    byCurrency: currencies.map((group) => ({
      currency: group.currency,
      count: group._count._all,
      totalAmount: (group._sum.amount ?? 0).toFixed(2),
    })),
    failed,
    paidByPlatform,
  };
}

/**
 * R1-R4: the repairs that ended in the month and how; success is a repaired review over every
 * repair that ended. The repairs begun in the month and not yet ended are the ones agents still
 * work on (R3 keeps one open until the buyer changes the review or the window closes).
 */
async function reviewRepair(prisma: PrismaClient, shopId: string, { from, to }: MonthBounds) {
  const outcomes = await prisma.reviewRepair.groupBy({
    by: ['outcome'],
    where: { shopId, closedAt: { gte: from, lt: to } },
    _count: { _all: true },
  });
  const startedStillOpen = await prisma.reviewRepair.count({
    where: { shopId, startedAt: { gte: from, lt: to }, outcome: null },
  });
  const byOutcome = countsOf(
    Object.values(ReviewRepairOutcome),
    outcomes.map((row) => ({ key: row.outcome, count: row._count._all })),
  );
  const closed = outcomes.reduce((sum, row) => sum + row._count._all, 0);
  // Repairs an operator stopped were never tried to the end, so they do not count against success.
  return { closed, byOutcome, successRate: rate(byOutcome.REPAIRED, closed - byOutcome.CANCELLED), startedStillOpen };
}

/**
 * A6: what the compensation table gave away in the month, by offer and currency. A reissue has
 * no amount (its cost is the goods), so it is counted with a total of 0.00.
 */
async function compensationPaid(prisma: PrismaClient, shopId: string, { from, to }: MonthBounds) {
  const groups = await prisma.compensation.groupBy({
    by: ['offer', 'currency'],
    where: { shopId, appliedAt: { gte: from, lt: to } },
    _count: { _all: true },
    _sum: { amount: true },
    orderBy: [{ offer: 'asc' }, { currency: 'asc' }],
  });
  return {
    count: groups.reduce((sum, group) => sum + group._count._all, 0),
    byOffer: groups.map((group) => ({
      offer: group.offer,
      currency: group.currency,
      count: group._count._all,
      totalAmount: (group._sum.amount ?? 0).toFixed(2),
    })),
  };
}

export async function caseFigures(
  prisma: PrismaClient,
  shopId: string,
  month: MonthBounds,
  firstResponseWithin: string,
) {
  return {
    returnAndRefundRate: await returnAndRefundRate(prisma, shopId, month),
    timeToFirstResponse: await timeToFirstResponse(prisma, shopId, month, firstResponseWithin),
    timeToRefund: await timeToRefund(prisma, shopId, month),
    reviewRepair: await reviewRepair(prisma, shopId, month),
    compensationPaid: await compensationPaid(prisma, shopId, month),
  };
}
