// An event about an order as a platform or shop system posts it: an id of its own, a type, when and
// by whom, and the type's data. Validated here; the whole body is kept in the order's log, and the
// workflow gets only its non-personal part (workflows/order-events.ts).
import { z } from 'zod';
import { ORDER_EVENT_TYPES, PARCEL_SCANS, REPLY_TOPICS, type OrderEventType } from '../workflows/order-events';
import { buyerTierSchema, REVIEW_RATINGS } from '../workflows/shop-policy';
import { CASE_TYPES } from '../workflows/definitions';
import { idSchema, orderInputSchema, textSchema } from './order-schema';

const empty = z.strictObject({}).default({});
const courier = z.string().trim().min(1).max(20);

/** The data each type carries. `placed` carries the order as POST /orders takes it, without its ids. */
export const EVENT_DATA = {
  placed: orderInputSchema.omit({ shopId: true, orderId: true }),
  paid: empty,
  cancelled: empty,
  address_changed: z.strictObject({ shippingAddress: orderInputSchema.shape.shippingAddress }),
  buyer_replied: z.strictObject({ about: z.enum(REPLY_TOPICS), answer: z.enum(['agreed', 'declined']).optional(), courier: courier.optional() }),
  /** `sku` names the missing item when `available` is false (else the order's first item is meant). */
  stock_checked: z.strictObject({ available: z.boolean(), sku: textSchema(128).optional() }),
  packed: empty,
  shipped: z.strictObject({ courier, trackingNumber: z.string().regex(/^[A-Za-z0-9-]{6,40}$/, '6-40 letters, digits or "-"') }),
  tracking_scanned: z.strictObject({ scan: z.enum(PARCEL_SCANS) }),
  delivered: empty,
  receipt_confirmed: empty,
  review_posted: z.strictObject({ rating: z.enum(REVIEW_RATINGS) }),
  tier_changed: z.strictObject({ tier: buyerTierSchema }),
  case_opened: z.strictObject({ caseId: idSchema, caseType: z.enum(CASE_TYPES) }),
  review_changed: z.strictObject({ rating: z.enum([...REVIEW_RATINGS, 'deleted']) }),
} as const satisfies Record<OrderEventType, z.ZodType>;

export const eventEnvelopeSchema = z.strictObject({
  /** The sender's id of the event: the same id again is the same event. */
  eventId: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'use 1-128 letters, digits, "_", ".", ":" or "-"'),
  type: z.enum(ORDER_EVENT_TYPES),
  occurredAt: z.iso.datetime({ offset: true }),
  /** Who did it: `platform`, `shop`, `buyer`, an agent's id. An id, never a name: it reaches the workflow. */
  actor: z.string().regex(/^[A-Za-z0-9_.:@-]{1,128}$/, 'an id such as platform, buyer or agent-li').default('platform'),
  /** O6: why, for changes an agent makes. */
  reason: textSchema(500).optional(),
  data: z.unknown().optional(),
});

export type OrderEventBody = z.output<typeof eventEnvelopeSchema> & { data: Record<string, unknown> };

/** The envelope, then the type's data; problems in the data are named `data.<field>`. */
export const orderEventBodySchema = eventEnvelopeSchema.transform((body, ctx): OrderEventBody => {
  const data = EVENT_DATA[body.type].safeParse(body.data ?? {});
  if (!data.success) {
    for (const issue of data.error.issues) ctx.addIssue({ ...issue, path: ['data', ...issue.path] } as z.core.$ZodRawIssue);
    return z.NEVER;
  }
  return { ...body, data: data.data as Record<string, unknown> };
});
