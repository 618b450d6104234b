// A Taobao seller connected through the API, whose buyer Taobao protects (OAID), end to end with a
// real worker: the shop's shipment notice by SMS reaches the buyer by TOP's SMS by OAID, through the
// shop's Taobao connector, with the template the shop registered with TOP. The shop has no SMS
// provider of its own.
import { randomUUID } from 'node:crypto';
import { toTopTime } from '../../connectors/taobao/top-time';
import { serveApiDuringTests } from '../helpers/api-server';
import { eventually } from '../helpers/eventually';
import { eventNow } from '../helpers/orders';
import { startDevServer } from '../helpers/temporal';
import { runTopPeerDuringTests, sampleTrade, TID, TOP_APP } from '../helpers/top-peer';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const peer = runTopPeerDuringTests();
const SHIPMENT_NOTICE_CODE = 'SMS_TB_300002';

let shopId: string;
let seller: string;
const minutesAgo = (minutes: number) => toTopTime(new Date(Date.now() - minutes * 60_000));

beforeEach(async () => {
  shopId = `shop-tb-msg-${randomUUID().slice(0, 8)}`;
  seller = `tb-seller-${randomUUID().slice(0, 8)}`;
  // Buyers are told by SMS; the test runs at any hour, so no quiet hours and no closed SMS window.
  const always = { start: '00:00', end: '00:00' };
  expect(
    (
      await api.call('PUT', `/shops/${shopId}/policy`, {
        orders: { notifyChannel: 'SMS' },
        messages: { quietHours: always, sms: { sendWindow: always } },
      })
    ).status,
  ).toBe(200);
  const grant = peer.authorise(seller, 24 * 3600_000);
  const connected = await api.call('PUT', `/shops/${shopId}/connectors/taobao`, {
    pollEvery: '5s',
    settings: {
      gatewayUrl: peer.gatewayUrl,
      oauthUrl: peer.tokenUrl,
      ...TOP_APP,
      sessionKey: grant.sessionKey,
      refreshToken: grant.refreshToken,
      sessionExpiresAt: grant.expiresAt.toISOString(),
      sellerNick: seller,
      timeoutMs: 2000,
      oaidSms: { signName: '测试小店', templateCodes: { shipment_notice: SHIPMENT_NOTICE_CODE } },
    },
  });
  expect(connected.status).toBe(200);
  peer.smsTemplates.add(SHIPMENT_NOTICE_CODE);
  peer.trades.set(
    TID,
    sampleTrade({ seller_nick: seller, created: minutesAgo(3), pay_time: minutesAgo(2), modified: minutesAgo(2) }),
  );
});

afterEach(async () => {
  // Switched off, the connector ends after its round instead of polling through the next tests.
  await api.call('PUT', `/shops/${shopId}/connectors/taobao`, {
    enabled: false,
    settings: (await api.call('GET', `/shops/${shopId}/connectors/taobao`)).body.settings,
  });
});

test('the shipment notice to a buyer Taobao protects arrives by TOP’s SMS by OAID, once, with the registered template and its variables', async () => {
  peer.publish('taobao_trade_TradeCreate', { tid: TID, seller_nick: seller });
  peer.publish('taobao_trade_TradeBuyerPay', { tid: TID, seller_nick: seller });
  await eventually(
    () => t.prisma.order.findUnique({ where: { shopId_orderId: { shopId, orderId: TID } } }),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the order paid',
  );

  const shipped = await api.call(
    'POST',
    `/orders/${shopId}/${TID}/events`,
    eventNow('wh-ship-tb-msg', 'shipped', { courier: '中通快递', trackingNumber: '75300000000002' }, 'warehouse-chen'),
  );
  expect(shipped.status).toBe(202);
  const notice = await eventually(
    () => t.prisma.message.findFirst({ where: { shopId, orderId: TID, template: 'shipment_notice' } }),
    (row) => row?.status === 'SENT',
    'the shipment notice sent',
  );

  const sent = peer.smsSent.filter((sms) => sms.template_code === SHIPMENT_NOTICE_CODE);
  expect(sent).toEqual([
    expect.objectContaining({
      oaid: sampleTrade().oaid,
      order_id: TID,
      sms_free_sign_name: '测试小店',
      params: { orderId: TID, courier: '中通快递', trackingNumber: '75300000000002' },
      extend: notice!.id,
    }),
  ]);
  expect(notice).toMatchObject({
    channel: 'SMS',
    recipient: `platform:taobao:${sampleTrade().buyer_open_uid}`,
    providerMessageId: sent[0].request_id,
  });
});
