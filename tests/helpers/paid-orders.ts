// Orders as the API keeps them before any worker runs: the accepted order and its `paid` event in
// the order's log, which is all the refund ledger measures against.
import { randomUUID } from 'node:crypto';
import { keepOrderIntake } from '../../api/order-intake';
import type { PrismaClient } from '../../activities/prisma-client';
import { sampleOrder } from './orders';

/** Keeps an order of one item at `total` and, unless `paid` is null, its payment of `paid` (default: the total). */
export async function keepPaidOrder(prisma: PrismaClient, shopId: string, { total = '109.00', paid = total as string | null, orderId = `TB-${randomUUID().slice(0, 12)}` } = {}) {
  const order = sampleOrder({ shopId, orderId, items: [{ sku: 'ITEM', title: '商品', quantity: 1, unitPrice: total }], total });
  await keepOrderIntake(prisma, order);
  if (paid !== null) {
    await prisma.orderLogEntry.create({ data: { shopId, orderId, entryId: 'event:pay', kind: 'EVENT', type: 'paid', actor: 'platform', data: { amount: paid }, at: new Date(order.placedAt) } });
  }
  return order;
}
