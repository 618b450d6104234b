// After an outage: the trades and refunds TOP modified in a time range (taobao.trades.sold.increment.get,
// taobao.refunds.receive.get, each a day at most per call, a page at a time), rebuilt as the TMC
// messages they would have brought, in the same shape, so map gives the same events (map reads the
// trade or refund again either way). Their ids are `backfill.<tid>.<topic>`: fetched again, the same.
import { z } from 'zod';
import type { ConnectorContext, PlatformMessage } from '../connector';
import { TopClient } from './client';
import { parseRecord, topIdSchema, topTimeSchema } from './records';
import type { TaobaoSettings } from './settings';
import { platformMessage } from './tmc-message';
import type { TaobaoTopic } from './topics';
import { toTopTime } from './top-time';

const DAY_MS = 24 * 3600 * 1000;
const PAGE_SIZE = 100;
type Kind = 'trades' | 'refunds';

const tradeRowSchema = z.object({
  tid: topIdSchema,
  status: z.string(),
  created: topTimeSchema,
  pay_time: topTimeSchema.optional(),
  consign_time: topTimeSchema.optional(),
  end_time: topTimeSchema.optional(),
  modified: topTimeSchema,
});
const refundRowSchema = z.object({
  refund_id: topIdSchema,
  tid: topIdSchema,
  status: z.string(),
  created: topTimeSchema,
  modified: topTimeSchema,
});

const CALLS = {
  trades: {
    method: 'taobao.trades.sold.increment.get',
    list: 'trades',
    item: 'trade',
    fields: 'tid,status,created,pay_time,consign_time,end_time,modified',
  },
  refunds: {
    method: 'taobao.refunds.receive.get',
    list: 'refunds',
    item: 'refund',
    fields: 'refund_id,tid,status,created,modified',
  },
} as const satisfies Record<Kind, unknown>;

/** Where a backfill stands: which list, the day window's start, the page. */
interface Position {
  kind: Kind;
  windowStart: number;
  page: number;
}

function readCursor(cursor: string | undefined, from: Date): Position {
  const match = cursor ? /^(trades|refunds):(\d+):(\d+)$/.exec(cursor) : null;
  return match
    ? { kind: match[1] as Kind, windowStart: Number(match[2]), page: Number(match[3]) }
    : { kind: 'trades', windowStart: from.getTime(), page: 1 };
}

function next(
  position: Position,
  hasNext: boolean,
  windowEnd: number,
  range: { from: Date; to: Date },
): string | undefined {
  if (hasNext) return `${position.kind}:${position.windowStart}:${position.page + 1}`;
  if (windowEnd < range.to.getTime()) return `${position.kind}:${windowEnd}:1`;
  return position.kind === 'trades' ? `refunds:${range.from.getTime()}:1` : undefined;
}

/** A rebuilt message: `content` holds what TMC's would for the map (the ids); TOP times as TOP writes them. */
function rebuilt(
  topic: TaobaoTopic,
  key: string,
  at: string,
  content: Record<string, string>,
  sellerNick: string,
): PlatformMessage | undefined {
  const id = `backfill.${key}.${topic}`;
  const pubTime = toTopTime(new Date(at));
  return platformMessage({ id, topic, pub_time: pubTime, user_nick: sellerNick, content: JSON.stringify(content) });
}

function tradeMessages(row: z.output<typeof tradeRowSchema>, sellerNick: string): (PlatformMessage | undefined)[] {
  const content = { tid: row.tid, status: row.status, seller_nick: sellerNick };
  const closedAt = row.end_time ?? row.modified;
  return [
    rebuilt('taobao_trade_TradeCreate', row.tid, row.created, content, sellerNick),
    row.pay_time ? rebuilt('taobao_trade_TradeBuyerPay', row.tid, row.pay_time, content, sellerNick) : undefined,
    row.consign_time
      ? rebuilt('taobao_trade_TradeSellerShip', row.tid, row.consign_time, content, sellerNick)
      : undefined,
    row.status === 'TRADE_FINISHED'
      ? rebuilt('taobao_trade_TradeSuccess', row.tid, closedAt, content, sellerNick)
      : undefined,
    row.status === 'TRADE_CLOSED' || row.status === 'TRADE_CLOSED_BY_TAOBAO'
      ? rebuilt('taobao_trade_TradeClose', row.tid, closedAt, content, sellerNick)
      : undefined,
  ];
}

function refundMessages(row: z.output<typeof refundRowSchema>, sellerNick: string): (PlatformMessage | undefined)[] {
  const content = { refund_id: row.refund_id, tid: row.tid, seller_nick: sellerNick };
  return [
    rebuilt('taobao_refund_RefundCreated', row.refund_id, row.created, content, sellerNick),
    row.status === 'SUCCESS'
      ? rebuilt('taobao_refund_RefundSuccess', row.refund_id, row.modified, content, sellerNick)
      : undefined,
  ];
}

export async function backfillMessages(
  ctx: ConnectorContext<TaobaoSettings>,
  range: { from: Date; to: Date },
  cursor?: string,
): Promise<{ messages: PlatformMessage[]; cursor?: string }> {
  const position = readCursor(cursor, range.from);
  const windowEnd = Math.min(position.windowStart + DAY_MS, range.to.getTime());
  const call = CALLS[position.kind];
  const answer = await new TopClient(ctx).seller(call.method, {
    fields: call.fields,
    start_modified: toTopTime(new Date(position.windowStart)),
    end_modified: toTopTime(new Date(windowEnd)),
    page_no: String(position.page),
    page_size: String(PAGE_SIZE),
    use_has_next: 'true',
  });
  const rows = (answer[call.list] as Record<string, unknown> | undefined)?.[call.item];
  const messages: (PlatformMessage | undefined)[] = [];
  for (const row of Array.isArray(rows) ? rows : []) {
    messages.push(
      ...(position.kind === 'trades'
        ? tradeMessages(parseRecord(tradeRowSchema, row, 'trade'), ctx.settings.sellerNick)
        : refundMessages(parseRecord(refundRowSchema, row, 'refund'), ctx.settings.sellerNick)),
    );
  }
  return {
    messages: messages.filter((message): message is PlatformMessage => message !== undefined),
    cursor: next(position, answer.has_next === true, windowEnd, range),
  };
}
