// The order figures of one month (seed 002: 催付成功率, on-time shipping, problem parcels, courier
// claims), counted from the rows the order workflows write. Each figure carries the counts it is
// made of, so a rate of 1 over 2 orders is not mistaken for one over 2000.
import type { PrismaClient } from '../activities/prisma-client';
import { durationMs, type ShopPolicy } from '../workflows/shop-policy';

export interface MonthBounds {
  from: Date;
  to: Date;
}

/** part / whole to 4 decimals; null when there is nothing to divide by, which is not a rate of 0. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * The local midnights that open and close `month` (YYYY-MM) in the shop's zone. PostgreSQL does
 * the arithmetic because its zone rules give the right instant even across a daylight-saving
 * change, which stepping minutes from a UTC guess cannot for every offset.
 */
export async function monthBounds(prisma: PrismaClient, month: string, timeZone: string): Promise<MonthBounds> {
  const firstDay = `${month}-01`;
  const [bounds] = await prisma.$queryRaw<MonthBounds[]>`
    SELECT ${firstDay}::timestamp AT TIME ZONE ${timeZone}::text AS "from",
           (${firstDay}::timestamp + interval '1 month') AT TIME ZONE ${timeZone}::text AS "to"`;
  return bounds;
}

/** O1: of the orders placed in the month that a payment reminder reached, how many paid after it. */
async function paymentReminders(prisma: PrismaClient, shopId: string, { from, to }: MonthBounds) {
  const [row] = await prisma.$queryRaw<{ reminded: number; paid_after_reminder: number }[]>`
    WITH reminded AS (
      SELECT o.paid_at, MIN(m.sent_at) AS first_sent_at
      FROM orders o
      JOIN messages m ON m.shop_id = o.shop_id AND m.order_id = o.order_id
      WHERE o.shop_id = ${shopId} AND o.placed_at >= ${from} AND o.placed_at < ${to}
        AND m.audience = 'BUYER' AND m.status = 'SENT'
        AND m.template IN ('payment_reminder', 'payment_reminder_cutoff')
      GROUP BY o.order_id, o.paid_at)
    SELECT COUNT(*)::int AS reminded, COUNT(*) FILTER (WHERE paid_at > first_sent_at)::int AS paid_after_reminder
    FROM reminded`;
  return {
    reminded: row.reminded,
    paidAfterReminder: row.paid_after_reminder,
    conversion: rate(row.paid_after_reminder, row.reminded),
  };
}

/**
 * O8: the orders paid in the month, judged against the batch they were promised to and against
 * the shop's latest limit (`orders.shipping.apologiseAfter`, 48 hours by default). Late unshipped
 * orders are counted as of now: they are the ones the warehouse can still act on.
 */
async function shipping(prisma: PrismaClient, shopId: string, { from, to }: MonthBounds, policy: ShopPolicy) {
  const limit = policy.orders.shipping.apologiseAfter;
  const [row] = await prisma.$queryRaw<
    { shipped: number; on_time: number; within_limit: number; late_unshipped: number }[]
  >`
    SELECT COUNT(shipped_at)::int AS shipped,
           COUNT(*) FILTER (WHERE shipped_at <= ship_due_at)::int AS on_time,
           COUNT(*) FILTER (WHERE shipped_at <= paid_at + ${durationMs(limit)} * interval '1 millisecond')::int AS within_limit,
           COUNT(*) FILTER (WHERE shipped_at IS NULL AND status <> 'CANCELLED' AND ship_due_at < now())::int AS late_unshipped
    FROM orders
    WHERE shop_id = ${shopId} AND paid_at >= ${from} AND paid_at < ${to}`;
  return {
    shipped: row.shipped,
    onTime: row.on_time,
    limit,
    withinLimit: row.within_limit,
    onTimeRate: rate(row.on_time, row.shipped),
    lateUnshipped: row.late_unshipped,
  };
}

/** O10: of the parcels that left in the month, how many the workflow ever recorded as a problem. */
async function problemParcels(prisma: PrismaClient, shopId: string, { from, to }: MonthBounds) {
  const [row] = await prisma.$queryRaw<{ shipped: number; with_problem: number }[]>`
    WITH shipped AS (
      SELECT EXISTS (
               SELECT 1 FROM order_log l
               WHERE l.shop_id = o.shop_id AND l.order_id = o.order_id AND l.type = 'parcel_problem' AND l.kind = 'CHANGE'
             ) AS had_problem
      FROM orders o
      WHERE o.shop_id = ${shopId} AND o.shipped_at >= ${from} AND o.shipped_at < ${to})
    SELECT COUNT(*)::int AS shipped, COUNT(*) FILTER (WHERE had_problem)::int AS with_problem
    FROM shipped`;
  return { shipped: row.shipped, withProblem: row.with_problem, rate: rate(row.with_problem, row.shipped) };
}

/**
 * O10: the claims filed in the month, as finance settles them with each courier. Amounts stay
 * decimal strings summed by PostgreSQL, so no yuan is lost to floating point; ROLLUP's extra row
 * (courier NULL, which a claim never has) is the month's total.
 */
async function courierClaims(prisma: PrismaClient, shopId: string, { from, to }: MonthBounds) {
  const rows = await prisma.$queryRaw<{ courier: string | null; count: number; total_amount: string }[]>`
    SELECT courier, COUNT(*)::int AS count, COALESCE(SUM(amount), 0)::numeric(14, 2)::text AS total_amount
    FROM courier_claims
    WHERE shop_id = ${shopId} AND filed_at >= ${from} AND filed_at < ${to}
    GROUP BY ROLLUP (courier)
    ORDER BY courier NULLS FIRST`;
  const reasons = await prisma.courierClaim.groupBy({
    by: ['reason'],
    where: { shopId, filedAt: { gte: from, lt: to } },
    _count: { _all: true },
    orderBy: { reason: 'asc' },
  });
  const [total, ...couriers] = rows;
  return {
    count: total.count,
    totalAmount: total.total_amount,
    byCourier: couriers.map((row) => ({ courier: row.courier, count: row.count, totalAmount: row.total_amount })),
    byReason: Object.fromEntries(reasons.map((row) => [row.reason, row._count._all])),
  };
}

export async function orderFigures(prisma: PrismaClient, shopId: string, month: MonthBounds, policy: ShopPolicy) {
  return {
    paymentReminders: await paymentReminders(prisma, shopId, month),
    shipping: await shipping(prisma, shopId, month, policy),
    problemParcels: await problemParcels(prisma, shopId, month),
    courierClaims: await courierClaims(prisma, shopId, month),
  };
}
