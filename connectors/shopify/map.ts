// What each Shopify message means to the product.
import type { z } from 'zod';
import { trackingNumberRule } from '../../workflows/field-rules';
import { cents, formatCents } from '../../workflows/money';
import type { ConnectorContext, Mapping, PlatformMessage } from '../connector';
import { cancelledEvent, paidEvent, parcelEvent, placedEvent, refundedEvent, shippedEvent } from './events';
import { ourCourierFor } from './couriers';
import { placedOf } from './map-order';
import {
  fulfillmentPayloadSchema,
  orderPayloadSchema,
  refundPayloadSchema,
  type FulfillmentPayload,
  type OrderPayload,
  type RefundPayload,
} from './payload';
import { paymentOf, transactionsOf, type ShopifyTransaction } from './payments';
import { ledgerKeyIn } from './refund-note';
import type { ShopifySettings } from './settings';
import { isShipmentStatus, parcelMeaning } from './shipment-status';
import { isShopifyTopic, type ShopifyTopic } from './topics';

type Ctx = ConnectorContext<ShopifySettings>;
const apply = (...actions: Extract<Mapping, { kind: 'apply' }>['actions']): Mapping => ({ kind: 'apply', actions });

/**
 * The paid event when Shopify holds a successful payment; the shipping deadline runs from it. An
 * order Shopify calls paid without any payment (its total discounted to nothing) was paid when it
 * was processed.
 */
function paidActions(order: OrderPayload, transactions: readonly ShopifyTransaction[]) {
  const payment =
    paymentOf(transactions) ??
    (order.financial_status === 'paid'
      ? { amount: order.total_price, at: order.processed_at ?? order.created_at }
      : undefined);
  return payment ? [paidEvent(order.id, payment.at, payment.amount)] : [];
}

/**
 * The order's payments, asked of the shop's own store with its own token. One app's secret signs
 * every store's webhooks, so this is also what tells a body signed for another store, posted to
 * this shop's address, from an order of this shop.
 */
async function storeTransactions(ctx: Ctx, order: OrderPayload): Promise<ShopifyTransaction[] | Mapping> {
  return (
    (await transactionsOf(ctx, order.id)) ?? {
      kind: 'unmapped',
      reason: `the shop's store has no order ${order.id}: a webhook of another store`,
    }
  );
}

async function orderCreated(ctx: Ctx, order: OrderPayload): Promise<Mapping> {
  const placed = placedOf(order);
  if (!placed.ok) return { kind: 'unmapped', reason: placed.reason };
  const transactions = await storeTransactions(ctx, order);
  if (!Array.isArray(transactions)) return transactions;
  const actions = [placedEvent(order.id, order.created_at, placed.data)];
  // Paid at checkout: the order's payment comes with it (orders/paid, arriving too, is the same event).
  if (order.financial_status === 'paid') actions.push(...paidActions(order, transactions));
  return apply(...actions);
}

async function orderPaid(ctx: Ctx, order: OrderPayload): Promise<Mapping> {
  const transactions = await storeTransactions(ctx, order);
  if (!Array.isArray(transactions)) return transactions;
  const actions = paidActions(order, transactions);
  return actions.length
    ? apply(...actions)
    : { kind: 'unmapped', reason: 'orders/paid, but Shopify holds no successful payment for the order' };
}

function orderCancelled(order: OrderPayload): Mapping {
  if (!order.cancelled_at) return { kind: 'unmapped', reason: 'orders/cancelled without cancelled_at' };
  return apply(cancelledEvent(order.id, order.cancelled_at));
}

async function fulfillmentCreated(ctx: Ctx, fulfillment: FulfillmentPayload): Promise<Mapping> {
  if (['cancelled', 'error', 'failure'].includes(fulfillment.status ?? '')) return apply();
  const trackingNumber = fulfillment.tracking_number;
  if (!trackingNumber || !trackingNumberRule.pattern.test(trackingNumber)) {
    return {
      kind: 'unmapped',
      reason: 'a fulfillment without a tracking number the product can follow (6-40 letters, digits or "-")',
    };
  }
  if (await ctx.ownShipment(fulfillment.order_id, { platformRef: fulfillment.id, trackingNumber })) {
    return { kind: 'echo', reason: `fulfillment ${fulfillment.id} is the shipment the product pushed` };
  }
  // A second fulfillment of the order is a second parcel: its own event, kept in the order's log.
  return apply(
    shippedEvent(
      fulfillment.order_id,
      fulfillment.id,
      fulfillment.created_at,
      ourCourierFor(fulfillment.tracking_company),
      trackingNumber,
    ),
  );
}

function fulfillmentUpdated(fulfillment: FulfillmentPayload): Mapping {
  if (fulfillment.status === 'cancelled')
    return {
      kind: 'unmapped',
      reason: `fulfillment ${fulfillment.id} was cancelled: the product has no event that takes a shipment back`,
    };
  const status = fulfillment.shipment_status;
  if (!status || !isShipmentStatus(status)) return apply();
  const meaning = parcelMeaning(status);
  switch (meaning.type) {
    case 'none':
      return apply();
    case 'tracking_scanned':
      return apply(
        parcelEvent(fulfillment.order_id, fulfillment.id, status, fulfillment.updated_at, 'tracking_scanned', {
          scan: meaning.scan,
        }),
      );
    case 'delivered':
      return apply(parcelEvent(fulfillment.order_id, fulfillment.id, status, fulfillment.updated_at, 'delivered', {}));
    default:
      return meaning satisfies never;
  }
}

async function refundCreated(ctx: Ctx, refund: RefundPayload): Promise<Mapping> {
  if (ledgerKeyIn(refund.note) || (await ctx.ownRefund(refund.order_id, refund.id))) {
    return { kind: 'echo', reason: `refund ${refund.id} is one the product asked for` };
  }
  const amount = formatCents(
    refund.transactions
      .filter((t) => t.kind === 'refund' && t.status === 'success')
      .reduce((total, t) => total + cents(t.amount), 0),
  );
  // A refund that only restocks moves no money: nothing for the refund ledger.
  if (cents(amount) === 0) return apply();
  return apply(refundedEvent(refund.order_id, refund.id, refund.created_at, amount));
}

type Parsed<T> = { ok: true; value: T } | { ok: false; mapping: Mapping };

function parsed<T>(schema: z.ZodType<T>, payload: unknown, topic: string): Parsed<T> {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    mapping: {
      kind: 'unmapped',
      reason: `not a ${topic} payload: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    },
  };
}

async function mapTopic(ctx: Ctx, topic: ShopifyTopic, payload: unknown): Promise<Mapping> {
  switch (topic) {
    case 'orders/create':
    case 'orders/paid':
    case 'orders/cancelled': {
      const order = parsed(orderPayloadSchema, payload, topic);
      if (!order.ok) return order.mapping;
      if (topic === 'orders/create') return orderCreated(ctx, order.value);
      return topic === 'orders/paid' ? orderPaid(ctx, order.value) : orderCancelled(order.value);
    }
    case 'fulfillments/create':
    case 'fulfillments/update': {
      const fulfillment = parsed(fulfillmentPayloadSchema, payload, topic);
      if (!fulfillment.ok) return fulfillment.mapping;
      return topic === 'fulfillments/create'
        ? fulfillmentCreated(ctx, fulfillment.value)
        : fulfillmentUpdated(fulfillment.value);
    }
    case 'refunds/create': {
      const refund = parsed(refundPayloadSchema, payload, topic);
      return refund.ok ? refundCreated(ctx, refund.value) : refund.mapping;
    }
    default:
      return topic satisfies never;
  }
}

export function mapShopifyMessage(ctx: Ctx, message: PlatformMessage): Promise<Mapping> {
  if (!isShopifyTopic(message.topic))
    return Promise.resolve({ kind: 'unmapped', reason: `the topic ${message.topic} is not one the connector maps` });
  return mapTopic(ctx, message.topic, message.payload);
}
