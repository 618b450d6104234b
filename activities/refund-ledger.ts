// What an order's buyer paid and how much of it the refund ledger already holds, read from what
// the API itself kept (the order as accepted, the platform's events in the order's log) so that
// the answer is the same with or without a running worker. Every refund of any path (the shop's
// gateway, a supervisor's manual payment, the platform's own) is a `refunds` row, and a new row is
// written only under the order's lock after this check: two cases of one order cannot together
// pay back more than was paid.
import type { Prisma, RefundStatus } from '../generated/prisma/client';
import { cents, formatCents } from '../workflows/money';
import type { PlatformEventType } from '../workflows/order-events';
import type { PrismaClient } from './prisma-client';

/**
 * Rows that hold part of the paid amount: asked for (PENDING), failed but perhaps paid after all
 * until a supervisor settles it (FAILED), and paid by any path. Only a VOIDED row frees its amount.
 */
export const COMMITTED_REFUND_STATUSES = [
  'PENDING',
  'FAILED',
  'PAID',
  'PAID_MANUALLY',
  'PAID_BY_PLATFORM',
] as const satisfies readonly RefundStatus[];

export interface OrderMoney {
  currency: string;
  /** How many item lines the order has. */
  lines: number;
  /** What the buyer is to pay now: the accepted total and the price adjustments since. */
  total: string;
  /** What the buyer paid; null while nothing is paid (an online order before `paid`, cash on delivery before delivery). */
  paid: string | null;
  /** The ledger's committed rows for the order. */
  committed: string;
  /** What may still be refunded: paid less committed, never below zero. */
  refundable: string;
  /** The same for one item line, when one was asked about: its share of what was paid. */
  line?: { lineNo: number; paid: string; committed: string; refundable: string };
}

type Db = PrismaClient | Prisma.TransactionClient;

interface KeptOrder {
  total: string;
  currency: string;
  paymentMethod: string;
  items: { quantity: number; unitPrice: string }[];
  shipping?: string;
  tax?: string;
}

/**
 * An item line's share of what was paid: its price over the price of everything charged (items,
 * shipping, tax), so discounts and adjustments are spread over all of it; rounded down, so that
 * the lines never add up to more than was paid.
 */
function lineShare(order: KeptOrder, lineNo: number, paid: number): number {
  const line = order.items[lineNo - 1];
  const gross =
    order.items.reduce((sum, item) => sum + item.quantity * cents(item.unitPrice), 0) +
    cents(order.shipping ?? '0') +
    cents(order.tax ?? '0');
  return gross === 0 ? 0 : Math.floor((paid * line.quantity * cents(line.unitPrice)) / gross);
}

const committedSum = async (db: Db, where: Prisma.RefundWhereInput) => {
  const { _sum } = await db.refund.aggregate({
    where: { ...where, status: { in: [...COMMITTED_REFUND_STATUSES] } },
    _sum: { amount: true },
  });
  return _sum.amount ? cents(_sum.amount.toFixed(2)) : 0;
};

const MONEY_EVENTS = ['paid', 'delivered', 'price_adjusted'] as const satisfies readonly PlatformEventType[];

/**
 * The order's money as far as the API has kept it, and that of item line `lineNo` when one is
 * asked about (a line the order does not have is owed nothing); null when no order of that id was
 * accepted.
 */
export async function orderMoney(db: Db, shopId: string, orderId: string, lineNo?: number): Promise<OrderMoney | null> {
  const intake = await db.orderIntake.findUnique({
    where: { shopId_orderId: { shopId, orderId } },
    select: { payload: true },
  });
  if (!intake) return null;
  const order = intake.payload as unknown as KeptOrder;
  const events = await db.orderLogEntry.findMany({
    where: { shopId, orderId, kind: 'EVENT', type: { in: [...MONEY_EVENTS] } },
    orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }],
    select: { type: true, data: true },
  });
  let total = cents(order.total);
  let paid: number | null = null;
  for (const { type, data } of events) {
    const fields = data as { amount?: string; collectedAmount?: string };
    if (type === 'price_adjusted' && paid === null) total += cents(fields.amount ?? '0');
    // The first payment counts, as it does for the workflow; cash on delivery is paid when the courier collects.
    else if (type === 'paid' && paid === null && order.paymentMethod === 'ONLINE')
      paid = cents(fields.amount ?? formatCents(total));
    else if (type === 'delivered' && paid === null && order.paymentMethod !== 'ONLINE')
      paid = cents(fields.collectedAmount ?? formatCents(total));
  }
  const committed = await committedSum(db, { shopId, orderId });
  const money: OrderMoney = {
    currency: order.currency,
    lines: order.items.length,
    total: formatCents(total),
    paid: paid === null ? null : formatCents(paid),
    committed: formatCents(committed),
    refundable: formatCents(Math.max(0, (paid ?? 0) - committed)),
  };
  if (lineNo === undefined) return money;
  const linePaid = order.items[lineNo - 1] ? lineShare(order, lineNo, paid ?? 0) : 0;
  const lineCommitted = await committedSum(db, { shopId, orderId, lineNo });
  // Never more than the order as a whole still has.
  const lineRefundable = Math.min(Math.max(0, linePaid - lineCommitted), cents(money.refundable));
  return {
    ...money,
    line: {
      lineNo,
      paid: formatCents(linePaid),
      committed: formatCents(lineCommitted),
      refundable: formatCents(lineRefundable),
    },
  };
}

/**
 * Runs `fn` in a transaction that holds the order's ledger lock, with the order's money as it is
 * under that lock. Ids cannot hold ':', so the lock's key names one order.
 */
export async function withOrderLedger<T>(
  prisma: PrismaClient,
  shopId: string,
  orderId: string,
  lineNo: number | undefined,
  fn: (tx: Prisma.TransactionClient, money: OrderMoney | null) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`refunds:${shopId}:${orderId}`}, 0))`;
    return fn(tx, await orderMoney(tx, shopId, orderId, lineNo));
  });
}

/** Why a refund may not be written, or undefined when it fits in what is still refundable. */
export function refusal(money: OrderMoney | null, amount: string): string | undefined {
  if (!money) return 'no such order was accepted';
  if (money.paid === null) return 'the order has not been paid';
  if (cents(amount) > cents(money.refundable))
    return `${amount} exceeds what is still refundable: ${money.refundable} of ${money.paid} paid (${money.committed} already refunded or in flight)`;
  const { line } = money;
  if (line && cents(amount) > cents(line.refundable))
    return `${amount} exceeds what is still refundable for item line ${line.lineNo}: ${line.refundable} of its ${line.paid} share of the payment`;
  return undefined;
}

export interface PlatformRefund {
  shopId: string;
  orderId: string;
  /** The platform's own id of the refund. */
  refundId: string;
  amount: string;
  caseId?: string;
  at: Date;
}

/**
 * Keeps a refund the platform made itself (the buyer refunded by Taobao or Shopify) in the ledger,
 * once per platform refund id. Money that moved is recorded even beyond what was paid; the answer
 * then says so, for a person to look into. Nothing is written for an order not yet accepted: its
 * event waits in the order's log and is recorded when the order arrives.
 */
export async function recordPlatformRefund(
  prisma: PrismaClient,
  refund: PlatformRefund,
): Promise<{ overpaid?: string }> {
  const { shopId, orderId, refundId, amount, caseId, at } = refund;
  return withOrderLedger(prisma, shopId, orderId, undefined, async (tx, money) => {
    const id = `platform:${shopId}:${orderId}:${refundId}`;
    if (!money || (await tx.refund.count({ where: { id } }))) return {};
    const reason = refusal(money, amount);
    await tx.refund.create({
      data: {
        id,
        shopId,
        orderId,
        caseId: caseId ?? null,
        step: `platform:${refundId}`,
        amount,
        currency: money.currency,
        status: 'PAID_BY_PLATFORM',
        providerRefundId: refundId,
        requestedAt: at,
        paidAt: at,
      },
    });
    return reason ? { overpaid: reason } : {};
  });
}
