// What each TMC topic means: the trade or refund is read again from TOP and becomes the product's
// event or case, with ids and times from TOP's facts, so a message delivered twice, or one that
// comes before its trade's first (paid before created), gives the same events. The placed order's
// breakdown adds up to what the buyer paid; a buyer TOP protects (OAID) keeps TOP's masked values.
// What the product itself told TOP comes back as an echo.
import type { Mapping, PlatformMessage } from '../../connectors/connector';
import { taobaoConnector } from '../../connectors/taobao';
import { placedOrderDataSchema, shippingAddressSchema } from '../../api/order-schema';
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

async function delivered(shop: TestShop, topic: string, content: Record<string, unknown>): Promise<PlatformMessage> {
  peer.publish(topic, { seller_nick: SELLER, ...content });
  const { messages, confirm } = await taobaoConnector.pull!(shop);
  await confirm();
  return messages[messages.length - 1];
}

async function mapped(
  topic: string,
  content: Record<string, unknown> = { tid: TID },
  shop = connectShop(peer),
): Promise<Mapping> {
  return taobaoConnector.map(shop, await delivered(shop, topic, content));
}

function event(mapping: Mapping) {
  if (mapping.kind !== 'apply' || mapping.actions.length !== 1 || mapping.actions[0].kind !== 'order_event')
    throw new Error(`expected one order event, got ${JSON.stringify(mapping)}`);
  return mapping.actions[0];
}

describe('trades', () => {
  test('TradeCreate: the trade as a placed order whose breakdown adds up to the payment, the OAID buyer’s values as TOP gave them', async () => {
    peer.trades.set(TID, sampleTrade({ status: 'WAIT_BUYER_PAY', pay_time: undefined }));
    const action = event(await mapped('taobao_trade_TradeCreate'));
    expect(action).toMatchObject({
      orderId: TID,
      event: {
        eventId: `taobao.${TID}.placed`,
        type: 'placed',
        occurredAt: '2026-11-23T10:00:00+08:00',
        actor: 'platform',
      },
    });
    const order = action.event.data;
    expect(order).toEqual({
      platform: 'taobao',
      buyer: { id: 'AAHk5d-EAAeGwJedwSFu0Xyz', name: 't**1', tier: 'REGULAR' },
      items: [
        { sku: 'CUP-500', title: '保温杯', quantity: 2, unitPrice: '49.50' },
        { sku: 'LID-1', title: '杯盖', quantity: 1, unitPrice: '10.00' },
      ],
      shipping: '8.00',
      tax: '0.00',
      discounts: [
        { kind: 'shop_coupon', amount: '5.00' },
        { kind: 'platform_coupon', amount: '3.00' },
      ],
      adjustments: [{ amount: '-2.00', reason: '改价' }],
      total: '107.00',
      currency: 'CNY',
      paymentMethod: 'ONLINE',
      shippingAddress: {
        recipient: '张**',
        phone: '*******5678',
        country: 'CN',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        street: '文三路***号',
        oaid: '1ZcxE2X6lVtGZqEz2N8Ljw5RkJ4Bs0zW',
      },
      placedAt: '2026-11-23T10:00:00+08:00',
    });
    expect(placedOrderDataSchema.safeParse(order).success).toBe(true);
    // Read with the fields the connector reads, and the OAID asked for.
    expect(peer.calls.find((c) => c.method === 'taobao.trade.fullinfo.get')?.params).toMatchObject({
      tid: TID,
      include_oaid: 'include_oaid',
    });
  });

  test('a masked phone without an OAID is refused by the order schema: only TOP’s protected orders carry one', async () => {
    peer.trades.set(TID, sampleTrade({ oaid: undefined }));
    expect(await mapped('taobao_trade_TradeCreate')).toEqual({
      kind: 'unmapped',
      reason: `trade ${TID}'s placed event is not one the product takes (data.shippingAddress.phone: must be a phone number (a masked or encrypted one only with the address’s oaid))`,
    });
    peer.trades.set(
      TID,
      sampleTrade({
        oaid: undefined,
        receiver_name: '张三',
        receiver_mobile: '13800000000',
        receiver_address: '文三路 1 号',
      }),
    );
    expect(event(await mapped('taobao_trade_TradeCreate')).event.data).toMatchObject({
      shippingAddress: { recipient: '张三', phone: '13800000000', street: '文三路 1 号' },
    });
  });

  test('the order schema: a masked or encrypted phone only with an OAID, a plain number always, anything else never', () => {
    const address = { recipient: '张**', province: '浙江省', city: '杭州市', street: '文三路***号' };
    const problems = (extra: Record<string, string>) => {
      const parsed = shippingAddressSchema.safeParse({ ...address, ...extra });
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(problems({ phone: '*******5678', oaid: 'AbC123' })).toEqual([]);
    expect(problems({ phone: '$138$U2FsdGVkX1+abc=$1$', oaid: 'AbC123' })).toEqual([]);
    expect(problems({ phone: '13800000000' })).toEqual([]);
    expect(problems({ phone: '*******5678' })).toEqual([
      'phone: must be a phone number (a masked or encrypted one only with the address’s oaid)',
    ]);
    expect(problems({ phone: 'call me', oaid: 'AbC123' })).toEqual(['phone: must be a phone number']);
  });

  test('a breakdown that does not add up to the payment is left for ops with the figures, never balanced', async () => {
    peer.trades.set(TID, sampleTrade({ payment: '100.00' }));
    const mapping = await mapped('taobao_trade_TradeCreate');
    expect(mapping).toEqual({
      kind: 'unmapped',
      reason: expect.stringContaining(
        'must equal the breakdown (items + shipping + tax - discounts + adjustments) = 107.00, not 100.00',
      ),
    });
    expect(JSON.stringify(mapping)).not.toContain('张');
  });

  test('a Tmall shop’s cash-on-delivery trade', async () => {
    peer.trades.set(TID, sampleTrade({ type: 'cod' }));
    const order = event(await mapped('taobao_trade_TradeCreate', { tid: TID }, connectShop(peer, { sellerType: 'B' })))
      .event.data;
    expect(order).toMatchObject({ platform: 'tmall', paymentMethod: 'CASH_ON_DELIVERY' });
  });

  test('TradeBuyerPay: paid, what the buyer paid, at the payment time', async () => {
    peer.trades.set(TID, sampleTrade());
    expect(event(await mapped('taobao_trade_TradeBuyerPay'))).toEqual({
      kind: 'order_event',
      orderId: TID,
      event: {
        eventId: `taobao.${TID}.paid`,
        type: 'paid',
        occurredAt: '2026-11-23T10:05:00+08:00',
        actor: 'platform',
        data: { amount: '107.00' },
      },
    });
  });

  test('paid before created: each message gives the same event whichever comes first, and again when delivered twice', async () => {
    peer.trades.set(TID, sampleTrade());
    const shop = connectShop(peer);
    const paidFirst = await mapped('taobao_trade_TradeBuyerPay', { tid: TID }, shop);
    const createdAfter = await mapped('taobao_trade_TradeCreate', { tid: TID }, shop);
    const paidAgain = await mapped('taobao_trade_TradeBuyerPay', { tid: TID }, shop);
    const createdAgain = await mapped('taobao_trade_TradeCreate', { tid: TID }, shop);
    expect(paidAgain).toEqual(paidFirst);
    expect(createdAgain).toEqual(createdAfter);
    expect(event(createdAfter).event.eventId).toBe(`taobao.${TID}.placed`);
  });

  test('TradeSellerShip: shipped with TOP’s courier and tracking number; our own shipment comes back as an echo', async () => {
    const shipped = sampleTrade({ status: 'WAIT_BUYER_CONFIRM_GOODS', consign_time: '2026-11-23 15:00:00' });
    for (const order of shipped.orders)
      Object.assign(order, { logistics_company: '中通快递', invoice_no: '78123456789012' });
    peer.trades.set(TID, shipped);
    const shop = connectShop(peer);
    expect(event(await mapped('taobao_trade_TradeSellerShip', { tid: TID }, shop)).event).toEqual({
      eventId: `taobao.${TID}.shipped.78123456789012`,
      type: 'shipped',
      occurredAt: '2026-11-23T15:00:00+08:00',
      actor: 'platform',
      data: { courier: '中通快递', trackingNumber: '78123456789012' },
    });
    shop.ownTracking.add('78123456789012');
    expect(await mapped('taobao_trade_TradeSellerShip', { tid: TID }, shop)).toEqual({
      kind: 'echo',
      reason: `our own shipment 78123456789012 of trade ${TID}`,
    });
  });

  test('TradeSuccess: receipt confirmed at the trade’s end', async () => {
    peer.trades.set(TID, sampleTrade({ status: 'TRADE_FINISHED', end_time: '2026-12-01 09:00:00' }));
    expect(event(await mapped('taobao_trade_TradeSuccess')).event).toMatchObject({
      eventId: `taobao.${TID}.receipt_confirmed`,
      type: 'receipt_confirmed',
      occurredAt: '2026-12-01T09:00:00+08:00',
    });
  });

  test('TradeClose: before payment a cancellation; after it, the refunds’ business (nothing to do)', async () => {
    peer.trades.set(
      TID,
      sampleTrade({ status: 'TRADE_CLOSED_BY_TAOBAO', pay_time: undefined, end_time: '2026-11-26 10:00:00' }),
    );
    expect(event(await mapped('taobao_trade_TradeClose')).event).toMatchObject({
      eventId: `taobao.${TID}.cancelled`,
      type: 'cancelled',
      occurredAt: '2026-11-26T10:00:00+08:00',
    });
    peer.trades.set(TID, sampleTrade({ status: 'TRADE_CLOSED', end_time: '2026-11-26 10:00:00' }));
    expect(await mapped('taobao_trade_TradeClose')).toEqual({ kind: 'apply', actions: [] });
  });

  test('a topic with no mapping, and a message that names no trade, are left for ops with the reason', async () => {
    expect(await mapped('taobao_trade_TradeMemoModified')).toEqual({
      kind: 'unmapped',
      reason: 'no mapping for TMC topic taobao_trade_TradeMemoModified',
    });
    expect(await mapped('taobao_trade_TradeCreate', { status: 'x' })).toEqual({
      kind: 'unmapped',
      reason: 'the taobao_trade_TradeCreate message names no trade',
    });
  });
});

describe('refunds', () => {
  test('RefundCreated: a case whose id is Taobao’s refund id, refund only or return and refund, from the platform', async () => {
    peer.refunds.set(REFUND_ID, sampleRefund());
    const mapping = await mapped('taobao_refund_RefundCreated', {
      refund_id: REFUND_ID,
      tid: TID,
      refund_fee: '10.00',
    });
    expect(mapping).toEqual({
      kind: 'apply',
      actions: [
        {
          kind: 'open_case',
          intake: {
            shopId: 'shop-tb-1',
            caseId: REFUND_ID,
            orderId: TID,
            type: 'REFUND_ONLY',
            situation: 'no_reason',
            requestedAmount: '10.00',
            channel: 'platform',
            openedBy: 'platform',
            description: '不想要了',
          },
        },
      ],
    });
    peer.refunds.set(REFUND_ID, sampleRefund({ has_good_return: true, reason: '质量问题' }));
    const returning = await mapped('taobao_refund_RefundCreated', { refund_id: REFUND_ID, tid: TID });
    expect(returning).toMatchObject({ actions: [{ intake: { type: 'RETURN_REFUND', situation: 'quality_defect' } }] });
  });

  test('RefundSellerAgreeAgreement: the case’s own step, nothing to apply', async () => {
    expect(await mapped('taobao_refund_RefundSellerAgreeAgreement', { refund_id: REFUND_ID, tid: TID })).toEqual({
      kind: 'apply',
      actions: [],
    });
  });

  test('RefundSuccess: refunded by the platform, settling the case; our own agreement comes back as an echo', async () => {
    peer.refunds.set(REFUND_ID, sampleRefund({ status: 'SUCCESS', modified: '2026-11-25 11:00:00' }));
    const shop = connectShop(peer);
    expect(event(await mapped('taobao_refund_RefundSuccess', { refund_id: REFUND_ID, tid: TID }, shop)).event).toEqual({
      eventId: `taobao.refund.${REFUND_ID}`,
      type: 'refunded',
      occurredAt: '2026-11-25T11:00:00+08:00',
      actor: 'platform',
      data: { refundId: REFUND_ID, amount: '10.00', caseId: REFUND_ID },
    });
    shop.ownRefunds.add(REFUND_ID);
    expect(await mapped('taobao_refund_RefundSuccess', { refund_id: REFUND_ID, tid: TID }, shop)).toEqual({
      kind: 'echo',
      reason: `our own agreement to refund ${REFUND_ID}`,
    });
  });
});
