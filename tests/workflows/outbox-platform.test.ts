// The outbox for buyers whose contact Taobao protects (OAID), driven by a workflow on the
// time-skipping server: their message goes through the order's Taobao connector, by TOP's SMS by
// OAID, to a local TOP checking TOP's signature, session and parameters; once, whatever happens to
// TOP's answer. A buyer with a phone of their own still gets the shop's SMS.
import { randomInt, randomUUID } from 'node:crypto';
import type { MessageChannel } from '../../activities';
import { sealedSettings } from '../../activities/connector-context';
import { connectorFor } from '../../connectors/registry';
import type { sendStepsWorkflow } from '../fixtures/workflows';
import { configureShopChannels, runChannelPeersDuringTests } from '../helpers/channel-peers';
import { recordSampleOrder } from '../helpers/orders';
import { skipToLocalTime } from '../helpers/shop-clock';
import { startTimeSkippingServer } from '../helpers/temporal';
import { connectShop, runTopPeerDuringTests, sampleTrade } from '../helpers/top-peer';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const taskQueue = `outbox-platform-${randomUUID()}`;
const t = runWorkerDuringTests(startTimeSkippingServer, taskQueue);
const shopId = `shop-oaid-${randomUUID().slice(0, 8)}`;
const peers = runChannelPeersDuringTests(t, shopId);
const top = runTopPeerDuringTests();
const TEMPLATE_CODE = 'SMS_TB_300001';

beforeEach(async () => {
  await skipToLocalTime(t.env, '10:00');
  // The peer forgot the seller before this test: the shop's connector gets the new authorisation.
  const { settings } = connectShop(top, {
    oaidSms: { signName: '测试小店', templateCodes: { payment_reminder: TEMPLATE_CODE } },
  });
  const row = { settings: sealedSettings(connectorFor('taobao'), settings), enabled: true };
  await t.prisma.connector.upsert({
    where: { shopId_platform: { shopId, platform: 'taobao' } },
    create: { shopId, platform: 'taobao', ...row },
    update: row,
  });
  top.smsTemplates.add(TEMPLATE_CODE);
});

/** A Taobao trade at TOP and its order in the shop: the buyer's contact as TOP gives it (masked, with the oaid), or with a phone of their own. */
async function taobaoOrder(buyer: 'protected' | 'with a phone', inShop = shopId) {
  const trade = sampleTrade({
    tid: String(randomInt(1e9, 2 ** 47)),
    buyer_open_uid: `AAH-${randomUUID().slice(0, 12)}`,
  });
  top.trades.set(trade.tid, trade);
  const shippingAddress = {
    recipient: trade.receiver_name,
    phone: trade.receiver_mobile,
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    street: trade.receiver_address,
    oaid: trade.oaid,
  };
  return recordSampleOrder(
    t.prisma,
    buyer === 'protected'
      ? {
          shopId: inShop,
          orderId: trade.tid,
          buyer: { id: trade.buyer_open_uid, name: trade.buyer_nick },
          shippingAddress,
        }
      : { shopId: inShop, orderId: trade.tid, buyer: { id: trade.buyer_open_uid, name: '李四', phone: '13900000003' } },
  );
}

async function remind(order: { shopId: string; orderId: string }, steps: string[], channel: MessageChannel = 'SMS') {
  const handle = await t.env.client.workflow.start<typeof sendStepsWorkflow>('sendStepsWorkflow', {
    taskQueue,
    workflowId: `test:outbox-platform:${order.orderId}`,
    args: [
      {
        steps,
        spec: {
          shopId: order.shopId,
          orderId: order.orderId,
          channel,
          template: 'payment_reminder',
          variables: { orderId: order.orderId, closesAt: '11月25日 10:00' },
        },
      },
    ],
  });
  return { results: await handle.result(), messageId: (step: string) => `${handle.workflowId}:${step}:${channel}` };
}

const messageRow = (id: string) => t.prisma.message.findUniqueOrThrow({ where: { id } });
const sentTo = (orderId: string) => top.smsSent.filter((sms) => sms.order_id === orderId);

test('a payment reminder by SMS to a buyer Taobao protects goes by TOP’s SMS by OAID with the approved template; TOP’s call limit is waited out and it is sent once', async () => {
  top.failNext('limit', 1, 'taobao.jst.sms.oaid.message.send');
  const order = await taobaoOrder('protected');
  const requestsBefore = peers.sms.requests;
  const { results, messageId } = await remind(order, ['O1:reminder-12h']);

  const sent = sentTo(order.orderId);
  expect(sent).toEqual([
    {
      oaid: order.shippingAddress.oaid,
      order_id: order.orderId,
      template_code: TEMPLATE_CODE,
      sms_free_sign_name: '测试小店',
      params: { orderId: order.orderId, closesAt: '11月25日 10:00' },
      extend: messageId('O1:reminder-12h'),
      request_id: expect.any(String),
    },
  ]);
  expect(results).toEqual([expect.objectContaining({ status: 'SENT', providerMessageId: sent[0].request_id })]);
  expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({
    status: 'SENT',
    attempts: 2,
    channel: 'SMS',
    recipient: `platform:taobao:${order.buyer.id}`,
    providerMessageId: sent[0].request_id,
  });
  expect(peers.sms.requests).toBe(requestsBefore);
});

test('TOP sends the SMS but its answer is lost: FAILED at once rather than retried, not sent again when the step runs again, and the row says why', async () => {
  top.holdAnswer('taobao.jst.sms.oaid.message.send');
  const order = await taobaoOrder('protected');
  const { results, messageId } = await remind(order, ['O1:reminder-12h', 'O1:reminder-12h']);

  expect(sentTo(order.orderId)).toHaveLength(1);
  expect(results).toEqual([
    { messageId: messageId('O1:reminder-12h'), status: 'FAILED', reason: 'PLATFORM_ANSWER_LOST' },
    { messageId: messageId('O1:reminder-12h'), status: 'FAILED', reason: 'PLATFORM_ANSWER_LOST' },
  ]);
  expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({
    status: 'FAILED',
    reason: 'PLATFORM_ANSWER_LOST',
    attempts: 1,
  });
});

test('an attempt that died while TOP had the message (its row left sending, the lease run out) is not sent again by the next attempt', async () => {
  const order = await taobaoOrder('protected');
  const workflowId = `test:outbox-platform:${order.orderId}`;
  const id = `${workflowId}:O1:reminder-12h:SMS`;
  await t.prisma.message.create({
    data: {
      id,
      shopId,
      orderId: order.orderId,
      buyerId: order.buyer.id,
      workflowId,
      audience: 'BUYER',
      channel: 'SMS',
      template: 'payment_reminder',
      locale: 'zh-CN',
      recipient: `platform:taobao:${order.buyer.id}`,
      subject: '',
      body: '…',
      status: 'SENDING',
      attempts: 1,
      leaseUntil: new Date(Date.now() - 1000),
    },
  });
  const { results } = await remind(order, ['O1:reminder-12h']);

  expect(results).toEqual([{ messageId: id, status: 'FAILED', reason: 'PLATFORM_ANSWER_LOST' }]);
  expect(top.smsSent).toEqual([]);
  expect(await messageRow(id)).toMatchObject({
    status: 'FAILED',
    reason: 'PLATFORM_ANSWER_LOST',
    attempts: 1,
    leaseUntil: null,
  });
});

test('a buyer of a Taobao order with a phone of their own gets the shop’s SMS as before, and TOP sends nothing', async () => {
  const order = await taobaoOrder('with a phone');
  const { results, messageId } = await remind(order, ['O1:reminder-12h']);

  expect(results).toEqual([expect.objectContaining({ status: 'SENT' })]);
  expect(peers.sms.received.filter((sms) => sms.outId === messageId('O1:reminder-12h'))).toEqual([
    expect.objectContaining({ phoneNumbers: '13900000003' }),
  ]);
  expect(top.smsSent).toEqual([]);
  expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({ status: 'SENT', recipient: '13900000003' });
});

test('a protected buyer of a shop without a connector that can message them is suppressed, and the reason says their contact is protected', async () => {
  const unconnected = `shop-oaid-none-${randomUUID().slice(0, 8)}`;
  await configureShopChannels(t.prisma, unconnected, peers);
  const order = await taobaoOrder('protected', unconnected);
  const { results, messageId } = await remind(order, ['O1:reminder-12h']);

  expect(results).toEqual([expect.objectContaining({ status: 'SUPPRESSED', reason: 'PROTECTED_CONTACT' })]);
  expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({
    status: 'SUPPRESSED',
    reason: 'PROTECTED_CONTACT',
    recipient: null,
  });
  expect(top.smsSent).toEqual([]);
});
