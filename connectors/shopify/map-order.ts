// A Shopify order as the product's `placed` order. Shopify's total_price is what the buyer pays:
// the line items at their unit prices, the shipping lines, the tax unless the prices already
// include it (taxes_included), less total_discounts. A shipping discount (free shipping) shows in
// the shipping line's discounted_price and, depending on how it was applied, not in
// total_discounts: then the shipping is taken at its discounted price. An order that does not add up that way
// (duties, tips, fees the product has no field for) or lacks what the product needs to ship it is
// not guessed at: it is kept unmapped with the reason.
import { placedOrderDataSchema } from '../../api/order-schema';
import { cents, formatCents } from '../../workflows/money';
import type { PaymentMethod } from '../../workflows/definitions';
import type { OrderPayload } from './payload';

/** Shopify's manual payment method for cash on delivery, as payment_gateway_names names it. */
const COD_GATEWAY = 'Cash on Delivery (COD)';

type Placed = { ok: true; data: Record<string, unknown> } | { ok: false; reason: string };

const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ') || undefined;

/** Shopify keeps phones as typed; the product takes digits, spaces, dashes and a leading +. */
function phoneOf(...candidates: (string | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    const phone = candidate?.replace(/[().]/g, '').replace(/\s+/g, ' ').trim();
    if (phone && /^\+?[0-9][0-9 -]{4,19}$/.test(phone)) return phone;
  }
  return undefined;
}

function paymentMethodOf(order: OrderPayload): PaymentMethod {
  return order.payment_gateway_names.includes(COD_GATEWAY) ? 'CASH_ON_DELIVERY' : 'ONLINE';
}

function sum(amounts: readonly string[]): string {
  return formatCents(amounts.reduce((total, amount) => total + cents(amount), 0));
}

type Breakdown = Parameters<typeof placedOrderDataSchema.safeParse>[0];

/** The order at the shipping lines' prices, else (a shipping discount outside total_discounts) their discounted prices. */
function parsedOrder(candidate: (shipping: string) => Breakdown, order: OrderPayload) {
  const full = placedOrderDataSchema.safeParse(candidate(sum(order.shipping_lines.map((line) => line.price))));
  if (full.success) return full;
  const discounted = placedOrderDataSchema.safeParse(
    candidate(sum(order.shipping_lines.map((line) => line.discounted_price ?? line.price))),
  );
  return discounted.success ? discounted : full;
}

export function placedOf(order: OrderPayload): Placed {
  const address = order.shipping_address;
  if (!address)
    return {
      ok: false,
      reason: 'the order has no shipping address (a digital or pickup order): nothing for the product to ship',
    };
  const recipient = address.name ?? joined(address.first_name, address.last_name);
  const phone = phoneOf(address.phone, order.customer?.phone, order.phone);
  if (!phone) return { ok: false, reason: 'the order has no usable phone number for its shipping address' };

  const buyerName = joined(order.customer?.first_name, order.customer?.last_name) ?? recipient;
  const email = order.customer?.email ?? order.email;
  const candidate = (shipping: string) => ({
    platform: 'shopify',
    buyer: {
      // A guest checkout has no customer: the order stands for its buyer.
      id: order.customer ? `customer-${order.customer.id}` : `guest-${order.id}`,
      name: buyerName,
      ...(phoneOf(order.customer?.phone) ? { phone: phoneOf(order.customer?.phone) } : {}),
      ...(email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? { email } : {}),
    },
    items: order.line_items.map((item) => ({
      sku: item.sku ?? (item.variant_id ? `variant-${item.variant_id}` : `line-${item.id}`),
      title: item.name ?? item.title ?? 'item',
      quantity: item.quantity,
      unitPrice: item.price,
    })),
    shipping,
    // With taxes_included the tax is inside the unit prices; adding it again would exceed total_price.
    tax: order.taxes_included ? '0.00' : order.total_tax,
    discounts:
      cents(order.total_discounts) > 0
        ? [{ kind: order.discount_codes.length ? 'shop_coupon' : 'other', amount: order.total_discounts }]
        : [],
    total: order.total_price,
    currency: order.currency,
    paymentMethod: paymentMethodOf(order),
    shippingAddress: {
      recipient,
      phone,
      ...(address.country_code ? { country: address.country_code.toUpperCase() } : {}),
      // Many countries have no province; the city stands in, as the product needs one.
      province: address.province ?? address.city,
      city: address.city,
      street: joined(address.address1, address.address2),
      ...(address.zip ? { postalCode: address.zip } : {}),
    },
    placedAt: order.created_at,
  });
  const parsed = parsedOrder(candidate, order);
  if (!parsed.success) {
    // Field names and the rule broken, never the values: they may be the buyer's.
    return {
      ok: false,
      reason: `the order cannot be taken as it is: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'order'}: ${i.message}`).join('; ')}`,
    };
  }
  return { ok: true, data: parsed.data as Record<string, unknown> };
}
