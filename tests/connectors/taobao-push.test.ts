// What the product sends back to TOP: the shipment (taobao.logistics.offline.send with TOP's company
// code) and the seller's agreement to a buyer's refund request (taobao.rp.refunds.agree, which the
// platform pays), each once whatever the retries: an attempt whose answer was lost is found done
// on the next. And the buyer's protected data decrypted only through TOP, only where the shop may,
// and the buyer messaged through TOP.
import {
  PlatformAnswerLostError,
  PlatformRefusedError,
  PlatformUnavailableError,
  type RefundPush,
  type ShipmentPush,
} from '../../connectors/connector';
import { taobaoConnector } from '../../connectors/taobao';
import { decryptReceiver } from '../../connectors/taobao/oaid';
import {
  connectShop,
  REFUND_ID,
  runTopPeerDuringTests,
  sampleRefund,
  sampleTrade,
  SELLER,
  TID,
} from '../helpers/top-peer';

const peer = runTopPeerDuringTests();

const shipment = (overrides: Partial<ShipmentPush> = {}): ShipmentPush => ({
  pushId: `shipment:${TID}:78123456789012`,
  orderId: TID,
  courier: '中通快递',
  trackingNumber: '78123456789012',
  ...overrides,
});
const refundPush = (overrides: Partial<RefundPush> = {}): RefundPush => ({
  refundId: `case:shop-tb-1:${REFUND_ID}:A5:refund`,
  orderId: TID,
  caseId: REFUND_ID,
  amount: '10.00',
  currency: 'CNY',
  ...overrides,
});

describe('pushShipment', () => {
  test('中通快递 is ZTO to TOP; the shipment’s id is tid:out_sid', async () => {
    peer.trades.set(TID, sampleTrade());
    expect(await taobaoConnector.pushShipment(connectShop(peer), shipment())).toEqual({
      platformRef: `${TID}:78123456789012`,
    });
    expect(peer.shipments).toEqual([{ tid: TID, out_sid: '78123456789012', company_code: 'ZTO' }]);
    expect(peer.trades.get(TID)).toMatchObject({ status: 'WAIT_BUYER_CONFIRM_GOODS' });
  });

  test('the answer lost (TOP shipped it, the worker timed out): the retry finds it shipped with this number and ships nothing again', async () => {
    peer.trades.set(TID, sampleTrade());
    peer.holdAnswer('taobao.logistics.offline.send');
    const shop = connectShop(peer);
    await expect(taobaoConnector.pushShipment(shop, shipment())).rejects.toThrow(
      new PlatformUnavailableError('TOP did not answer taobao.logistics.offline.send within 1000 ms'),
    );
    expect(await taobaoConnector.pushShipment(shop, shipment())).toEqual({ platformRef: `${TID}:78123456789012` });
    expect(peer.shipments).toHaveLength(1);
    expect(peer.calls.filter((c) => c.method === 'taobao.logistics.offline.send')).toHaveLength(1);
  });

  test('a trade shipped on Taobao with another number is refused for a person to look at; so is a courier TOP has no code for', async () => {
    const shipped = sampleTrade({ status: 'WAIT_BUYER_CONFIRM_GOODS' });
    for (const order of shipped.orders)
      Object.assign(order, { logistics_company: '顺丰速运', invoice_no: 'SF1234567890' });
    peer.trades.set(TID, shipped);
    await expect(taobaoConnector.pushShipment(connectShop(peer), shipment())).rejects.toThrow(
      new PlatformRefusedError(`trade ${TID} was shipped on Taobao with another tracking number`),
    );
    await expect(taobaoConnector.pushShipment(connectShop(peer), shipment({ courier: '某某快运' }))).rejects.toThrow(
      PlatformRefusedError,
    );
    expect(peer.shipments).toEqual([]);
  });

  test('TOP refusing to ship (a closed trade) is refused for good', async () => {
    peer.trades.set(TID, sampleTrade({ status: 'TRADE_CLOSED' }));
    await expect(taobaoConnector.pushShipment(connectShop(peer), shipment({ courier: 'SF' }))).rejects.toThrow(
      'TOP error 15 Remote service error: isv.logistics-offline-service-error',
    );
  });
});

describe('refund: the seller agrees, the platform pays', () => {
  test('the buyer’s request agreed with its amount in fen and version; paid by the platform, so the shop’s gateway is never asked', async () => {
    peer.refunds.set(REFUND_ID, sampleRefund());
    expect(await taobaoConnector.refund(connectShop(peer), refundPush())).toEqual({
      providerRefundId: REFUND_ID,
      paidBy: 'platform',
    });
    expect(peer.agreements).toEqual([{ refund_id: REFUND_ID, amount: '1000' }]);
    expect(peer.calls.find((c) => c.method === 'taobao.rp.refunds.agree')?.params.refund_infos).toBe(
      `${REFUND_ID}|1000|1795480800000`,
    );
  });

  test('a Tmall shop names the refund’s phase', async () => {
    peer.tmallSellers.add(SELLER);
    peer.refunds.set(REFUND_ID, sampleRefund({ refund_phase: 'aftersale' }));
    expect(await taobaoConnector.refund(connectShop(peer, { sellerType: 'B' }), refundPush())).toEqual({
      providerRefundId: REFUND_ID,
      paidBy: 'platform',
    });
    expect(peer.calls.find((c) => c.method === 'taobao.rp.refunds.agree')?.params.refund_infos).toBe(
      `${REFUND_ID}|1000|1795480800000|aftersale`,
    );
  });

  test('the answer lost: the retry finds the refund agreed and agrees nothing again', async () => {
    peer.refunds.set(REFUND_ID, sampleRefund());
    peer.holdAnswer('taobao.rp.refunds.agree');
    const shop = connectShop(peer);
    await expect(taobaoConnector.refund(shop, refundPush())).rejects.toThrow(PlatformUnavailableError);
    expect(await taobaoConnector.refund(shop, refundPush())).toEqual({
      providerRefundId: REFUND_ID,
      paidBy: 'platform',
    });
    expect(peer.agreements).toHaveLength(1);
  });

  test('a case that did not come from Taobao has no request to agree to; another amount than the buyer asked is refused', async () => {
    await expect(taobaoConnector.refund(connectShop(peer), refundPush({ caseId: 'RMA-1001' }))).rejects.toThrow(
      new PlatformRefusedError('no Taobao refund request to agree to'),
    );
    peer.refunds.set(REFUND_ID, sampleRefund());
    await expect(taobaoConnector.refund(connectShop(peer), refundPush({ amount: '5.00' }))).rejects.toThrow(
      'Taobao refunds what the buyer asked (10.00), not 5.00',
    );
    expect(peer.agreements).toEqual([]);
  });

  test('TOP refusing the agreement (the request changed since it was read) is refused with TOP’s words', async () => {
    peer.refunds.set(REFUND_ID, sampleRefund({ status: 'SELLER_REFUSE_BUYER' }));
    await expect(taobaoConnector.refund(connectShop(peer), refundPush())).rejects.toThrow(
      `TOP did not agree to refund ${REFUND_ID}: 退款状态不允许同意退款`,
    );
  });
});

describe('OAID: decrypted only through TOP, only for a scene the shop’s app is approved for', () => {
  test('approved for after-sales service (2001): TOP decrypts the recipient', async () => {
    const trade = sampleTrade();
    peer.trades.set(TID, trade);
    peer.receivers.set(trade.oaid!, {
      name: '张三',
      mobile: '13800005678',
      state: '浙江省',
      city: '杭州市',
      district: '西湖区',
      address_detail: '文三路 1 号',
    });
    const receiver = await decryptReceiver(connectShop(peer, { oaidDecryptScenes: ['2001'] }), {
      tid: TID,
      oaid: trade.oaid!,
      scene: '2001',
    });
    expect(receiver).toMatchObject({ name: '张三', mobile: '13800005678', address_detail: '文三路 1 号' });
  });

  test('not approved: refused before TOP is asked', async () => {
    await expect(decryptReceiver(connectShop(peer), { tid: TID, oaid: 'x', scene: '2001' })).rejects.toThrow(
      new PlatformRefusedError("the shop's app is not approved to decrypt buyers' data for scene 2001"),
    );
    expect(peer.calls).toEqual([]);
  });
});

describe('messageBuyer: a protected buyer reached by TOP’s SMS by OAID, with the shop’s approved template', () => {
  const oaidSms = { signName: '测试小店', templateCodes: { shipment_notice: 'SMS_TB_300002' } };
  const notice = {
    messageId: `order:shop-tb-1:${TID}:O9:shipment-notice:SMS`,
    orderId: TID,
    template: 'shipment_notice',
    variables: { orderId: TID, courier: '中通快递', trackingNumber: '78123456789012' },
  };

  test('TOP sends to the trade’s oaid; the answer’s request id is the message’s', async () => {
    peer.trades.set(TID, sampleTrade());
    peer.smsTemplates.add('SMS_TB_300002');
    const { providerMessageId } = await taobaoConnector.messageBuyer!(connectShop(peer, { oaidSms }), notice);
    expect(peer.smsSent).toEqual([
      {
        oaid: sampleTrade().oaid,
        order_id: TID,
        template_code: 'SMS_TB_300002',
        sms_free_sign_name: '测试小店',
        params: notice.variables,
        extend: notice.messageId,
        request_id: providerMessageId,
      },
    ]);
  });

  test('the send’s answer lost is PlatformAnswerLostError (TOP may have sent it); the trade’s read lost is only unavailable', async () => {
    peer.trades.set(TID, sampleTrade());
    peer.smsTemplates.add('SMS_TB_300002');
    const shop = connectShop(peer, { oaidSms });
    peer.holdAnswer('taobao.trade.fullinfo.get');
    const readLost = await taobaoConnector.messageBuyer!(shop, notice).catch((err: unknown) => err);
    expect(readLost).toBeInstanceOf(PlatformUnavailableError);
    expect(readLost).not.toBeInstanceOf(PlatformAnswerLostError);
    peer.holdAnswer('taobao.jst.sms.oaid.message.send');
    await expect(taobaoConnector.messageBuyer!(shop, notice)).rejects.toThrow(PlatformAnswerLostError);
    expect(peer.smsSent).toHaveLength(1);
  });

  test('without the shop’s oaidSms, or a template TOP approved for the message, refused before TOP sends anything', async () => {
    peer.trades.set(TID, sampleTrade());
    await expect(taobaoConnector.messageBuyer!(connectShop(peer), notice)).rejects.toThrow(PlatformRefusedError);
    await expect(
      taobaoConnector.messageBuyer!(connectShop(peer, { oaidSms }), { ...notice, template: 'payment_reminder' }),
    ).rejects.toThrow(
      new PlatformRefusedError('no TOP-approved SMS template is set for payment_reminder (oaidSms.templateCodes)'),
    );
    await expect(taobaoConnector.messageBuyer!(connectShop(peer, { oaidSms }), notice)).rejects.toThrow(
      new PlatformRefusedError('TOP error 15 Remote service error: isv.SMS_TEMPLATE_ILLEGAL: 模板不合法'),
    );
    expect(peer.smsSent).toEqual([]);
  });
});
