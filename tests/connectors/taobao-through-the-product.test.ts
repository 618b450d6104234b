// A Taobao seller connected to a shop through the API, end to end: the connector's workflow asks
// TMC for the seller's messages, consumes and confirms them, applies them to real order and case
// workflows, and tells TOP of the shop's shipment and its agreement to a refund, which Taobao pays
// itself, so the shop's payment gateway is never called. The messages that come back for those
// are recognised. TOP is a local peer checking TOP's signature, parameters and session.
import { randomUUID } from 'node:crypto';
import { toTopTime } from '../../connectors/taobao/top-time';
import { serveApiDuringTests } from '../helpers/api-server';
import { eventually } from '../helpers/eventually';
import { eventNow } from '../helpers/orders';
import { REFUND_ID, runTopPeerDuringTests, sampleRefund, sampleTrade, TID, TOP_APP } from '../helpers/top-peer';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const peer = runTopPeerDuringTests();

let shopId: string;
// A seller per test: TMC hands every seller's messages to the app, and each shop's connector takes its own seller's only.
let seller: string;
const messages = () =>
  t.prisma.connectorMessage.findMany({ where: { shopId, platform: 'taobao' }, orderBy: { id: 'asc' } });
const orderRow = () => t.prisma.order.findUnique({ where: { shopId_orderId: { shopId, orderId: TID } } });
/** TMC's two messages of a trade paid at once: created, then paid. */
async function placedAndPaid(): Promise<void> {
  peer.publish('taobao_trade_TradeCreate', { tid: TID, seller_nick: seller });
  peer.publish('taobao_trade_TradeBuyerPay', { tid: TID, seller_nick: seller });
  await eventually(
    () => orderRow(),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the order paid',
  );
}
const minutesAgo = (minutes: number) => toTopTime(new Date(Date.now() - minutes * 60_000));

afterEach(async () => {
  // Switched off, the test's connector ends after its round instead of polling through the next tests.
  await api.call('PUT', `/shops/${shopId}/connectors/taobao`, {
    enabled: false,
    settings: (await api.call('GET', `/shops/${shopId}/connectors/taobao`)).body.settings,
  });
});

beforeEach(async () => {
  shopId = `shop-tb-${randomUUID().slice(0, 8)}`;
  seller = `tb-seller-${randomUUID().slice(0, 8)}`;
  expect(
    (await api.call('PUT', `/shops/${shopId}/policy`, { cases: { autoApprove: { refundUpTo: '200.00' } } })).status,
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
    },
  });
  expect(connected).toMatchObject({
    status: 200,
    body: { settings: { appSecret: '(set)', sessionKey: '(set)', refreshToken: '(set)' } },
  });
  // Placed and paid minutes ago, so the order's own clock (O1-O8) has nothing to say yet.
  peer.trades.set(
    TID,
    sampleTrade({ seller_nick: seller, created: minutesAgo(3), pay_time: minutesAgo(2), modified: minutesAgo(2) }),
  );
});

test('the seller’s messages become one paid order, in whatever order and however often TMC delivers them, each confirmed once kept', async () => {
  const paid = peer.publish('taobao_trade_TradeBuyerPay', { tid: TID, seller_nick: seller });
  peer.deliverTwice(paid);
  const created = peer.publish('taobao_trade_TradeCreate', { tid: TID, seller_nick: seller });

  await eventually(
    () => orderRow(),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the order paid',
  );
  expect(peer.permits.get(seller)).toContain('taobao_trade_TradeCreate');
  expect((await messages()).map((m) => [m.messageId, m.status])).toEqual([
    [paid, 'APPLIED'],
    [created, 'APPLIED'],
  ]);
  expect(peer.confirmed).toEqual(expect.arrayContaining([paid, created]));
  expect(peer.pending).toBe(0);
  const row = await orderRow();
  // Kept as Taobao gave them: the buyer's nick and the receiver's phone stay masked, the OAID beside them.
  expect(row).toMatchObject({ platform: 'taobao', buyerName: 't**1' });
  expect(row!.totalAmount.toFixed(2)).toBe('107.00');
  expect(row!.shippingAddress).toMatchObject({ phone: '*******5678', oaid: expect.any(String) });
});

test('the shop’s shipment goes to TOP once, with TOP’s company code, and TradeSellerShip comes back as an echo', async () => {
  await placedAndPaid();

  const shipped = await api.call(
    'POST',
    `/orders/${shopId}/${TID}/events`,
    eventNow('wh-ship-tb', 'shipped', { courier: '中通快递', trackingNumber: '75300000000001' }, 'warehouse-chen'),
  );
  expect(shipped.status).toBe(202);
  await eventually(
    () => t.prisma.connectorPush.findFirst({ where: { shopId, orderId: TID } }),
    (push) => push?.status === 'SENT',
    'the shipment sent',
  );
  expect(peer.shipments).toEqual([{ tid: TID, out_sid: '75300000000001', company_code: 'ZTO' }]);

  const echo = peer.publish('taobao_trade_TradeSellerShip', { tid: TID, seller_nick: seller });
  await eventually(
    () => messages(),
    (rows) => rows.some((m) => m.messageId === echo && m.status !== 'RECEIVED'),
    'the echo settled',
  );
  expect((await messages()).find((m) => m.messageId === echo)).toMatchObject({ status: 'ECHO' });
  const shippedLog = await t.prisma.orderLogEntry.findMany({
    where: { shopId, orderId: TID, kind: 'EVENT', type: 'shipped' },
  });
  expect(shippedLog.map((entry) => entry.actor)).toEqual(['warehouse-chen']);
});

test('a buyer’s refund request is a case; the shop’s approval is agreed at TOP, which pays, and never at the shop’s gateway', async () => {
  await placedAndPaid();
  peer.refunds.set(REFUND_ID, sampleRefund({ seller_nick: seller, created: minutesAgo(1), modified: minutesAgo(1) }));
  peer.publish('taobao_refund_RefundCreated', { refund_id: REFUND_ID, tid: TID, seller_nick: seller });

  const kase = await eventually(
    () => t.prisma.afterSalesCase.findUnique({ where: { shopId_caseId: { shopId, caseId: REFUND_ID } } }),
    (row) => row !== null,
    'the case opened',
  );
  expect(kase).toMatchObject({ orderId: TID, type: 'REFUND_ONLY', channel: 'platform' });
  const refund = await eventually(
    () => t.prisma.refund.findFirst({ where: { shopId, orderId: TID } }),
    (row) => row?.status === 'PAID_BY_PLATFORM',
    'the refund agreed',
  );
  expect(refund).toMatchObject({ providerRefundId: REFUND_ID, caseId: REFUND_ID });
  expect(refund!.amount.toFixed(2)).toBe('10.00');
  expect(peer.agreements).toEqual([expect.objectContaining({ refund_id: REFUND_ID })]);
  expect(await t.prisma.shopPaymentGateway.count({ where: { shopId } })).toBe(0);

  const success = peer.publish('taobao_refund_RefundSuccess', { refund_id: REFUND_ID, tid: TID, seller_nick: seller });
  await eventually(
    () => messages(),
    (rows) => rows.some((m) => m.messageId === success && m.status === 'ECHO'),
    'the refund’s echo',
  );
  expect(await t.prisma.refund.count({ where: { shopId, orderId: TID } })).toBe(1);
});

test('a TMC that does not answer is shown as the connector’s last error, and nothing is lost once it answers again', async () => {
  // Two rounds in a row meet a TMC that never answers; the third gets the message.
  peer.failNext('hang', 2, 'taobao.tmc.messages.consume');
  const created = peer.publish('taobao_trade_TradeCreate', { tid: TID, seller_nick: seller });
  const paid = peer.publish('taobao_trade_TradeBuyerPay', { tid: TID, seller_nick: seller });
  await eventually(
    () => api.call('GET', `/shops/${shopId}/connectors`),
    (v) => v.body.connectors[0]?.lastError?.includes('fetching') === true,
    'the error shown',
  );
  await eventually(
    () => orderRow(),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the order paid',
  );
  expect((await messages()).map((m) => m.messageId)).toEqual([created, paid]);
  await eventually(
    () => api.call('GET', `/shops/${shopId}/connectors`),
    (v) => v.body.connectors[0].lastError === null,
    'the error cleared',
  );
});

test('Taobao’s word that the refund succeeded, arriving before the answer to our agreement, is still recognised as ours: the ledger holds it once', async () => {
  await placedAndPaid();
  peer.refunds.set(REFUND_ID, sampleRefund({ seller_nick: seller, created: minutesAgo(1), modified: minutesAgo(1) }));
  // TOP agrees and pays, and its answer to us is lost: the ledger row has no provider id yet.
  peer.holdAnswer('taobao.rp.refunds.agree');
  peer.publish('taobao_refund_RefundCreated', { refund_id: REFUND_ID, tid: TID, seller_nick: seller });
  await eventually(
    async () => peer.agreements,
    (agreed) => agreed.length === 1,
    'the agreement at TOP',
  );
  const success = peer.publish('taobao_refund_RefundSuccess', { refund_id: REFUND_ID, tid: TID, seller_nick: seller });
  await eventually(
    () => messages(),
    (rows) => rows.some((m) => m.messageId === success && m.status !== 'RECEIVED'),
    'the success settled',
  );
  expect((await messages()).find((m) => m.messageId === success)).toMatchObject({ status: 'ECHO' });
  await eventually(
    () => t.prisma.refund.findFirst({ where: { shopId, orderId: TID } }),
    (row) => row?.status === 'PAID_BY_PLATFORM',
    'our refund recorded as paid by Taobao',
  );
  expect(await t.prisma.refund.count({ where: { shopId, orderId: TID } })).toBe(1);
  expect(peer.agreements).toHaveLength(1);
});
