// The product's events for Shopify's facts. Each id comes from the fact itself (the order, the
// fulfillment, the refund), never from the message that brought it, so a webhook delivered twice,
// its replay and a backfill give the same event, which the product keeps once.
import type { OrderEventBody } from '../../api/order-event-schema';
import type { ConnectorAction } from '../connector';

type EventType = OrderEventBody['type'];

function event(
  orderId: string,
  eventId: string,
  type: EventType,
  occurredAt: string,
  data: Record<string, unknown>,
): ConnectorAction {
  return { kind: 'order_event', orderId, event: { eventId, type, occurredAt, actor: 'platform', data } };
}

export const placedEvent = (orderId: string, at: string, data: Record<string, unknown>) =>
  event(orderId, `shopify.${orderId}.placed`, 'placed', at, data);
export const paidEvent = (orderId: string, at: string, amount: string) =>
  event(orderId, `shopify.${orderId}.paid`, 'paid', at, { amount });
export const cancelledEvent = (orderId: string, at: string) =>
  event(orderId, `shopify.${orderId}.cancelled`, 'cancelled', at, {});
export const shippedEvent = (
  orderId: string,
  fulfillmentId: string,
  at: string,
  courier: string,
  trackingNumber: string,
) => event(orderId, `shopify.fulfillment.${fulfillmentId}`, 'shipped', at, { courier, trackingNumber });
/** A fulfillment reports the same status more than once (a scan each day in transit): the time tells them apart. */
export const parcelEvent = (
  orderId: string,
  fulfillmentId: string,
  status: string,
  at: string,
  type: 'tracking_scanned' | 'delivered',
  data: Record<string, unknown>,
) =>
  event(orderId, `shopify.fulfillment.${fulfillmentId}.${status}.${Math.floor(Date.parse(at) / 1000)}`, type, at, data);
export const refundedEvent = (orderId: string, refundId: string, at: string, amount: string) =>
  event(orderId, `shopify.refund.${refundId}`, 'refunded', at, { refundId, amount });
