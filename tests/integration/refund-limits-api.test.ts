// "Money only moves as far as the buyer paid" through the HTTP API on the Temporal dev server with
// the production worker, PostgreSQL and a real local payment gateway: totals that do not add up,
// cases on unpaid orders or for more than was paid, an agent approving too much, the platform's own
// refunds, and a case taken while no worker runs.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { openCase } from '../../api/case-intake';
import { receiveOrderEvent } from '../../api/order-event-delivery';
import { orderInputSchema, placedOrderDataSchema } from '../../api/order-schema';
import { caseWorkflowId } from '../../workflows/definitions';
import { serveApiDuringTests, type Json } from '../helpers/api-server';
import { eventually } from '../helpers/eventually';
import { personSession } from '../helpers/identities';
import { eventNow, sampleOrderBody } from '../helpers/orders';
import { runPaymentPeerDuringTests } from '../helpers/payment-peer';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const { call } = api;
const shopId = `shop-${randomUUID().slice(0, 8)}`;
const payments = runPaymentPeerDuringTests(t, shopId);

const iso = (at: number) => new Date(at).toISOString();
const oneItem = (price: string) => ({
  items: [{ sku: 'MUG', title: '马克杯', quantity: 1, unitPrice: price }],
  total: price,
});

async function order(price: string, { paid = true } = {}): Promise<string> {
  const body = sampleOrderBody({ shopId, placedAt: iso(Date.now()), ...oneItem(price) });
  expect(await call('POST', '/orders', body)).toMatchObject({ status: 201 });
  if (paid)
    expect(await call('POST', `/orders/${shopId}/${body.orderId}/events`, eventNow('pay', 'paid'))).toMatchObject({
      status: 202,
    });
  return body.orderId;
}

const intake = (orderId: string, fields: Json = {}) => ({
  shopId,
  caseId: `RF-${randomUUID().slice(0, 8)}`,
  orderId,
  type: 'REFUND_ONLY',
  situation: 'no_reason',
  channel: 'platform',
  openedBy: 'buyer',
  ...fields,
});

describe('an order says what the buyer pays, and the total must add up', () => {
  it('refuses one ¥20 item with a total of 99999.00, naming total and what the breakdown adds up to', async () => {
    const body = sampleOrderBody({ shopId, ...oneItem('20.00'), total: '99999.00' });
    const refused = await call('POST', '/orders', body);
    expect(refused).toMatchObject({
      status: 400,
      body: {
        error: { code: 'invalid_request', fields: [{ field: 'total', message: expect.stringContaining('= 20.00') }] },
      },
    });
  });

  it('adds items, shipping and tax, less coupons and red packets, plus adjustments', () => {
    const body = sampleOrderBody({
      items: [{ sku: 'MUG', title: '马克杯', quantity: 2, unitPrice: '30.00' }],
      shipping: '8.00',
      tax: '2.00',
      discounts: [
        { kind: 'platform_coupon', amount: '5.00' },
        { kind: 'red_packet', amount: '3.00' },
      ],
      adjustments: [{ amount: '-2.00', reason: '老客优惠' }],
      total: '60.00',
    });
    expect(orderInputSchema.safeParse(body).success).toBe(true);
    expect(
      orderInputSchema.safeParse({ ...body, total: '62.00' }).error?.issues.map((issue) => issue.path.join('.')),
    ).toEqual(['total']);
  });

  it('refuses a paid amount above the order’s total, naming data.amount', async () => {
    const orderId = await order('20.00', { paid: false });
    expect(
      await call('POST', `/orders/${shopId}/${orderId}/events`, eventNow('pay', 'paid', { amount: '20.01' })),
    ).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'data.amount' }] } } });
  });
});

describe('a case asks back no more than the buyer paid (A1, A3)', () => {
  it('refuses a refund-only case on an order still awaiting payment, and starts nothing', async () => {
    const orderId = await order('120.00', { paid: false });
    const body = intake(orderId);
    const refused = await call('POST', '/cases', body);
    expect(refused).toMatchObject({
      status: 422,
      body: { error: { code: 'order_not_paid', fields: [{ field: 'orderId' }], refundable: '0.00' } },
    });
    expect(await t.prisma.afterSalesCase.count({ where: { shopId, caseId: body.caseId } })).toBe(0);
    await expect(t.env.client.workflow.getHandle(caseWorkflowId(shopId, body.caseId)).describe()).rejects.toThrow(
      WorkflowNotFoundError,
    );
  });

  it('refuses 9999.00 on a ¥120 order, naming requestedAmount and saying what is refundable', async () => {
    const orderId = await order('120.00');
    const refused = await call('POST', '/cases', intake(orderId, { requestedAmount: '9999.00' }));
    expect(refused).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'exceeds_refundable',
          fields: [{ field: 'requestedAmount', message: 'must be more than 0.00 and at most 120.00' }],
          paid: '120.00',
          refundable: '120.00',
        },
      },
    });
  });

  it('refuses an agent approving 99999.00 on a ¥20 order; the approval within it pays exactly that', async () => {
    const orderId = await order('20.00');
    const body = intake(orderId);
    expect(await call('POST', '/cases', body)).toMatchObject({ status: 201 });
    const taskId = encodeURIComponent(`case:${shopId}:${body.caseId}:respond`);
    await eventually(
      () => call('GET', `/tasks/${taskId}`),
      (r) => r.status === 200 && r.body.status === 'OPEN',
      'the handle_case task',
    );

    const agent = api.as(await personSession(t.prisma, shopId, 'agent-li', 'agent'));
    const tooMuch = await agent.call('POST', `/tasks/${taskId}/complete`, {
      outcome: { decision: 'approve', refundAmount: '99999.00' },
    });
    expect(tooMuch).toMatchObject({
      status: 422,
      body: { error: { code: 'exceeds_refundable', fields: [{ field: 'outcome.refundAmount' }], refundable: '20.00' } },
    });
    expect(
      await agent.call('POST', `/tasks/${taskId}/complete`, {
        outcome: { decision: 'approve', refundAmount: '15.00' },
      }),
    ).toMatchObject({ status: 200 });

    await eventually(
      () => Promise.resolve(payments.refunds),
      (refunds) => refunds.some((r) => r.orderId === orderId),
      'the refund at the gateway',
    );
    expect(payments.refunds.filter((r) => r.orderId === orderId).map((r) => r.amount)).toEqual(['15.00']);
  });

  it('a case with no amount asks for what is still refundable, the platform’s own refund deducted', async () => {
    const orderId = await order('80.00');
    const refunded = await call(
      'POST',
      `/orders/${shopId}/${orderId}/events`,
      eventNow('tb-refund-1', 'refunded', { refundId: 'TB-RF-1', amount: '30.00' }),
    );
    expect(refunded).toMatchObject({ status: 202 });
    expect(await t.prisma.refund.findFirst({ where: { shopId, orderId } })).toMatchObject({
      status: 'PAID_BY_PLATFORM',
      providerRefundId: 'TB-RF-1',
    });

    expect(await call('POST', '/cases', intake(orderId, { requestedAmount: '50.01' }))).toMatchObject({
      status: 422,
      body: { error: { refundable: '50.00' } },
    });
    const body = intake(orderId);
    expect(await call('POST', '/cases', body)).toMatchObject({ status: 201 });
    expect(
      (
        await t.prisma.afterSalesCase.findUniqueOrThrow({ where: { shopId_caseId: { shopId, caseId: body.caseId } } })
      ).requestedAmount?.toFixed(2),
    ).toBe('50.00');
  });

  it('a platform refund reported before its order arrives is kept, and counts once the order comes', async () => {
    const body = sampleOrderBody({ shopId, placedAt: iso(Date.now()), ...oneItem('50.00') });
    const early = await call(
      'POST',
      `/orders/${shopId}/${body.orderId}/events`,
      eventNow('tb-refund-early', 'refunded', { refundId: 'TB-RF-0', amount: '20.00' }),
    );
    expect(early).toMatchObject({ status: 202, body: { delivered: false } });
    expect(await t.prisma.refund.count({ where: { shopId, orderId: body.orderId } })).toBe(0);

    expect(await call('POST', '/orders', body)).toMatchObject({ status: 201 });
    expect(await t.prisma.refund.findFirst({ where: { shopId, orderId: body.orderId } })).toMatchObject({
      status: 'PAID_BY_PLATFORM',
      currency: 'CNY',
    });
    await call('POST', `/orders/${shopId}/${body.orderId}/events`, eventNow('pay', 'paid'));
    expect(await call('POST', '/cases', intake(body.orderId, { requestedAmount: '50.00' }))).toMatchObject({
      status: 422,
      body: { error: { refundable: '30.00' } },
    });
  });

  it("a case about one item line asks back at most that line's share, and names a line the order has", async () => {
    const body = sampleOrderBody({
      shopId,
      placedAt: iso(Date.now()),
      items: [
        { sku: 'MUG', title: '马克杯', quantity: 1, unitPrice: '30.00' },
        { sku: 'POT', title: '茶壶', quantity: 1, unitPrice: '70.00' },
      ],
      total: '100.00',
    });
    expect(await call('POST', '/orders', body)).toMatchObject({ status: 201 });
    await call('POST', `/orders/${shopId}/${body.orderId}/events`, eventNow('pay', 'paid'));

    expect(await call('POST', '/cases', intake(body.orderId, { lineNo: 1, requestedAmount: '30.01' }))).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'exceeds_refundable',
          fields: [{ field: 'requestedAmount' }],
          paid: '30.00',
          refundable: '30.00',
        },
      },
    });
    expect(await call('POST', '/cases', intake(body.orderId, { lineNo: 3 }))).toMatchObject({
      status: 422,
      body: { error: { code: 'unknown_line', fields: [{ field: 'lineNo' }] } },
    });
    const forLine = intake(body.orderId, { lineNo: 1 });
    expect(await call('POST', '/cases', forLine)).toMatchObject({ status: 201 });
    expect(
      await t.prisma.afterSalesCase.findUniqueOrThrow({ where: { shopId_caseId: { shopId, caseId: forLine.caseId } } }),
    ).toMatchObject({ lineNo: 1 });
    expect(
      (
        await t.prisma.afterSalesCase.findUniqueOrThrow({
          where: { shopId_caseId: { shopId, caseId: forLine.caseId } },
        })
      ).requestedAmount?.toFixed(2),
    ).toBe('30.00');
  });

  it('a repeated case request gets its first answer, whatever was refunded since', async () => {
    const orderId = await order('40.00');
    const body = intake(orderId, { requestedAmount: '40.00' });
    expect(await call('POST', '/cases', body)).toMatchObject({ status: 201 });
    await call(
      'POST',
      `/orders/${shopId}/${orderId}/events`,
      eventNow('tb-refund-2', 'refunded', { refundId: 'TB-RF-2', amount: '40.00' }),
    );
    expect(await call('POST', '/cases', body)).toMatchObject({ status: 200, body: { created: false } });
  });

  it('takes a case on an order the API accepted while no worker runs', async () => {
    // A task queue nobody polls: Temporal takes the starts and signals, nothing runs them.
    const idle = { temporal: t.env.client, prisma: t.prisma, taskQueue: `no-worker-${randomUUID().slice(0, 8)}` };
    const orderId = `TB-${randomUUID().slice(0, 8)}`;
    const placedAt = iso(Date.now());
    const data = placedOrderDataSchema.parse(
      sampleOrderBody({ shopId: undefined, orderId: undefined, placedAt, ...oneItem('60.00') }),
    );
    await receiveOrderEvent(idle, shopId, orderId, {
      eventId: 'placed',
      type: 'placed',
      occurredAt: placedAt,
      actor: 'platform',
      data,
    });
    await receiveOrderEvent(idle, shopId, orderId, {
      eventId: 'pay',
      type: 'paid',
      occurredAt: iso(Date.now()),
      actor: 'platform',
      data: {},
    });
    expect(await t.prisma.order.count({ where: { shopId, orderId } })).toBe(0);

    const receipt = await openCase(
      idle,
      intake(orderId, { requestedAmount: '60.00' }) as Parameters<typeof openCase>[1],
    );
    expect(receipt.outcome).toBe('opened');
  });
});

describe('the public events endpoint takes platform events only', () => {
  it('refuses case_opened, which only the product’s own intake may tell an order', async () => {
    const orderId = await order('30.00');
    const forged = await call(
      'POST',
      `/orders/${shopId}/${orderId}/events`,
      eventNow('forged', 'case_opened', { caseId: 'X1', caseType: 'REFUND_ONLY' }),
    );
    expect(forged).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'type' }] } } });
    expect(await t.prisma.orderLogEntry.count({ where: { shopId, orderId, type: 'case_opened' } })).toBe(0);
  });
});
