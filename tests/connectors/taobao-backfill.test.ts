// After an outage: the trades and refunds TOP modified in the range, a day and a page per call, as
// the TMC messages they would have brought; mapped, they give the same events as TMC's own.
import type { PlatformMessage } from '../../connectors/connector';
import { taobaoConnector } from '../../connectors/taobao';
import {
  connectShop,
  REFUND_ID,
  runTopPeerDuringTests,
  sampleRefund,
  sampleTrade,
  SELLER,
  TID,
  type TestShop,
} from '../helpers/top-peer';

const peer = runTopPeerDuringTests();
const RANGE = { from: new Date('2026-11-22T16:00:00Z'), to: new Date('2026-11-24T16:00:00Z') };
const FINISHED = '4012345678901239999';

async function backfillAll(shop: TestShop): Promise<PlatformMessage[]> {
  const messages: PlatformMessage[] = [];
  let cursor: string | undefined;
  do {
    const page = await taobaoConnector.backfill(shop, RANGE, cursor);
    messages.push(...page.messages);
    cursor = page.cursor;
  } while (cursor);
  return messages;
}

beforeEach(() => {
  peer.trades.set(TID, sampleTrade());
  peer.trades.set(
    FINISHED,
    sampleTrade({
      tid: FINISHED,
      status: 'TRADE_FINISHED',
      consign_time: '2026-11-24 08:00:00',
      end_time: '2026-11-24 20:00:00',
      modified: '2026-11-24 20:00:00',
    }),
  );
  // Modified after the range: not the backfill's.
  peer.trades.set('4012345678901230000', sampleTrade({ tid: '4012345678901230000', modified: '2026-11-26 10:00:00' }));
  peer.refunds.set(REFUND_ID, sampleRefund({ status: 'SUCCESS', modified: '2026-11-24 09:30:00' }));
});

test('each trade and refund modified in the range, as the messages TMC would have brought, under ids of their own', async () => {
  const messages = await backfillAll(connectShop(peer));
  expect(messages.map((m) => [m.messageId, m.platformOrderId, m.occurredAt])).toEqual([
    [`backfill.${TID}.taobao_trade_TradeCreate`, TID, '2026-11-23T10:00:00+08:00'],
    [`backfill.${TID}.taobao_trade_TradeBuyerPay`, TID, '2026-11-23T10:05:00+08:00'],
    [`backfill.${FINISHED}.taobao_trade_TradeCreate`, FINISHED, '2026-11-23T10:00:00+08:00'],
    [`backfill.${FINISHED}.taobao_trade_TradeBuyerPay`, FINISHED, '2026-11-23T10:05:00+08:00'],
    [`backfill.${FINISHED}.taobao_trade_TradeSellerShip`, FINISHED, '2026-11-24T08:00:00+08:00'],
    [`backfill.${FINISHED}.taobao_trade_TradeSuccess`, FINISHED, '2026-11-24T20:00:00+08:00'],
    [`backfill.${REFUND_ID}.taobao_refund_RefundCreated`, TID, '2026-11-24T09:00:00+08:00'],
    [`backfill.${REFUND_ID}.taobao_refund_RefundSuccess`, TID, '2026-11-24T09:30:00+08:00'],
  ]);
  // A day at most per call, as TOP requires.
  const windows = peer.calls.map((c) => [c.method, c.params.start_modified, c.params.end_modified]);
  expect(windows).toEqual([
    ['taobao.trades.sold.increment.get', '2026-11-23 00:00:00', '2026-11-24 00:00:00'],
    ['taobao.trades.sold.increment.get', '2026-11-24 00:00:00', '2026-11-25 00:00:00'],
    ['taobao.refunds.receive.get', '2026-11-23 00:00:00', '2026-11-24 00:00:00'],
    ['taobao.refunds.receive.get', '2026-11-24 00:00:00', '2026-11-25 00:00:00'],
  ]);
});

test('fetched again, the same messages; mapped, the same events as the TMC messages’', async () => {
  const shop = connectShop(peer);
  const first = await backfillAll(shop);
  expect(await backfillAll(shop)).toEqual(first);

  peer.publish('taobao_trade_TradeBuyerPay', { tid: TID, seller_nick: SELLER });
  peer.publish('taobao_refund_RefundSuccess', { refund_id: REFUND_ID, tid: TID, seller_nick: SELLER });
  const tmc = (await taobaoConnector.pull!(shop)).messages;
  const byTopic = (messages: PlatformMessage[], topic: string) =>
    messages.find((m) => m.topic === topic && m.platformOrderId === TID)!;
  for (const topic of ['taobao_trade_TradeBuyerPay', 'taobao_refund_RefundSuccess']) {
    expect(await taobaoConnector.map(shop, byTopic(first, topic))).toEqual(
      await taobaoConnector.map(shop, byTopic(tmc, topic)),
    );
  }
});

test('more trades than a page: the next page, then the next day', async () => {
  for (let n = 0; n < 100; n++)
    peer.trades.set(
      `40123456789000${String(n).padStart(5, '0')}`,
      sampleTrade({ tid: `40123456789000${String(n).padStart(5, '0')}` }),
    );
  const messages = await backfillAll(connectShop(peer));
  expect(messages.filter((m) => m.topic === 'taobao_trade_TradeCreate')).toHaveLength(102);
  expect(
    peer.calls.filter((c) => c.method === 'taobao.trades.sold.increment.get').map((c) => c.params.page_no),
  ).toEqual(['1', '2', '1']);
});
