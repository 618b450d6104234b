// What a TMC message means to the product. Each topic's facts are read again from TOP (the trade
// or the refund as it is now), never from the message's own few fields, so a message fetched again
// by a backfill, or one that comes before its trade's first (paid before created), gives the same
// events: their ids and times come from the trade's facts (`taobao.<tid>.paid` at pay_time).
// What the product itself told TOP (our shipment, our agreement to a refund) comes back as an echo.
import { caseIntakeSchema } from '../../api/case-schema';
import { orderEventBodySchema } from '../../api/order-event-schema';
import type { ConnectorAction, ConnectorContext, Mapping, PlatformMessage } from '../connector';
import { TopClient } from './client';
import { placedOrderData } from './placed-order';
import { fetchRefund, fetchTrade, type Refund, type Trade } from './records';
import type { TaobaoSettings } from './settings';
import { refundSituation } from './situation';
import { tmcContent, tmcMessageSchema } from './tmc-message';
import { isTaobaoTopic, type TaobaoTopic } from './topics';

type Ctx = ConnectorContext<TaobaoSettings>;

const unmapped = (reason: string): Mapping => ({ kind: 'unmapped', reason });
const apply = (...actions: ConnectorAction[]): Mapping => ({ kind: 'apply', actions });

/** An order event, checked as the API checks one; one that fails is left for ops with the fields named (never their values). */
function orderEvent(
  orderId: string,
  body: { eventId: string; type: string; occurredAt: string | undefined; data?: unknown },
): Mapping {
  const parsed = orderEventBodySchema.safeParse({ ...body, actor: 'platform' });
  if (parsed.success) return apply({ kind: 'order_event', orderId, event: parsed.data });
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  return unmapped(`trade ${orderId}'s ${body.type} event is not one the product takes (${problems})`);
}

function placed(trade: Trade, settings: TaobaoSettings): Mapping {
  return orderEvent(trade.tid, {
    eventId: `taobao.${trade.tid}.placed`,
    type: 'placed',
    occurredAt: trade.created,
    data: placedOrderData(trade, settings),
  });
}

function paid(trade: Trade): Mapping {
  if (!trade.pay_time) return unmapped(`trade ${trade.tid} has no payment time`);
  return orderEvent(trade.tid, {
    eventId: `taobao.${trade.tid}.paid`,
    type: 'paid',
    occurredAt: trade.pay_time,
    data: { amount: trade.payment },
  });
}

async function shipped(ctx: Ctx, trade: Trade): Promise<Mapping> {
  const line = trade.orders.find((order) => order.invoice_no);
  if (!line?.invoice_no || !line.logistics_company)
    return unmapped(`trade ${trade.tid} names no courier and tracking number`);
  const trackingNumber = line.invoice_no;
  if (await ctx.ownShipment(trade.tid, { platformRef: `${trade.tid}:${trackingNumber}`, trackingNumber }))
    return { kind: 'echo', reason: `our own shipment ${trackingNumber} of trade ${trade.tid}` };
  return orderEvent(trade.tid, {
    eventId: `taobao.${trade.tid}.shipped.${trackingNumber}`,
    type: 'shipped',
    occurredAt: trade.consign_time ?? trade.modified,
    data: { courier: line.logistics_company, trackingNumber },
  });
}

function closed(trade: Trade): Mapping {
  // Closed before payment (TRADE_CLOSED_BY_TAOBAO) is a cancellation; after it (TRADE_CLOSED), the refunds that closed it are the refund messages' business.
  if (trade.status === 'TRADE_CLOSED') return apply();
  if (trade.status !== 'TRADE_CLOSED_BY_TAOBAO') return unmapped(`trade ${trade.tid} is ${trade.status}, not closed`);
  return orderEvent(trade.tid, {
    eventId: `taobao.${trade.tid}.cancelled`,
    type: 'cancelled',
    occurredAt: trade.end_time ?? trade.modified,
  });
}

function openCase(ctx: Ctx, refund: Refund): Mapping {
  const intake = caseIntakeSchema.safeParse({
    shopId: ctx.shopId,
    // The refund's id is the case's, so the refund push later knows which request to agree to.
    caseId: refund.refund_id,
    orderId: refund.tid,
    type: refund.has_good_return ? 'RETURN_REFUND' : 'REFUND_ONLY',
    situation: refundSituation(refund.reason),
    requestedAmount: refund.refund_fee,
    channel: 'platform',
    openedBy: 'platform',
    description: refund.desc || undefined,
  });
  if (intake.success) return apply({ kind: 'open_case', intake: intake.data });
  return unmapped(
    `refund ${refund.refund_id} is not a case the product takes (${intake.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`,
  );
}

async function refunded(ctx: Ctx, refund: Refund): Promise<Mapping> {
  if (refund.status !== 'SUCCESS') return unmapped(`refund ${refund.refund_id} is ${refund.status}, not paid`);
  if (await ctx.ownRefund(refund.tid, refund.refund_id))
    return { kind: 'echo', reason: `our own agreement to refund ${refund.refund_id}` };
  return orderEvent(refund.tid, {
    eventId: `taobao.refund.${refund.refund_id}`,
    type: 'refunded',
    occurredAt: refund.modified,
    data: { refundId: refund.refund_id, amount: refund.refund_fee, caseId: refund.refund_id },
  });
}

async function mapTopic(
  ctx: Ctx,
  client: TopClient,
  topic: TaobaoTopic,
  tid: string,
  refundId: string | undefined,
): Promise<Mapping> {
  switch (topic) {
    case 'taobao_trade_TradeCreate':
      return placed(await fetchTrade(client, tid), ctx.settings);
    case 'taobao_trade_TradeBuyerPay':
      return paid(await fetchTrade(client, tid));
    case 'taobao_trade_TradeSellerShip':
      return shipped(ctx, await fetchTrade(client, tid));
    case 'taobao_trade_TradeSuccess': {
      const trade = await fetchTrade(client, tid);
      return orderEvent(tid, {
        eventId: `taobao.${tid}.receipt_confirmed`,
        type: 'receipt_confirmed',
        occurredAt: trade.end_time ?? trade.modified,
      });
    }
    case 'taobao_trade_TradeClose':
      return closed(await fetchTrade(client, tid));
    case 'taobao_refund_RefundCreated':
      return refundId ? openCase(ctx, await fetchRefund(client, refundId)) : unmapped('the message names no refund');
    case 'taobao_refund_RefundSellerAgreeAgreement':
      // The seller's agreement is the case's own step (ours, or made on Taobao and seen when the refund is paid).
      return apply();
    case 'taobao_refund_RefundSuccess':
      return refundId ? refunded(ctx, await fetchRefund(client, refundId)) : unmapped('the message names no refund');
    default:
      return topic satisfies never;
  }
}

export async function mapMessage(ctx: Ctx, message: PlatformMessage): Promise<Mapping> {
  const parsed = tmcMessageSchema.safeParse(message.payload);
  if (!parsed.success) return unmapped('not a TMC message');
  const { topic } = parsed.data;
  if (!isTaobaoTopic(topic)) return unmapped(`no mapping for TMC topic ${topic.slice(0, 80)}`);
  const content = tmcContent(parsed.data.content);
  if (!content) return unmapped(`the ${topic} message names no trade`);
  return mapTopic(ctx, new TopClient(ctx), topic, content.tid, content.refund_id);
}
