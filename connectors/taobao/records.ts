// The TOP records this connector reads (a trade with its orders, a refund), as far as it reads
// them, and the calls that fetch one. TOP wraps every list in an object named after its item
// (`orders: {order: [...]}`) and writes amounts as yuan strings with two decimals.
import { z } from 'zod';
import { PlatformRefusedError } from '../connector';
import type { TopClient } from './client';
import { idText } from './top-json';
import { isoFromTopTime } from './top-time';

export const topIdSchema = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => idText(v) ?? (ctx.addIssue({ code: 'custom', message: 'not a TOP id' }), z.NEVER));
const money = z.string().regex(/^-?\d{1,10}(\.\d{1,2})?$/, 'an amount in yuan');
/** A TOP time, as ISO-8601 with +08:00. */
export const topTimeSchema = z
  .string()
  .transform((v, ctx) => isoFromTopTime(v) ?? (ctx.addIssue({ code: 'custom', message: 'not a TOP time' }), z.NEVER));
const text = z.string().optional();
const listOf = <T extends z.ZodType>(name: string, item: T) =>
  z.object({ [name]: z.array(item).default([]) }).transform((v) => v[name] as z.output<T>[]);

const orderSchema = z.object({
  oid: topIdSchema,
  num_iid: topIdSchema.optional(),
  sku_id: text,
  outer_sku_id: text,
  outer_iid: text,
  title: z.string(),
  num: z.coerce.number().int(),
  price: money,
  discount_fee: money.optional(),
  adjust_fee: money.optional(),
  logistics_company: text,
  invoice_no: text,
});

const promotionSchema = z.object({ promotion_id: text, promotion_name: text, discount_fee: money });

export const tradeSchema = z.object({
  tid: topIdSchema,
  status: z.string(),
  type: text,
  payment: money,
  post_fee: money.default('0.00'),
  discount_fee: money.optional(),
  created: topTimeSchema,
  pay_time: topTimeSchema.optional(),
  consign_time: topTimeSchema.optional(),
  end_time: topTimeSchema.optional(),
  modified: topTimeSchema,
  buyer_open_uid: text,
  buyer_nick: text,
  receiver_name: text,
  receiver_mobile: text,
  receiver_phone: text,
  receiver_state: text,
  receiver_city: text,
  receiver_district: text,
  receiver_address: text,
  receiver_zip: text,
  oaid: text,
  orders: listOf('order', orderSchema),
  promotion_details: listOf('promotion_detail', promotionSchema).optional(),
});
export type Trade = z.output<typeof tradeSchema>;
export type TradeOrder = Trade['orders'][number];

/** The fields asked for: TOP returns only those named. */
export const TRADE_FIELDS = [
  'tid',
  'type',
  'status',
  'payment',
  'post_fee',
  'discount_fee',
  'created',
  'pay_time',
  'consign_time',
  'end_time',
  'modified',
  'buyer_open_uid',
  'buyer_nick',
  'receiver_name',
  'receiver_mobile',
  'receiver_phone',
  'receiver_state',
  'receiver_city',
  'receiver_district',
  'receiver_address',
  'receiver_zip',
  'oaid',
  'orders',
  'promotion_details',
].join(',');

export const refundSchema = z.object({
  refund_id: topIdSchema,
  tid: topIdSchema,
  oid: topIdSchema.optional(),
  status: z.string(),
  refund_fee: money,
  has_good_return: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  reason: text,
  desc: text,
  created: topTimeSchema,
  modified: topTimeSchema,
  refund_phase: text,
  refund_version: topIdSchema.optional(),
});
export type Refund = z.output<typeof refundSchema>;

export const REFUND_FIELDS = [
  'refund_id',
  'tid',
  'oid',
  'status',
  'refund_fee',
  'has_good_return',
  'reason',
  'desc',
  'created',
  'modified',
  'refund_phase',
  'refund_version',
].join(',');

/** Parses a record TOP gave, or refuses naming the first wrong field (never its value: it may be personal). */
export function parseRecord<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new PlatformRefusedError(
    `TOP's ${what} is not as documented (${issue.path.join('.') || 'the record'}: ${issue.message})`,
  );
}

export async function fetchTrade(client: TopClient, tid: string): Promise<Trade> {
  const answer = await client.seller('taobao.trade.fullinfo.get', {
    tid,
    fields: TRADE_FIELDS,
    include_oaid: 'include_oaid',
  });
  return parseRecord(tradeSchema, answer.trade, 'trade');
}

export async function fetchRefund(client: TopClient, refundId: string): Promise<Refund> {
  const answer = await client.seller('taobao.refund.get', { refund_id: refundId, fields: REFUND_FIELDS });
  return parseRecord(refundSchema, answer.refund, 'refund');
}
