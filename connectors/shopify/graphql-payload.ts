// An order fetched from the Admin GraphQL API, written as the webhook payloads Shopify would
// have sent for it (the REST resources' JSON), field by field from the same facts, so that the
// mapping cannot tell a backfilled fact from a delivered one.
import type { PlatformMessage } from '../connector';
import { legacyId } from './admin-api';
import type { ShopifyTopic } from './topics';

type Money = { shopMoney: { amount: string } };

export interface GraphqlOrder {
  id: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string | null;
  cancelledAt: string | null;
  currencyCode: string;
  taxesIncluded: boolean;
  displayFinancialStatus: string | null;
  paymentGatewayNames: string[];
  email: string | null;
  phone: string | null;
  totalPriceSet: Money;
  totalTaxSet: Money | null;
  totalDiscountsSet: Money | null;
  discountCodes: string[];
  lineItems: {
    nodes: {
      id: string;
      sku: string | null;
      name: string | null;
      title: string | null;
      quantity: number;
      variant: { id: string } | null;
      originalUnitPriceSet: Money;
    }[];
  };
  shippingLines: { nodes: { originalPriceSet: Money; discountedPriceSet: Money }[] };
  customer: {
    id: string;
    firstName: string | null;
    lastName: string | null;
    defaultEmailAddress: { emailAddress: string | null } | null;
    defaultPhoneNumber: { phoneNumber: string | null } | null;
  } | null;
  shippingAddress: {
    name: string | null;
    firstName: string | null;
    lastName: string | null;
    address1: string | null;
    address2: string | null;
    city: string | null;
    province: string | null;
    countryCodeV2: string | null;
    zip: string | null;
    phone: string | null;
  } | null;
  fulfillments: {
    id: string;
    createdAt: string;
    updatedAt: string;
    status: string;
    displayStatus: string | null;
    trackingInfo: { company: string | null; number: string | null }[];
  }[];
  refunds: {
    id: string;
    createdAt: string;
    note: string | null;
    transactions: { nodes: { kind: string; status: string; amountSet: Money }[] };
  }[];
}

/** The fields backfill asks for: exactly what orderPayload below writes. */
export const ORDER_NODE_FIELDS = `id createdAt updatedAt processedAt cancelledAt currencyCode taxesIncluded displayFinancialStatus paymentGatewayNames email phone
  totalPriceSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } } totalDiscountsSet { shopMoney { amount } } discountCodes
  lineItems(first: 50) { nodes { id sku name title quantity variant { id } originalUnitPriceSet { shopMoney { amount } } } }
  shippingLines(first: 5) { nodes { originalPriceSet { shopMoney { amount } } discountedPriceSet { shopMoney { amount } } } }
  customer { id firstName lastName defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
  shippingAddress { name firstName lastName address1 address2 city province countryCodeV2 zip phone }
  fulfillments(first: 5) { id createdAt updatedAt status displayStatus trackingInfo(first: 1) { company number } }
  refunds(first: 5) { id createdAt note transactions(first: 5) { nodes { kind status amountSet { shopMoney { amount } } } } }`;

const num = (globalId: string) => Number(legacyId(globalId));
const lower = (value: string | null) => value?.toLowerCase() ?? null;

function orderPayload(order: GraphqlOrder) {
  const address = order.shippingAddress;
  return {
    id: num(order.id),
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt,
    currency: order.currencyCode,
    taxes_included: order.taxesIncluded,
    total_price: order.totalPriceSet.shopMoney.amount,
    total_tax: order.totalTaxSet?.shopMoney.amount ?? '0.00',
    total_discounts: order.totalDiscountsSet?.shopMoney.amount ?? '0.00',
    financial_status: lower(order.displayFinancialStatus),
    payment_gateway_names: order.paymentGatewayNames,
    discount_codes: order.discountCodes.map((code) => ({ code })),
    line_items: order.lineItems.nodes.map((item) => ({
      id: num(item.id),
      sku: item.sku,
      name: item.name,
      title: item.title,
      variant_id: item.variant ? num(item.variant.id) : null,
      quantity: item.quantity,
      price: item.originalUnitPriceSet.shopMoney.amount,
    })),
    shipping_lines: order.shippingLines.nodes.map((line) => ({
      price: line.originalPriceSet.shopMoney.amount,
      discounted_price: line.discountedPriceSet.shopMoney.amount,
    })),
    email: order.email,
    phone: order.phone,
    customer: order.customer && {
      id: num(order.customer.id),
      first_name: order.customer.firstName,
      last_name: order.customer.lastName,
      email: order.customer.defaultEmailAddress?.emailAddress ?? null,
      phone: order.customer.defaultPhoneNumber?.phoneNumber ?? null,
    },
    shipping_address: address && {
      name: address.name,
      first_name: address.firstName,
      last_name: address.lastName,
      address1: address.address1,
      address2: address.address2,
      city: address.city,
      province: address.province,
      country_code: address.countryCodeV2,
      zip: address.zip,
      phone: address.phone,
    },
  };
}

/** displayStatus names the shipment's progress with the webhooks' shipment_status words, and also the fulfillment's own state (FULFILLED...), which is no shipment status. */
const SHIPMENT_DISPLAY = [
  'LABEL_PRINTED',
  'LABEL_PURCHASED',
  'CONFIRMED',
  'CARRIER_PICKED_UP',
  'IN_TRANSIT',
  'DELAYED',
  'OUT_FOR_DELIVERY',
  'ATTEMPTED_DELIVERY',
  'READY_FOR_PICKUP',
  'DELIVERED',
  'PICKED_UP',
  'FAILURE',
];

/** The messages Shopify's webhooks would have brought for this order, as it stands now. */
export function messagesOf(order: GraphqlOrder): PlatformMessage[] {
  const orderId = legacyId(order.id);
  const message = (topic: ShopifyTopic, factId: string, occurredAt: string, payload: unknown): PlatformMessage => ({
    messageId: `backfill.${orderId}.${topic}.${factId}`,
    topic,
    platformOrderId: orderId,
    occurredAt,
    payload,
  });
  const payload = orderPayload(order);
  const messages = [message('orders/create', orderId, order.createdAt, payload)];
  if (
    payload.financial_status === 'paid' ||
    payload.financial_status === 'partially_refunded' ||
    payload.financial_status === 'refunded'
  ) {
    messages.push(message('orders/paid', orderId, order.processedAt ?? order.createdAt, payload));
  }
  if (order.cancelledAt) messages.push(message('orders/cancelled', orderId, order.cancelledAt, payload));
  for (const f of order.fulfillments) {
    const fulfillmentId = legacyId(f.id);
    const tracking = f.trackingInfo[0];
    const shipmentStatus =
      f.displayStatus && SHIPMENT_DISPLAY.includes(f.displayStatus) ? f.displayStatus.toLowerCase() : null;
    const fulfillment = {
      id: Number(fulfillmentId),
      order_id: Number(orderId),
      created_at: f.createdAt,
      updated_at: f.updatedAt,
      status: f.status.toLowerCase(),
      tracking_company: tracking?.company ?? null,
      tracking_number: tracking?.number ?? null,
      shipment_status: shipmentStatus,
    };
    messages.push(
      message('fulfillments/create', fulfillmentId, f.createdAt, { ...fulfillment, shipment_status: null }),
    );
    if (shipmentStatus || fulfillment.status === 'cancelled')
      messages.push(
        message('fulfillments/update', `${fulfillmentId}.${shipmentStatus ?? 'cancelled'}`, f.updatedAt, fulfillment),
      );
  }
  for (const r of order.refunds) {
    const refundId = legacyId(r.id);
    const refund = {
      id: Number(refundId),
      order_id: Number(orderId),
      created_at: r.createdAt,
      note: r.note,
      transactions: r.transactions.nodes.map((t) => ({
        kind: t.kind.toLowerCase(),
        status: t.status.toLowerCase(),
        amount: t.amountSet.shopMoney.amount,
      })),
    };
    messages.push(message('refunds/create', refundId, r.createdAt, refund));
  }
  return messages;
}
