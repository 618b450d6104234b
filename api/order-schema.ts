// An order as a platform or shop system posts it, with its price broken down the way platforms
// give it. Validated here once; everything downstream (the intake row, the recordOrder activity,
// what a refund may reach) trusts this shape.
import { z } from 'zod';
import { cents, formatCents } from '../workflows/money';
import { PAYMENT_METHODS } from '../workflows/definitions';
import { buyerTierSchema } from '../activities/shop-policy-schema';
import { amountSchema, currencySchema, idSchema, signedAmountSchema, textSchema } from './field-rules';

/** What lowers the price: the platform's coupons, the shop's, red packets (红包), points, others. */
export const DISCOUNT_KINDS = ['platform_coupon', 'shop_coupon', 'red_packet', 'points', 'other'] as const;

const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
const phoneSchema = z.string().regex(PHONE, 'must be a phone number');
/** How a platform that protects its buyers (Taobao's OAID) gives a phone: masked (`138****5678`) or encrypted (`$138$…$1$`, `~…~1~`). */
const PROTECTED_PHONE = /^(?=[^*]*\*)[0-9*+ -]{5,20}$|^[$~#][A-Za-z0-9+/=$~#]{4,600}$/;

export const shippingAddressSchema = z
  .object({
    recipient: textSchema(200),
    /** A phone number; with `oaid`, also as the platform masked or encrypted it (kept as given, decrypted only through the platform). */
    phone: z.string().refine((v) => PHONE.test(v) || PROTECTED_PHONE.test(v), 'must be a phone number'),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 code such as CN')
      .default('CN'),
    province: textSchema(100),
    city: textSchema(100),
    district: textSchema(100).optional(),
    street: textSchema(500),
    postalCode: textSchema(20).optional(),
    /** Taobao's Open Addressee ID: the recipient's name, phone and address are then the platform's protected forms. */
    oaid: z
      .string()
      .regex(/^[A-Za-z0-9_+/=-]{1,256}$/, 'an OAID as the platform gives it')
      .optional(),
  })
  .superRefine((address, ctx) => {
    if (!address.oaid && !PHONE.test(address.phone) && PROTECTED_PHONE.test(address.phone))
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'must be a phone number (a masked or encrypted one only with the address’s oaid)',
      });
  });

const orderFields = {
  platform: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, 'a lower-case platform name such as taobao, tmall, jd, douyin or own_site'),
  buyer: z.object({
    id: textSchema(128),
    name: textSchema(200),
    phone: phoneSchema.optional(),
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
        unitPrice: amountSchema,
      }),
    )
    .min(1)
    .max(500),
  /** Postage the buyer pays (运费). */
  shipping: amountSchema.default('0.00'),
  tax: amountSchema.default('0.00'),
  discounts: z
    .array(z.object({ kind: z.enum(DISCOUNT_KINDS), amount: amountSchema }))
    .max(50)
    .default([]),
  /** Price changes the shop made before the order was posted (改价); later ones are `price_adjusted` events. */
  adjustments: z
    .array(z.object({ amount: signedAmountSchema, reason: textSchema(200).optional() }))
    .max(50)
    .default([]),
  /** What the buyer is to pay: the items, shipping and tax, less the discounts, plus the adjustments. */
  total: amountSchema,
  currency: currencySchema.default('CNY'),
  paymentMethod: z.enum(PAYMENT_METHODS),
  shippingAddress: shippingAddressSchema,
  placedAt: z.iso.datetime({ offset: true }),
};

type Breakdown = Pick<
  z.output<z.ZodObject<typeof orderFields>>,
  'items' | 'shipping' | 'tax' | 'discounts' | 'adjustments'
>;

/** The total the breakdown adds up to, in cents. */
function breakdownTotalCents(order: Breakdown): number {
  const items = order.items.reduce((sum, item) => sum + item.quantity * cents(item.unitPrice), 0);
  const discounts = order.discounts.reduce((sum, discount) => sum + cents(discount.amount), 0);
  const adjustments = order.adjustments.reduce((sum, adjustment) => sum + cents(adjustment.amount), 0);
  return items + cents(order.shipping) + cents(order.tax) - discounts + adjustments;
}

/** A total that is not what the breakdown adds up to is refused: it is what refunds are measured against. */
function checkTotal(order: Breakdown & { total: string }, ctx: z.RefinementCtx): void {
  // Named fields first: a breakdown with a bad line cannot be added up.
  if (ctx.issues.length) return;
  const expected = breakdownTotalCents(order);
  if (expected < 0)
    ctx.addIssue({
      code: 'custom',
      path: ['discounts'],
      message: `the discounts exceed the price: the breakdown adds up to ${formatCents(expected)}`,
    });
  else if (cents(order.total) !== expected) {
    ctx.addIssue({
      code: 'custom',
      path: ['total'],
      message: `must equal the breakdown (items + shipping + tax - discounts + adjustments) = ${formatCents(expected)}, not ${order.total}`,
    });
  }
}

/** The order's fields without its ids, as the `placed` event carries them. */
export const placedOrderDataSchema = z.object(orderFields).superRefine(checkTotal);

export const orderInputSchema = z
  .object({ shopId: idSchema, orderId: idSchema, ...orderFields })
  .superRefine(checkTotal);

export const orderPathSchema = z.object({ shopId: idSchema, orderId: idSchema });

export type OrderInput = z.output<typeof orderInputSchema>;
