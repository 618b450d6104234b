// Orders as the API keeps them before any worker runs: the accepted order and its `paid` event in
// the order's log, which is all the refund ledger measures against.
import { randomUUID } from 'node:crypto';
import { keepOrderIntake } from '../../api/order-intake';
import type { PrismaClient } from '../../activities/prisma-client';
import { sampleOrder } from './orders';

/**
 * Keeps an order of one item at `total` (or of `linePrices`, one item line each, adding up to the
 * total) and, unless `paid` is null, its payment of `paid` (default: the total).
 */
export async function keepPaidOrder(
  prisma: PrismaClient,
  shopId: string,
  options: { total?: string; linePrices?: string[]; paid?: string | null; orderId?: string } = {},
) {
  const { total = '109.00', linePrices = [total], paid = total, orderId = `TB-${randomUUID().slice(0, 12)}` } = options;
  const items = linePrices.map((unitPrice, index) => ({
    sku: `ITEM-${index + 1}`,
    title: '商品',
    quantity: 1,
    unitPrice,
  }));
  const order = sampleOrder({ shopId, orderId, items, total });
  await keepOrderIntake(prisma, order);
  if (paid !== null) {
    await prisma.orderLogEntry.create({
      data: {
        shopId,
        orderId,
        entryId: 'event:pay',
        kind: 'EVENT',
        type: 'paid',
        actor: 'platform',
        data: { amount: paid },
        at: new Date(order.placedAt),
      },
    });
  }
  return order;
}
