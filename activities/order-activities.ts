// Activities of the order workflow that touch the `orders` tables. Each is idempotent: a retry or
// a replayed step writes nothing twice (inserts skip existing keys, updates set a value).
import { ApplicationFailure } from '@temporalio/common';
import type { OrderStatus } from '../workflows/definitions';
import type { OrderInput } from '../api/order-schema';
import type { PrismaClient } from './prisma-client';

export interface OrderRef {
  shopId: string;
  orderId: string;
}

export function createOrderActivities(prisma: PrismaClient) {
  return {
    /** Turns the order the API received (kept in `order_intakes`) into the `orders` row and its items. */
    async recordOrder({ workflowId, status, ...ref }: OrderRef & { workflowId: string; status: OrderStatus }): Promise<void> {
      const intake = await prisma.orderIntake.findUnique({ where: { shopId_orderId: ref } });
      if (!intake) {
        // The API stores the intake before it starts the workflow, so this means a worker on
        // another database than the API's. Retrying (visible in the Web UI as a pending activity)
        // heals once that is fixed; failing would close the order's workflow for good.
        throw ApplicationFailure.retryable(
          `No intake for order ${ref.orderId} of shop ${ref.shopId}: is this worker connected to the same database as the API?`,
          'MissingOrderIntake',
        );
      }
      const order = intake.payload as unknown as OrderInput;
      await prisma.$transaction([
        prisma.order.createMany({
          skipDuplicates: true,
          data: {
            ...ref,
            workflowId,
            status,
            platform: order.platform,
            buyerId: order.buyer.id,
            buyerName: order.buyer.name,
            buyerPhone: order.buyer.phone ?? null,
            buyerEmail: order.buyer.email ?? null,
            shippingAddress: order.shippingAddress,
            paymentMethod: order.paymentMethod,
            currency: order.currency,
            totalAmount: order.total,
            placedAt: new Date(order.placedAt),
          },
        }),
        prisma.orderItem.createMany({
          skipDuplicates: true,
          data: order.items.map((item, index) => ({ ...ref, lineNo: index + 1, ...item })),
        }),
      ]);
    },

    /** Sets the status of the order's row; an order that was never recorded has none to set. */
    async setOrderStatus({ status, ...ref }: OrderRef & { status: OrderStatus }): Promise<void> {
      await prisma.order.updateMany({ where: ref, data: { status } });
    },
  };
}
