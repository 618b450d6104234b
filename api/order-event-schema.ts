// An event about an order as a platform or shop system posts it: an id of its own, a type, when and
// by whom, and the type's data. Validated here; the whole body is kept in the order's log, and the
// workflow gets only its non-personal part (workflows/order-events.ts).
import { z } from 'zod';
import {
  PARCEL_SCANS,
  PLATFORM_EVENT_TYPES,
  REPLY_TOPICS,
  type InternalEventType,
  type PlatformEventType,
} from '../workflows/order-events';
import { buyerTierSchema } from '../activities/shop-policy-schema';
import { REVIEW_RATINGS } from '../workflows/shop-policy';
import type { CaseType } from '../workflows/definitions';
import {
  amountSchema,
  courierSchema,
  idSchema,
  signedAmountSchema,
  textSchema,
  trackingNumberSchema,
} from './field-rules';
import { placedOrderDataSchema, shippingAddressSchema } from './order-schema';

const empty = z.strictObject({}).default({});

/** The data each type carries. `placed` carries the order as POST /orders takes it, without its ids. */
export const EVENT_DATA = {
  placed: placedOrderDataSchema,
  /** What the buyer paid; the order's total at the time when the platform does not say. */
  paid: z.strictObject({ amount: amountSchema.optional() }).default({}),
  cancelled: empty,
  address_changed: z.strictObject({ shippingAddress: shippingAddressSchema }),
  buyer_replied: z.strictObject({
    about: z.enum(REPLY_TOPICS),
    answer: z.enum(['agreed', 'declined']).optional(),
    courier: courierSchema.optional(),
  }),
  /** `sku` names the missing item when `available` is false (else the order's first item is meant). */
  stock_checked: z.strictObject({ available: z.boolean(), sku: textSchema(128).optional() }),
  packed: empty,
  shipped: z.strictObject({ courier: courierSchema, trackingNumber: trackingNumberSchema }),
  tracking_scanned: z.strictObject({ scan: z.enum(PARCEL_SCANS) }),
  /** A cash-on-delivery order: what the courier collected (the order's total when left out). */
  delivered: z.strictObject({ collectedAmount: amountSchema.optional() }).default({}),
  receipt_confirmed: empty,
  review_posted: z.strictObject({ rating: z.enum(REVIEW_RATINGS) }),
  tier_changed: z.strictObject({ tier: buyerTierSchema }),
  review_changed: z.strictObject({ rating: z.enum([...REVIEW_RATINGS, 'deleted']) }),
  /** 改价 before payment: the change, negative when the price went down. */
  price_adjusted: z.strictObject({ amount: signedAmountSchema }),
  /** The platform refunded the buyer itself (its own refund id); `caseId` when it settles a case. */
  refunded: z.strictObject({
    refundId: idSchema,
    amount: amountSchema.refine((v) => v !== '0.00', 'must be more than 0'),
    caseId: idSchema.optional(),
  }),
} as const satisfies Record<PlatformEventType, z.ZodType>;

export const eventEnvelopeSchema = z.strictObject({
  /** The sender's id of the event: the same id again is the same event. */
  eventId: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'use 1-128 letters, digits, "_", ".", ":" or "-"'),
  type: z.enum(PLATFORM_EVENT_TYPES),
  occurredAt: z.iso.datetime({ offset: true }),
  /** Who did it: `platform`, `shop`, `buyer`, an agent's id. An id, never a name: it reaches the workflow. */
  actor: z
    .string()
    .regex(/^[A-Za-z0-9_.:@-]{1,128}$/, 'an id such as platform, buyer or agent-li')
    .default('platform'),
  /** O6: why, for changes an agent makes. */
  reason: textSchema(500).optional(),
  data: z.unknown().optional(),
});

export type OrderEventBody = z.output<typeof eventEnvelopeSchema> & { data: Record<string, unknown> };

/** What the product tells an order itself (a case opened on it); never taken from a request. */
export type InternalEventBody = Omit<OrderEventBody, 'type' | 'data'> & {
  type: InternalEventType;
  data: { caseId: string; caseType: CaseType };
};

/** The envelope, then the type's data; problems in the data are named `data.<field>`. */
export const orderEventBodySchema = eventEnvelopeSchema.transform((body, ctx): OrderEventBody => {
  const data = EVENT_DATA[body.type].safeParse(body.data ?? {});
  if (!data.success) {
    for (const issue of data.error.issues)
      ctx.addIssue({ ...issue, path: ['data', ...issue.path] } as z.core.$ZodRawIssue);
    return z.NEVER;
  }
  return { ...body, data: data.data as Record<string, unknown> };
});
