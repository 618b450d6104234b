// Orders as a platform would post them, unique per call so tests never collide in the shared database.
import { randomUUID } from 'node:crypto';
import { orderInputSchema, type OrderInput } from '../../api/order-schema';
import { keepOrderIntake } from '../../api/order-intake';
import { createOrderActivities } from '../../activities/order-activities';
import type { PrismaClient } from '../../activities/prisma-client';
import { initialOrderStatus, orderWorkflowId } from '../../workflows/definitions';

export function sampleOrderBody(overrides: Record<string, unknown> = {}) {
  return {
    shopId: 'shop-test',
    orderId: `TB-${randomUUID().slice(0, 12)}`,
    platform: 'taobao',
    buyer: { id: 'buyer-1', name: '张三', phone: '13800000000' },
    items: [
      { sku: 'CUP-500', title: '保温杯 500ml', quantity: 2, unitPrice: '49.50' },
      { sku: 'LID-1', title: '杯盖', quantity: 1, unitPrice: 10 },
    ],
    total: '109.00',
    paymentMethod: 'ONLINE',
    shippingAddress: {
      recipient: '张三',
      phone: '13800000000',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      street: '文三路 1 号',
    },
    // Now, not a fixed day: an order placed days ago is closed unpaid (O3) as soon as it starts.
    placedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function sampleOrder(overrides: Record<string, unknown> = {}): OrderInput {
  return orderInputSchema.parse(sampleOrderBody(overrides));
}

/** An order recorded in `orders` the way its workflow's first activity does it. */
export async function recordSampleOrder(
  prisma: PrismaClient,
  overrides: Record<string, unknown> = {},
): Promise<OrderInput> {
  const order = sampleOrder(overrides);
  await keepOrderIntake(prisma, order);
  await createOrderActivities(prisma).recordOrder({
    shopId: order.shopId,
    orderId: order.orderId,
    workflowId: orderWorkflowId(order.shopId, order.orderId),
    status: initialOrderStatus(order.paymentMethod),
  });
  return order;
}

/** An event as a platform posts it, happening now; `actor` as the platform names who did it. */
export function eventNow(eventId: string, type: string, data: Record<string, unknown> = {}, actor = 'platform') {
  return { eventId, type, occurredAt: new Date().toISOString(), actor, data };
}
