// The product's shipment told to Shopify: a fulfillment of the order's open fulfillment orders
// with the tracking number, the buyer notified. fulfillmentCreate takes no idempotency key, so a
// retry (the first answer lost after Shopify made it) looks first: a fulfillment of the order
// with that tracking number is the one made before, and is answered again.
import { PlatformRefusedError, type ConnectorContext, type ShipmentPush } from '../connector';
import { adminGraphql, gid, legacyId, userErrorsRefusal } from './admin-api';
import { shopifyCompanyFor } from './couriers';
import type { ShopifySettings } from './settings';

interface OrderFulfillments {
  order: {
    fulfillments: { id: string; status: string; trackingInfo: { company: string | null; number: string | null }[] }[];
    fulfillmentOrders: { nodes: { id: string; status: string }[] };
  } | null;
}

const ORDER_FULFILLMENTS = `query OrderFulfillments($id: ID!) {
  order(id: $id) {
    fulfillments(first: 20) { id status trackingInfo(first: 5) { company number } }
    fulfillmentOrders(first: 20) { nodes { id status } }
  }
}`;

const FULFILLMENT_CREATE = `mutation ShipmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status }
    userErrors { field message }
  }
}`;

/** Fulfillment orders whose items may still be fulfilled (Shopify's FulfillmentOrderStatus). */
const FULFILLABLE = ['OPEN', 'IN_PROGRESS'];

export async function pushShopifyShipment(
  ctx: ConnectorContext<ShopifySettings>,
  push: ShipmentPush,
): Promise<{ platformRef: string }> {
  const { order } = await adminGraphql<OrderFulfillments>(ctx, {
    query: ORDER_FULFILLMENTS,
    variables: { id: gid('Order', push.orderId) },
    cost: 141,
  });
  if (!order) throw new PlatformRefusedError(`Shopify knows no order ${push.orderId} in this store`);

  const made = order.fulfillments.find(
    (f) => f.status !== 'CANCELLED' && f.trackingInfo.some((t) => t.number === push.trackingNumber),
  );
  if (made) return { platformRef: legacyId(made.id) };

  const open = order.fulfillmentOrders.nodes.filter((fo) => FULFILLABLE.includes(fo.status));
  if (!open.length)
    throw new PlatformRefusedError(
      `order ${push.orderId} has nothing left to fulfil at Shopify (no open fulfillment order)`,
    );
  const { fulfillmentCreate } = await adminGraphql<{
    fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: { message: string }[] };
  }>(ctx, {
    query: FULFILLMENT_CREATE,
    variables: {
      fulfillment: {
        lineItemsByFulfillmentOrder: open.map((fo) => ({ fulfillmentOrderId: fo.id })),
        notifyCustomer: true,
        trackingInfo: { company: shopifyCompanyFor(push.courier), number: push.trackingNumber },
      },
    },
    cost: 10,
  });
  const refusal = userErrorsRefusal(`the shipment of order ${push.orderId}`, fulfillmentCreate.userErrors);
  if (refusal) throw refusal;
  if (!fulfillmentCreate.fulfillment)
    throw new PlatformRefusedError(`Shopify made no fulfillment for order ${push.orderId} and said no why`);
  return { platformRef: legacyId(fulfillmentCreate.fulfillment.id) };
}
