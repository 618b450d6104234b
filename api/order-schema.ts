// An order as a platform or shop system posts it. Validated here once; everything downstream
// (the intake row, the recordOrder activity) trusts this shape.
import { z } from 'zod';
import { PAYMENT_METHODS } from '../workflows/definitions';
import { buyerTierSchema } from '../workflows/shop-policy';

/** Ids become part of workflow ids (`order:<shopId>:<orderId>`), so ':' and spaces are refused. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'use 1-64 letters, digits, "_", "." or "-"');

/** Free text; PostgreSQL cannot store the NUL character in text or jsonb, so it is refused here. */
export const textSchema = (max: number) => z.string().min(1).max(max).refine((v) => !v.includes('\0'), 'must not contain the NUL character');

/** Amounts in major units (yuan) with at most two decimals, as a string or number. Kept as a
 *  string with exactly two decimals, so that 49.5, "49.5" and "49.50" are the same amount. */
const amount = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? v.toFixed(2) : v))
  .pipe(z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be an amount >= 0 with at most 2 decimals'))
  .transform((v) => {
    const [units, cents = ''] = v.split('.');
    return `${units.replace(/^0+(?=\d)/, '')}.${cents.padEnd(2, '0')}`;
  });

export const orderInputSchema = z.object({
  shopId: idSchema,
  orderId: idSchema,
  platform: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, 'a lower-case platform name such as taobao, tmall, jd, douyin or own_site'),
  buyer: z.object({
    id: textSchema(128),
    name: textSchema(200),
    phone: z.string().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'must be a phone number').optional(),
    email: z.email().optional(),
    /** O13: the shop's tier for this buyer; agents may change it later (`tier_changed`). */
    tier: buyerTierSchema.default('REGULAR'),
  }),
  items: z
    .array(
      z.object({
        sku: textSchema(128),
        title: textSchema(500),
        quantity: z.int().min(1).max(100_000),
        unitPrice: amount,
      }),
    )
    .min(1)
    .max(500),
  total: amount,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY').default('CNY'),
  paymentMethod: z.enum(PAYMENT_METHODS),
  shippingAddress: z.object({
    recipient: textSchema(200),
    phone: z.string().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'must be a phone number'),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 code such as CN').default('CN'),
    province: textSchema(100),
    city: textSchema(100),
    district: textSchema(100).optional(),
    street: textSchema(500),
    postalCode: textSchema(20).optional(),
  }),
  placedAt: z.iso.datetime({ offset: true }),
});

export type OrderInput = z.output<typeof orderInputSchema>;
