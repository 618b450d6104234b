// Keeps each received order before its workflow starts, so a crash between the two loses nothing
// and a repeated POST can be told from a different order that reuses the same id.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../activities/prisma-client';
import type { OrderInput } from './order-schema';

export interface IntakeResult {
  outcome: 'new' | 'same' | 'different';
  /** The order as first received: the version that stands. */
  first: OrderInput;
}

export async function keepOrderIntake(prisma: PrismaClient, order: OrderInput): Promise<IntakeResult> {
  // The parsed order has its keys in schema order and normalised amounts, so equal orders hash equally.
  const payloadHash = createHash('sha256').update(JSON.stringify(order)).digest('hex');
  const { count } = await prisma.orderIntake.createMany({
    data: { shopId: order.shopId, orderId: order.orderId, payload: order, payloadHash },
    skipDuplicates: true,
  });
  if (count === 1) return { outcome: 'new', first: order };
  const existing = await prisma.orderIntake.findUniqueOrThrow({
    where: { shopId_orderId: { shopId: order.shopId, orderId: order.orderId } },
  });
  return {
    outcome: existing.payloadHash === payloadHash ? 'same' : 'different',
    first: existing.payload as unknown as OrderInput,
  };
}
