// The outbox (M1-M3) driven by a workflow on the time-skipping server, delivering to real local
// peers: an SMTP server, an HTTP server speaking Alibaba Cloud SMS, a signed-webhook receiver.
import { randomUUID } from 'node:crypto';
import type { MessageChannel } from '../../activities';
import type { TemplateName } from '../../activities/messages/templates';
import type { MessageSpec } from '../../workflows/messaging';
import type { sendStepsWorkflow } from '../fixtures/workflows';
import { configureShopChannels, runChannelPeersDuringTests, WEBHOOK_SECRET } from '../helpers/channel-peers';
import { eventually } from '../helpers/eventually';
import { recordSampleOrder } from '../helpers/orders';
import { skipToLocalTime } from '../helpers/shop-clock';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const taskQueue = `outbox-${randomUUID()}`;
const t = runWorkerDuringTests(startTimeSkippingServer, taskQueue);
const shopId = `shop-outbox-${randomUUID().slice(0, 8)}`;
const peers = runChannelPeersDuringTests(t, shopId);

const reminder = (orderId: string): Pick<MessageSpec<TemplateName>, 'template' | 'variables'> => ({
  template: 'payment_reminder',
  variables: { orderId, closesAt: '11月25日 10:00' },
});
const shipmentNotice = (orderId: string): Pick<MessageSpec<TemplateName>, 'template' | 'variables'> => ({
  template: 'shipment_notice',
  variables: { orderId, courier: '中通快递', trackingNumber: '75312345678901' },
});

async function send(
  channel: MessageChannel,
  steps: string[],
  orderOverrides: Record<string, unknown> = {},
  message: (orderId: string) => Pick<MessageSpec<TemplateName>, 'template' | 'variables'> = reminder,
) {
  const order = await recordSampleOrder(t.prisma, {
    shopId: orderOverrides.shopId ?? shopId,
    buyer: { id: `buyer-${randomUUID().slice(0, 8)}`, name: '李四', phone: '13900000001', email: 'li.si@example.test' },
    ...orderOverrides,
  });
  const handle = await t.env.client.workflow.start<typeof sendStepsWorkflow>('sendStepsWorkflow', {
    taskQueue,
    workflowId: `test:outbox:${order.orderId}`,
    args: [{ steps, spec: { shopId: order.shopId, orderId: order.orderId, channel, ...message(order.orderId) } }],
  });
  return { order, handle, messageId: (step: string) => `${handle.workflowId}:${step}:${channel}` };
}

const messageRow = (id: string) => t.prisma.message.findUniqueOrThrow({ where: { id } });

describe('outbox: one message per rule step, sent once (M1)', () => {
  beforeEach(() => skipToLocalTime(t.env, '10:00'));

  test('M1 email: the SMTP peer fails the first attempt, the retry delivers, the peer holds one copy', async () => {
    peers.smtp.failNext(1);
    const { order, handle, messageId } = await send('EMAIL', ['O1:reminder-12h']);
    const [result] = await handle.result();

    expect(result).toMatchObject({ status: 'SENT' });
    const received = peers.smtp.received.filter(
      (mail) => mail.headers['x-idempotency-key'] === messageId('O1:reminder-12h'),
    );
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ to: ['li.si@example.test'] });
    expect(received[0].text).toContain(order.orderId);
    expect(received[0].text).toContain('您');
    expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({
      status: 'SENT',
      attempts: 2,
      channel: 'EMAIL',
      locale: 'zh-CN',
      providerMessageId: received[0].messageId,
    });
  });

  test('M1 SMS: Alibaba SendSms answers a server error first, the retry delivers once with the registered template', async () => {
    peers.sms.failNext(1, 'server-error');
    const { order, handle, messageId } = await send('SMS', ['O1:reminder-12h']);
    const [result] = await handle.result();

    expect(result).toMatchObject({ status: 'SENT' });
    const received = peers.sms.received.filter((sms) => sms.templateParam.orderId === order.orderId);
    expect(received).toEqual([
      expect.objectContaining({ phoneNumbers: '13900000001', templateCode: 'SMS_200001', signName: '测试小店' }),
    ]);
    expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({
      status: 'SENT',
      attempts: 2,
      providerMessageId: received[0].bizId,
    });
  });

  test('M1 webhook: the receiver stores the message but its answer is lost; the retry carries the same Idempotency-Key and arrives once', async () => {
    peers.webhook.failNext(1, 'after-storing');
    const { handle, messageId } = await send('WEBHOOK', ['O1:reminder-12h']);
    const [result] = await handle.result();

    expect(result).toMatchObject({ status: 'SENT' });
    expect(peers.webhook.received.filter((hook) => hook.idempotencyKey === messageId('O1:reminder-12h'))).toHaveLength(
      1,
    );
    expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  const copiesAt: Record<MessageChannel, (key: string) => number> = {
    EMAIL: (key) => peers.smtp.received.filter((mail) => mail.headers['x-idempotency-key'] === key).length,
    SMS: (key) => peers.sms.received.filter((sms) => sms.outId === key).length,
    WEBHOOK: (key) => peers.webhook.received.filter((hook) => hook.idempotencyKey === key).length,
  };

  test.each(['EMAIL', 'SMS', 'WEBHOOK'] as const)(
    'M1 %s: the same step run twice sends once and returns the first result both times',
    async (channel) => {
      const { handle, messageId } = await send(channel, ['O1:reminder-cutoff', 'O1:reminder-cutoff']);
      const [first, second] = await handle.result();

      expect(first).toMatchObject({ status: 'SENT' });
      expect(second).toEqual(first);
      expect(copiesAt[channel](messageId('O1:reminder-cutoff'))).toBe(1);
      expect(await messageRow(messageId('O1:reminder-cutoff'))).toMatchObject({ status: 'SENT', attempts: 1 });
    },
  );

  test('M1 a webhook URL on a private address the deployment does not allow: FAILED as OUTBOUND_URL_REFUSED at once, and nothing reaches the receiver', async () => {
    const elsewhere = `shop-outbound-${randomUUID().slice(0, 8)}`;
    // The tests' receiver itself, by a name the deployment does not list (it lists 127.0.0.1).
    await t.prisma.shopChannel.create({
      data: {
        shopId: elsewhere,
        channel: 'WEBHOOK',
        config: { url: peers.webhook.url.replace('127.0.0.1', 'localhost'), secret: WEBHOOK_SECRET },
      },
    });
    const requestsBefore = peers.webhook.requests;
    const { handle, messageId } = await send('WEBHOOK', ['O9:shipment-notice'], { shopId: elsewhere });

    expect(await handle.result()).toEqual([
      expect.objectContaining({ status: 'FAILED', reason: 'OUTBOUND_URL_REFUSED' }),
    ]);
    expect(await messageRow(messageId('O9:shipment-notice'))).toMatchObject({
      status: 'FAILED',
      reason: 'OUTBOUND_URL_REFUSED',
      attempts: 1,
    });
    expect(peers.webhook.requests).toBe(requestsBefore);
  });

  test('M1 a provider that refuses for good (an illegal number) leaves the row FAILED with its code, without retrying', async () => {
    peers.sms.rejectNext('isv.MOBILE_NUMBER_ILLEGAL');
    const { handle, messageId } = await send('SMS', ['O9:shipment-notice']);
    expect(await handle.result()).toEqual([
      expect.objectContaining({ status: 'FAILED', reason: 'isv.MOBILE_NUMBER_ILLEGAL' }),
    ]);
    expect(await messageRow(messageId('O9:shipment-notice'))).toMatchObject({ status: 'FAILED', attempts: 1 });
  });
});

describe('outbox policy (M3)', () => {
  test('M3 a message due at 23:00 shop time is held, on a durable timer, until quiet hours end at 08:00', async () => {
    const sentAt = await skipToLocalTime(t.env, '23:00');
    const { handle, messageId } = await send('EMAIL', ['O1:reminder-12h']);
    const id = messageId('O1:reminder-12h');

    const held = await waitForStatus(id, 'HELD');
    const eightAm = sentAt + 9 * 3_600_000;
    expect(held).toMatchObject({ reason: 'QUIET_HOURS', heldUntil: new Date(eightAm) });
    expect(peers.smtp.received.filter((mail) => mail.headers['x-idempotency-key'] === id)).toHaveLength(0);

    expect(await handle.result()).toEqual([expect.objectContaining({ status: 'SENT' })]);
    expect(peers.smtp.received.filter((mail) => mail.headers['x-idempotency-key'] === id)).toHaveLength(1);
    const sent = await messageRow(id);
    expect(sent.status).toBe('SENT');
    expect(sent.sentAt!.getTime() - eightAm).toBeGreaterThanOrEqual(0);
    expect(sent.sentAt!.getTime() - eightAm).toBeLessThan(60_000);
  });

  test('M3 an opted-out buyer gets nothing and the row says why', async () => {
    await skipToLocalTime(t.env, '10:00');
    const buyerId = `buyer-opted-out-${randomUUID().slice(0, 8)}`;
    await t.prisma.optOut.create({ data: { shopId, buyerId, channel: 'SMS', reason: 'asked in chat' } });
    const requestsBefore = peers.sms.requests;
    const { handle, messageId } = await send('SMS', ['O1:reminder-12h'], {
      buyer: { id: buyerId, name: '王五', phone: '13900000002' },
    });

    expect(await handle.result()).toEqual([expect.objectContaining({ status: 'SUPPRESSED', reason: 'OPTED_OUT' })]);
    expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'OPTED_OUT',
      attempts: 0,
    });
    expect(peers.sms.requests).toBe(requestsBefore);
  });

  test('M3 an opt-out that arrives while a message is held for quiet hours is honoured when it wakes', async () => {
    await skipToLocalTime(t.env, '22:30');
    const buyerId = `buyer-late-opt-out-${randomUUID().slice(0, 8)}`;
    const { handle, messageId } = await send('WEBHOOK', ['O1:reminder-12h'], { buyer: { id: buyerId, name: '赵六' } });
    await waitForStatus(messageId('O1:reminder-12h'), 'HELD');
    await t.prisma.optOut.create({ data: { shopId, buyerId, channel: 'WEBHOOK' } });

    expect(await handle.result()).toEqual([expect.objectContaining({ status: 'SUPPRESSED', reason: 'OPTED_OUT' })]);
    expect(peers.webhook.received.filter((hook) => hook.idempotencyKey === messageId('O1:reminder-12h'))).toHaveLength(
      0,
    );
  });

  test('M3 a held message whose step is cancelled overnight (the buyer paid) is recorded as suppressed, not left held', async () => {
    await skipToLocalTime(t.env, '23:15');
    const { handle, messageId } = await send('SMS', ['O1:reminder-12h']);
    await waitForStatus(messageId('O1:reminder-12h'), 'HELD');
    await handle.cancel();

    await expect(handle.result()).rejects.toThrow();
    expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'CANCELLED',
      attempts: 0,
    });
  });

  test('M3 the cap per order per day (default 3) suppresses the fourth message of the day', async () => {
    await skipToLocalTime(t.env, '09:00');
    const { handle, messageId } = await send('WEBHOOK', ['step-1', 'step-2', 'step-3', 'step-4']);
    const results = await handle.result();

    expect(results.map((r) => r.status)).toEqual(['SENT', 'SENT', 'SENT', 'SUPPRESSED']);
    expect(await messageRow(messageId('step-4'))).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'ORDER_DAILY_CAP',
      messageClass: 'FOLLOW_UP',
    });
  });

  test('M3 the cap is for follow-ups: service messages (here four shipment notices in a day) always go out', async () => {
    await skipToLocalTime(t.env, '09:00');
    const { handle, messageId } = await send(
      'WEBHOOK',
      ['notice-1', 'notice-2', 'notice-3', 'notice-4'],
      {},
      shipmentNotice,
    );
    expect((await handle.result()).map((r) => r.status)).toEqual(['SENT', 'SENT', 'SENT', 'SENT']);
    expect(await messageRow(messageId('notice-4'))).toMatchObject({ status: 'SENT', messageClass: 'SERVICE' });
  });

  test('M3 a buyer with no email address on the order is recorded as NO_ADDRESS, not dropped', async () => {
    await skipToLocalTime(t.env, '10:00');
    const { handle, messageId } = await send('EMAIL', ['O1:reminder-12h'], {
      buyer: { id: 'buyer-no-mail', name: '钱七', phone: '13900000003' },
    });
    expect(await handle.result()).toEqual([expect.objectContaining({ status: 'SUPPRESSED', reason: 'NO_ADDRESS' })]);
    expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'NO_ADDRESS',
    });
  });
});

describe("Alibaba Cloud SMS's own limits (M3), for a shop whose quiet hours are shorter", () => {
  const smsShop = `shop-sms-limits-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    await configureShopChannels(t.prisma, smsShop, peers);
    await t.prisma.shop.create({
      data: {
        shopId: smsShop,
        policy: { messages: { quietHours: { start: '23:30', end: '06:00' }, sms: { perPhoneAndTemplatePerDay: 1 } } },
      },
    });
  });

  test("M3 an SMS at 22:30 is outside the shop's quiet hours but Alibaba sends only 08:00-21:59, so it waits for 08:00", async () => {
    const at = await skipToLocalTime(t.env, '22:30');
    const { handle, messageId } = await send('SMS', ['O1:reminder-12h'], { shopId: smsShop });
    expect(await waitForStatus(messageId('O1:reminder-12h'), 'HELD')).toMatchObject({
      reason: 'PROVIDER_SEND_WINDOW',
      heldUntil: new Date(at + 9.5 * 3_600_000),
    });
    expect(await handle.result()).toEqual([expect.objectContaining({ status: 'SENT' })]);
  });

  test('M3 the daily limit per phone and template (here 1) suppresses a second reminder to the same phone that day', async () => {
    await skipToLocalTime(t.env, '10:00');
    // A phone of its own: the test before may have used up the same day's limit of its phone.
    const buyer = { id: 'buyer-sms-limit', name: '孙八', phone: '13900000004' };
    const { handle, messageId } = await send('SMS', ['O1:reminder-cutoff', 'O1:reminder-12h'], {
      shopId: smsShop,
      buyer,
    });
    expect((await handle.result()).map((result) => result.status)).toEqual(['SENT', 'SUPPRESSED']);
    expect(await messageRow(messageId('O1:reminder-12h'))).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'PROVIDER_DAILY_LIMIT',
    });
    expect(
      await t.prisma.message.findUnique({ where: { id: messageId('O1:reminder-12h').replace(/SMS$/, 'WEBHOOK') } }),
    ).toBeNull();
  });

  test("M3 a service SMS that Alibaba's daily limit stops goes by the shop's webhook instead, once", async () => {
    await skipToLocalTime(t.env, '10:00');
    const buyer = { id: 'buyer-sms-service', name: '周九', phone: '13900000005' };
    const { handle, messageId } = await send(
      'SMS',
      ['O9:notice-1', 'O9:notice-2'],
      { shopId: smsShop, buyer },
      shipmentNotice,
    );
    const results = await handle.result();

    expect(results.map((result) => [result.status, result.messageId])).toEqual([
      ['SENT', messageId('O9:notice-1')],
      ['SENT', messageId('O9:notice-2').replace(/SMS$/, 'WEBHOOK')],
    ]);
    expect(await messageRow(messageId('O9:notice-2'))).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'PROVIDER_DAILY_LIMIT',
    });
    expect(
      peers.webhook.received.filter(
        (hook) => hook.idempotencyKey === messageId('O9:notice-2').replace(/SMS$/, 'WEBHOOK'),
      ),
    ).toHaveLength(1);
  });
});

const waitForStatus = (id: string, status: string) =>
  eventually(
    () => t.prisma.message.findUnique({ where: { id } }),
    (row) => row?.status === status,
    `message ${id} to become ${status}`,
  ).then((row) => row!);
