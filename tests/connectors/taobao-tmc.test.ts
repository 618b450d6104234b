// The shop's messages from TMC: consumed, kept by the core, confirmed; until confirmed TMC gives them
// again under the same id, so a crash in between is a harmless repeat. A TOP that hangs, has a fault
// of its own (isp.*), limits the app's calls or answers 503 is a PlatformUnavailableError: later.
import { PlatformUnavailableError } from '../../connectors/connector';
import { taobaoConnector } from '../../connectors/taobao';
import { connectShop, runTopPeerDuringTests, SELLER, TID } from '../helpers/top-peer';

const peer = runTopPeerDuringTests();
const pull = (shop = connectShop(peer)) => taobaoConnector.pull!(shop);

describe('consume and confirm', () => {
  test('a message comes with its TMC id (19 digits, exact), topic, trade and Beijing time; confirmed, it does not come again', async () => {
    const id = peer.publish(
      'taobao_trade_TradeBuyerPay',
      { tid: TID, oid: TID, seller_nick: SELLER, status: 'WAIT_SELLER_SEND_GOODS', payment: '107.00' },
      new Date('2026-11-23T02:05:00Z'),
    );
    const { messages, confirm } = await pull();
    expect(id).toMatch(/^\d{19}$/);
    expect(messages).toEqual([
      {
        messageId: id,
        topic: 'taobao_trade_TradeBuyerPay',
        platformOrderId: TID,
        occurredAt: '2026-11-23T10:05:00+08:00',
        payload: expect.objectContaining({ id, topic: 'taobao_trade_TradeBuyerPay' }),
      },
    ]);
    await confirm();
    expect(peer.confirmed).toEqual([id]);
    expect((await pull()).messages).toEqual([]);
  });

  test('not confirmed (the worker died after keeping them), TMC gives the same messages again under the same ids', async () => {
    const first = peer.publish('taobao_trade_TradeCreate', { tid: TID, seller_nick: SELLER });
    const second = peer.publish('taobao_trade_TradeBuyerPay', { tid: TID, seller_nick: SELLER });
    const before = await pull();
    const again = await pull();
    expect(again.messages.map((m) => m.messageId)).toEqual([first, second]);
    expect(again.messages).toEqual(before.messages);
    await again.confirm();
    expect(peer.pending).toBe(0);
  });

  test('a message delivered twice in one batch is one message', async () => {
    const id = peer.publish('taobao_trade_TradeSuccess', { tid: TID, seller_nick: SELLER });
    peer.deliverTwice(id);
    const { messages } = await pull();
    expect(messages.map((m) => m.messageId)).toEqual([id]);
  });

  test('the default group is consumed by leaving its name out; the batch asks for 100', async () => {
    await pull();
    expect(peer.calls[0].params).not.toHaveProperty('group_name');
    expect(peer.calls[0].params.quantity).toBe('100');
  });

  test('a message whose content TOP wrote otherwise still comes with its id, to be kept and confirmed rather than redelivered forever', async () => {
    const id = peer.publish('taobao_trade_TradeCreate', { tid: TID });
    const raw = await pull();
    expect(raw.messages[0]).toMatchObject({ messageId: id, topic: 'taobao_trade_TradeCreate' });
  });
});

describe('TOP not answering', () => {
  test('a TOP that hangs: unavailable within the shop’s timeout, nothing confirmed', async () => {
    peer.publish('taobao_trade_TradeCreate', { tid: TID, seller_nick: SELLER });
    peer.failNext('hang');
    const err = await pull().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformUnavailableError);
    expect((err as Error).message).toBe('TOP did not answer taobao.tmc.messages.consume within 1000 ms');
    expect(peer.pending).toBe(1);
  });

  test('an ISP fault, a 503: unavailable; the app’s call limit: unavailable for as long as TOP says the ban lasts', async () => {
    peer.failNext('isp');
    await expect(pull()).rejects.toThrow(
      new PlatformUnavailableError(
        'TOP error 15 Remote service error: isp.top-remote-connection-timeout: remote service timeout',
      ),
    );
    peer.failNext('http503');
    await expect(pull()).rejects.toThrow('TOP answered taobao.tmc.messages.consume with HTTP 503');
    peer.failNext('limit');
    const limited = await pull().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(PlatformUnavailableError);
    expect((limited as PlatformUnavailableError).retryAfterMs).toBe(2000);
  });

  test('confirm that fails leaves the messages to come again', async () => {
    const id = peer.publish('taobao_trade_TradeCreate', { tid: TID, seller_nick: SELLER });
    const { confirm } = await pull();
    peer.failNext('isp', 1, 'taobao.tmc.messages.confirm');
    await expect(confirm()).rejects.toThrow(PlatformUnavailableError);
    expect((await pull()).messages.map((m) => m.messageId)).toEqual([id]);
  });
});
