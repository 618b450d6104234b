// Activities of the order workflow that touch the `orders` tables and the order's log (O6). Each
// is idempotent: a retry or a replayed step writes nothing twice (inserts skip existing keys, a
// log entry's key is its step, updates set values).
import { ApplicationFailure } from '@temporalio/common';
import type { Prisma } from '../generated/prisma/client';
import type { OrderStatus, PlacedOrder } from '../workflows/definitions';
import type { OrderInput } from '../api/order-schema';
import { shipmentPush } from './connector-pushes';
import { appendOrderLog } from './log-entries';
import type { PrismaClient } from './prisma-client';

export interface OrderRef {
  shopId: string;
  orderId: string;
}

/** Columns of `orders` a rule may set; times are ISO-8601. */
export interface OrderFields {
  status?: OrderStatus;
  buyerTier?: string;
  paidAt?: string;
  shipDueAt?: string;
  shippedAt?: string;
  courier?: string;
  trackingNumber?: string;
  receivedAt?: string;
  closedReason?: string;
  creditedAgent?: string;
}

/** One change the workflow made, as the log records it: what, by whom, why, when. */
export interface OrderChange extends OrderRef {
  /** `<workflow id>:<step>`: the log's key, so a retried step appends nothing twice. */
  entryId: string;
  type: string;
  /** The workflow's clock when it happened. */
  at: string;
  actor: string;
  reason?: string;
  /** O6's red flag: a change to address, items or courier. */
  flagged?: boolean;
  /** Non-personal facts of the change. */
  data?: Record<string, string | number | boolean>;
  set?: OrderFields;
}

const TIME_FIELDS = ['paidAt', 'shipDueAt', 'shippedAt', 'receivedAt'] as const;

function orderData(fields: OrderFields): Prisma.OrderUpdateManyMutationInput {
  const data: Prisma.OrderUpdateManyMutationInput = { ...fields };
  for (const key of TIME_FIELDS) if (fields[key]) data[key] = new Date(fields[key]);
  return data;
}

export function createOrderActivities(prisma: PrismaClient) {
  return {
    /**
     * Turns the order the API received (kept in `order_intakes`) into the `orders` row and its
     * items, and hands the workflow the order's non-personal facts.
     */
    async recordOrder({
      workflowId,
      status,
      ...ref
    }: OrderRef & { workflowId: string; status: OrderStatus }): Promise<PlacedOrder> {
      const intake = await prisma.orderIntake.findUnique({ where: { shopId_orderId: ref } });
      if (!intake) {
        // The API stores the intake before it signals the workflow, so this means a worker on
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
            buyerTier: order.buyer.tier,
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
      return placedOrder(order);
    },

    /** Appends the change to the order's log and sets the columns it changes, in one transaction. */
    async changeOrder({
      shopId,
      orderId,
      entryId,
      type,
      at,
      actor,
      reason,
      flagged,
      data,
      set,
    }: OrderChange): Promise<void> {
      const { status, courier, trackingNumber } = set ?? {};
      const push =
        status === 'SHIPPED' && courier && trackingNumber
          ? await shipmentPush(prisma, { shopId, orderId, actor, courier, trackingNumber })
          : null;
      await prisma.$transaction([
        appendOrderLog(prisma, {
          shopId,
          orderId,
          entryId,
          kind: 'CHANGE',
          type,
          actor,
          reason: reason ?? null,
          flagged: flagged ?? false,
          data: { ...data, ...set },
          payloadHash: null,
          at: new Date(at),
        }),
        ...(set ? [prisma.order.updateMany({ where: { shopId, orderId }, data: orderData(set) })] : []),
        ...(push ? [prisma.connectorPush.createMany({ data: push, skipDuplicates: true })] : []),
      ]);
    },

    /**
     * O5/O6: applies the address an `address_changed` event carried (kept in the log by the API,
     * never seen by the workflow) to the order, flagged.
     */
    async applyAddressChange({
      shopId,
      orderId,
      eventId,
      entryId,
      at,
    }: OrderRef & { eventId: string; entryId: string; at: string }): Promise<void> {
      const event = await prisma.orderLogEntry.findUniqueOrThrow({
        where: { shopId_orderId_entryId: { shopId, orderId, entryId: `event:${eventId}` } },
      });
      const { shippingAddress } = event.data as { shippingAddress: Prisma.InputJsonValue };
      await prisma.$transaction([
        appendOrderLog(prisma, {
          shopId,
          orderId,
          entryId,
          kind: 'CHANGE',
          type: 'address_changed',
          actor: event.actor,
          reason: event.reason,
          flagged: true,
          data: { eventId },
          payloadHash: null,
          at: new Date(at),
        }),
        prisma.order.updateMany({ where: { shopId, orderId }, data: { shippingAddress } }),
      ]);
    },

    /**
     * O3: an earlier open order of the same buyer with the same items (sku and quantity), placed
     * within `windowMs` before this one.
     */
    async findDuplicateOrder({ shopId, orderId, windowMs }: OrderRef & { windowMs: number }): Promise<string | null> {
      // From the orders the API accepted, not the rows their workflows write: two orders placed at
      // once (a double click) may both run this before either row exists.
      const kept = async (id: string) =>
        (await prisma.orderIntake.findUniqueOrThrow({ where: { shopId_orderId: { shopId, orderId: id } } }))
          .payload as unknown as OrderInput;
      const order = await kept(orderId);
      const placedAt = Date.parse(order.placedAt);
      const sameBuyer = await prisma.$queryRaw<{ order_id: string; payload: OrderInput }[]>`
        SELECT order_id, payload FROM order_intakes
        WHERE shop_id = ${shopId} AND order_id <> ${orderId} AND payload->'buyer'->>'id' = ${order.buyer.id}`;
      const basket = (items: { sku: string; quantity: number }[]) =>
        items
          .map((i) => `${i.sku}×${i.quantity}`)
          .sort()
          .join('|');
      // Earlier: placed before this one, or in the same instant with the smaller id, so that of two
      // look-alikes exactly one is the later and asks about the other.
      const earlier = sameBuyer
        .map(({ order_id, payload }) => ({
          orderId: order_id,
          placedAt: Date.parse(payload.placedAt),
          basket: basket(payload.items),
        }))
        .filter(
          (other) =>
            other.placedAt >= placedAt - windowMs &&
            (other.placedAt < placedAt || (other.placedAt === placedAt && other.orderId < orderId)),
        )
        .filter((other) => other.basket === basket(order.items))
        .sort((a, b) => a.placedAt - b.placedAt || a.orderId.localeCompare(b.orderId));
      if (!earlier.length) return null;
      // Still open to closing: unpaid, or not yet recorded by its workflow.
      const rows = await prisma.order.findMany({
        where: { shopId, orderId: { in: earlier.map((other) => other.orderId) } },
        select: { orderId: true, status: true },
      });
      const open = (id: string) => {
        const row = rows.find((r) => r.orderId === id);
        return !row || row.status === 'AWAITING_PAYMENT' || row.status === 'AWAITING_COD_CONFIRMATION';
      };
      return earlier.find((other) => open(other.orderId))?.orderId ?? null;
    },

    /** O10: files the claim against the courier once per step, for the month's settlement. */
    async fileCourierClaim({
      claimId,
      amount,
      at,
      ...claim
    }: OrderRef & {
      claimId: string;
      courier: string;
      trackingNumber: string;
      reason: string;
      amount?: string;
      at: string;
    }): Promise<void> {
      await prisma.courierClaim.createMany({
        skipDuplicates: true,
        data: { ...claim, id: claimId, amount: amount ?? null, filedAt: new Date(at) },
      });
    },
  };
}

/** What the workflow learns of a placed order: nothing that identifies the buyer. */
export function placedOrder(order: OrderInput): PlacedOrder {
  return {
    paymentMethod: order.paymentMethod,
    placedAt: order.placedAt,
    totalAmount: order.total,
    currency: order.currency,
    buyerTier: order.buyer.tier,
  };
}
