// An after-sales case as a platform, a chat tool or an agent opens it (A1), and the events that
// follow it. Validated here once; the row keeps everything, the workflow gets ids and facts only.
import { z } from 'zod';
import { CASE_EVENT_TYPES, type CaseEventType } from '../workflows/case-events';
import { CASE_TYPES } from '../workflows/definitions';
import { LOCALES } from '../workflows/shop-policy';
import { eventEnvelopeSchema } from './order-event-schema';
import { courierSchema, exactAmountSchema, idSchema, textSchema, trackingNumberSchema } from './field-rules';

/** A1: the channels a request comes in by. (The order's workflow opens cases too, as `workflow`.) */
export const CASE_CHANNELS = ['platform', 'chat', 'phone', 'email', 'agent'] as const;

const actor = eventEnvelopeSchema.shape.actor;

/** A case id in a path: the API's ids, or the longer ones the order's workflow gives parcel cases (`parcel-<n>-<orderId>`). */
export const casePathIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, 'use 1-80 letters, digits, "_", "." or "-"');

export const caseIntakeSchema = z.strictObject({
  shopId: idSchema,
  caseId: idSchema,
  orderId: idSchema,
  type: z.enum(CASE_TYPES),
  /** A6/A7: what happened; picks the compensation (lost_parcel, quality_defect, no_reason, ...). */
  situation: z.string().regex(/^[a-z_]{2,32}$/, 'a situation such as no_reason, quality_defect or lost_parcel'),
  /** What the buyer asks back, in the order's currency; for a refund, what is still refundable when left out. */
  requestedAmount: exactAmountSchema.optional(),
  /** The order's item line (1-based) the request is about: a refund is then capped by that line's share of what was paid. */
  lineNo: z.int().min(1).max(500).optional(),
  channel: z.enum(CASE_CHANNELS),
  openedBy: actor,
  /** The buyer's own words: kept in the case's row, never in the workflow. */
  description: textSchema(2000).optional(),
  /** The buyer's language for messages and the progress answer; the shop's default when left out. */
  locale: z.enum(LOCALES).optional(),
});
export type CaseIntake = z.output<typeof caseIntakeSchema>;

export const CASE_EVENT_DATA = {
  return_shipped: z.strictObject({ courier: courierSchema, trackingNumber: trackingNumberSchema }),
  return_received: z.strictObject({}).default({}),
  withdrawn: z.strictObject({}).default({}),
} as const satisfies Record<CaseEventType, z.ZodType>;

export type CaseEventBody = Omit<z.output<typeof eventEnvelopeSchema>, 'type'> & {
  type: CaseEventType;
  data: Record<string, unknown>;
};

/** The same envelope as order events, with the case's types; problems in the data are named `data.<field>`. */
export const caseEventBodySchema = eventEnvelopeSchema
  .extend({ type: z.enum(CASE_EVENT_TYPES) })
  .transform((body, ctx): CaseEventBody => {
    const data = CASE_EVENT_DATA[body.type].safeParse(body.data ?? {});
    if (!data.success) {
      for (const issue of data.error.issues)
        ctx.addIssue({ ...issue, path: ['data', ...issue.path] } as z.core.$ZodRawIssue);
      return z.NEVER;
    }
    return { ...body, data: data.data as Record<string, unknown> };
  });
