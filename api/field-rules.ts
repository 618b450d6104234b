// The field rules the API's schemas share: ids, free text, amounts, couriers and tracking numbers.
// One definition each, so a rule changes in one place for every body that carries the field.
import { z } from 'zod';
import { courierRule, exactAmountRule, trackingNumberRule } from '../workflows/field-rules';
import { patternSchema, trimmedTextSchema } from './field-schema';

/** Ids become part of workflow ids (`order:<shopId>:<orderId>`), so ':' and spaces are refused. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'use 1-64 letters, digits, "_", "." or "-"');

/** Free text; PostgreSQL cannot store the NUL character in text or jsonb, so it is refused here. */
export const textSchema = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((v) => !v.includes('\0'), 'must not contain the NUL character');

const twoDecimals = (v: string) => {
  const [units, cents = ''] = v.split('.');
  return `${units.replace(/^0+(?=\d)/, '')}.${cents.padEnd(2, '0')}`;
};

/** Amounts in major units (yuan) with at most two decimals, as a string or number. Kept as a
 *  string with exactly two decimals, so that 49.5, "49.5" and "49.50" are the same amount. */
export const amountSchema = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? v.toFixed(2) : v))
  .pipe(z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be an amount >= 0 with at most 2 decimals'))
  .transform(twoDecimals);

/** A change of price (Taobao's 改价): negative when the shop lowered it. Two decimals, signed. */
export const signedAmountSchema = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? v.toFixed(2) : v))
  .pipe(
    z.string().regex(/^-?\d{1,10}(\.\d{1,2})?$/, 'must be an amount with at most 2 decimals, negative for a reduction'),
  )
  .transform((v) => (v.startsWith('-') ? `-${twoDecimals(v.slice(1))}` : twoDecimals(v)))
  .transform((v) => (v === '-0.00' ? '0.00' : v));

export const courierSchema = trimmedTextSchema(courierRule);
export const trackingNumberSchema = patternSchema(trackingNumberRule);
export const exactAmountSchema = patternSchema(exactAmountRule);
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY');
