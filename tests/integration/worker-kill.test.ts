// A crash in the middle of the buyer's message and of a refund: the real worker process is
// SIGKILLed while the shop's webhook and its payment gateway have taken the request and not yet
// answered, then started again. Each must have happened once: the retry carries the same
// idempotency key (the workflow's step, not the attempt), and the receivers recognise it.
import { randomUUID } from 'node:crypto';
import { sealChannelSecrets } from '../../activities/messages/channels';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { PrismaClient } from '../../activities/prisma-client';
import { caseWorkflowId, orderWorkflowId } from '../../workflows/definitions';
import { serveAppDuringTests } from '../helpers/api-server';
import { WEBHOOK_SECRET } from '../helpers/channel-peers';
import { testPrisma } from '../helpers/database';
import { eventually } from '../helpers/eventually';
import { personSession } from '../helpers/identities';
import { eventNow, sampleOrderBody } from '../helpers/orders';
import { configureShopPaymentGateway, PAYMENT_GATEWAY_SECRET } from '../helpers/payment-peer';
import { startDevServer } from '../helpers/temporal';
import { workerProcess, type WorkerProcess } from '../helpers/worker-process';
import { startPaymentPeer, type PaymentPeer } from '../peers/payment-peer';
import { startWebhookPeer, type WebhookPeer } from '../peers/webhook-peer';

/** After a kill the server notices only when an attempt's start-to-close timeout ends (60 s for a message, 90 s for a refund), and a message's lease holds it 2 minutes. */
const AFTER_RESTART_MS = 300_000;

const shopId = `shop-${randomUUID().slice(0, 8)}`;
let env: TestWorkflowEnvironment;
let prisma: PrismaClient;
let webhook: WebhookPeer;
let payments: PaymentPeer;
let worker: WorkerProcess;

beforeAll(async () => {
  env = await startDevServer();
  prisma = testPrisma();
  [webhook, payments] = await Promise.all([startWebhookPeer(WEBHOOK_SECRET), startPaymentPeer(PAYMENT_GATEWAY_SECRET)]);
  // The longest waits the channel and the gateway allow, so the held requests are still open when the worker dies.
  await prisma.shopChannel.create({
    data: {
      shopId,
      channel: 'WEBHOOK',
      config: sealChannelSecrets('WEBHOOK', { url: webhook.url, secret: WEBHOOK_SECRET, timeoutMs: 30_000 }),
    },
  });
  await configureShopPaymentGateway(prisma, shopId, payments, 60_000);
  worker = workerProcess(env.address);
  await worker.start();
});

const { call, as } = serveAppDuringTests(() => ({ temporal: env.client, prisma }));

afterAll(async () => {
  await worker?.stop();
  await Promise.all([webhook?.close(), payments?.close()]);
  await prisma?.$disconnect();
  await env?.teardown();
});

async function paidOrder(total: string): Promise<string> {
  const body = sampleOrderBody({
    shopId,
    placedAt: new Date().toISOString(),
    items: [{ sku: 'MUG', title: '马克杯', quantity: 1, unitPrice: total }],
    total,
  });
  expect(await call('POST', '/orders', body)).toMatchObject({ status: 201 });
  expect(await call('POST', `/orders/${shopId}/${body.orderId}/events`, eventNow('pay', 'paid'))).toMatchObject({
    status: 202,
  });
  return body.orderId;
}

const requestsWith = (keys: string[], key: string) => keys.filter((k) => k === key).length;

it(
  'a worker killed while the shipment notice and a refund are out sends the notice once and pays the refund once',
  async () => {
    // Quiet hours off (an empty window), so the notice goes whatever the time of the run.
    expect(
      await call('PUT', `/shops/${shopId}/policy`, { messages: { quietHours: { start: '00:00', end: '00:00' } } }),
    ).toMatchObject({ status: 200 });

    // The refund first: the gateway's call may stay open 60 s, the webhook's 30 s.
    const caseId = `RF-${randomUUID().slice(0, 8)}`;
    const refundKey = `${caseWorkflowId(shopId, caseId)}:refund`;
    payments.holdAnswer(refundKey);
    const refundOrder = await paidOrder('20.00');
    expect(
      await call('POST', '/cases', {
        shopId,
        caseId,
        orderId: refundOrder,
        type: 'REFUND_ONLY',
        situation: 'no_reason',
        channel: 'platform',
        openedBy: 'buyer',
      }),
    ).toMatchObject({ status: 201 });
    const taskPath = `/tasks/${encodeURIComponent(`case:${shopId}:${caseId}:respond`)}`;
    await eventually(
      () => call('GET', taskPath),
      (r) => r.status === 200 && r.body.status === 'OPEN',
      'the handle_case task',
    );
    const agent = as(await personSession(prisma, shopId, 'agent-li', 'agent'));
    expect(
      await agent.call('POST', `${taskPath}/complete`, { outcome: { decision: 'approve', refundAmount: '15.00' } }),
    ).toMatchObject({ status: 200 });
    await eventually(
      () => Promise.resolve(payments.requestKeys),
      (keys) => keys.includes(refundKey),
      'the refund call, held at the gateway',
    );

    const shippedOrder = await paidOrder('30.00');
    const messageKey = `${orderWorkflowId(shopId, shippedOrder)}:shipment-notice:WEBHOOK`;
    webhook.holdAnswer(messageKey);
    await call(
      'POST',
      `/orders/${shopId}/${shippedOrder}/events`,
      eventNow('ship', 'shipped', { courier: '顺丰速运', trackingNumber: 'SF1234567890' }),
    );
    await eventually(
      () => Promise.resolve(webhook.requestKeys),
      (keys) => keys.includes(messageKey),
      'the shipment notice, held at the webhook',
    );

    await worker.kill();
    await worker.start();

    await eventually(
      () => prisma.message.findUnique({ where: { id: messageKey } }),
      (m) => m?.status === 'SENT',
      'the shipment notice SENT after the restart',
      AFTER_RESTART_MS,
    );
    const refund = await eventually(
      () => prisma.refund.findUnique({ where: { id: refundKey } }),
      (r) => r?.status === 'PAID',
      'the refund PAID after the restart',
      AFTER_RESTART_MS,
    );

    // The buyer got the notice once: the retry came with the same key, and the receiver kept one copy.
    expect(requestsWith(webhook.requestKeys, messageKey)).toBeGreaterThanOrEqual(2);
    expect(webhook.received.filter((r) => r.idempotencyKey === messageKey)).toHaveLength(1);
    expect(await prisma.message.count({ where: { shopId, orderId: shippedOrder, template: 'shipment_notice' } })).toBe(
      1,
    );

    // The refund was paid once: the gateway made one refund for both calls, and the ledger has one row.
    expect(requestsWith(payments.requestKeys, refundKey)).toBeGreaterThanOrEqual(2);
    expect(payments.refunds.filter((r) => r.caseId === caseId)).toEqual([
      expect.objectContaining({ idempotencyKey: refundKey, amount: '15.00' }),
    ]);
    expect(await prisma.refund.findMany({ where: { shopId, caseId } })).toEqual([
      expect.objectContaining({
        id: refundKey,
        status: 'PAID',
        providerRefundId: payments.refunds.find((r) => r.caseId === caseId)?.refundId,
      }),
    ]);
    expect(refund?.attempts).toBeGreaterThanOrEqual(2);
  },
  3 * AFTER_RESTART_MS,
);
