// The parts of Shopify's webhook payloads (the REST resources' JSON) that the mapping reads.
// Backfill builds the same shapes from the Admin GraphQL API (graphql-payload.ts), so a fact
// fetched again maps to exactly what its webhook mapped to.
import { z } from 'zod';

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const money = z.union([z.string(), z.number()]).transform((v) => (typeof v === 'number' ? v.toFixed(2) : v));
const text = z
  .string()
  .nullish()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
const time = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO-8601 time');

const address = z.looseObject({
  name: text,
  first_name: text,
  last_name: text,
  address1: text,
  address2: text,
  city: text,
  province: text,
  country_code: text,
  zip: text,
  phone: text,
});

export const orderPayloadSchema = z.looseObject({
  id,
  created_at: time,
  processed_at: time.nullish(),
  cancelled_at: time.nullish(),
  currency: z.string(),
  taxes_included: z.boolean().default(false),
  total_price: money,
  total_tax: money.default('0.00'),
  total_discounts: money.default('0.00'),
  financial_status: z.string().nullish(),
  payment_gateway_names: z.array(z.string()).default([]),
  discount_codes: z.array(z.looseObject({ code: z.string() })).default([]),
  line_items: z.array(
    z.looseObject({
      id,
      sku: text,
      name: text,
      title: text,
      variant_id: id.nullish(),
      quantity: z.int(),
      price: money,
    }),
  ),
  shipping_lines: z.array(z.looseObject({ price: money, discounted_price: money.nullish() })).default([]),
  email: text,
  phone: text,
  customer: z.looseObject({ id, first_name: text, last_name: text, email: text, phone: text }).nullish(),
  shipping_address: address.nullish(),
});
export type OrderPayload = z.output<typeof orderPayloadSchema>;

export const fulfillmentPayloadSchema = z.looseObject({
  id,
  order_id: id,
  created_at: time,
  updated_at: time,
  status: z.string().nullish(),
  tracking_company: text,
  tracking_number: text,
  shipment_status: z.string().nullish(),
});
export type FulfillmentPayload = z.output<typeof fulfillmentPayloadSchema>;

export const refundPayloadSchema = z.looseObject({
  id,
  order_id: id,
  created_at: time,
  note: z.string().nullish(),
  transactions: z.array(z.looseObject({ kind: z.string(), status: z.string(), amount: money })).default([]),
});
export type RefundPayload = z.output<typeof refundPayloadSchema>;
