// An after-sales case through the HTTP API on the Temporal dev server with the production worker,
// PostgreSQL and a real local payment gateway: a return opened on a delivered order, walked to its
// refund by the agent's and the warehouse's task completions and the buyer's events, with the
// buyer's progress answer read along the way; bad, repeated and stray requests; ops finding cases
// by type and status with the CLI.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests, type Json } from '../helpers/api-server';
import { receivedOrder } from '../helpers/buyer-cases';
import { eventually } from '../helpers/eventually';
import { personSession } from '../helpers/identities';
import { eventNow } from '../helpers/orders';
import { runPaymentPeerDuringTests } from '../helpers/payment-peer';
import { startDevServer } from '../helpers/temporal';
import { temporalWorkflowList } from '../helpers/temporal-cli';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const { call } = api;
const shopId = `shop-${randomUUID().slice(0, 8)}`;
const payments = runPaymentPeerDuringTests(t, shopId);

describe('a return from request to refund, through the API', () => {
  it('opens a return on a delivered order, walks it to the refund, and the buyer follows it in English and Chinese', async () => {
    const orderId = await receivedOrder(api, shopId);
    const caseId = `RMA-${randomUUID().slice(0, 8)}`;
    const intake = {
      shopId,
      caseId,
      orderId,
      type: 'RETURN_REFUND',
      situation: 'quality_defect',
      requestedAmount: '59.00',
      channel: 'platform',
      openedBy: 'buyer',
      description: '杯子有裂纹',
      locale: 'en',
    };
    const opened = await call('POST', '/cases', intake);
    expect(opened).toMatchObject({
      status: 201,
      body: { caseId, workflowId: `case:${shopId}:${caseId}`, created: true },
    });
    const { accessToken, progressUrl } = opened.body;
    expect(progressUrl).toBe(`${api.baseUrl}/cases/${shopId}/${caseId}/progress?token=${accessToken}`);
    expect(await call('POST', '/cases', intake)).toMatchObject({ status: 200, body: { created: false, accessToken } });

    const progress = (lang?: string) =>
      call('GET', `/cases/${shopId}/${caseId}/progress?token=${accessToken}${lang ? `&lang=${lang}` : ''}`);
    const progressIs = (status: string) =>
      eventually(
        () => progress(),
        (p) => p.body?.status === status,
        `progress ${status}`,
      ).then((p) => p.body);
    const complete = async (step: string, login: string, outcome: Json) =>
      api
        .as(await personSession(t.prisma, shopId, login, login.startsWith('supervisor') ? 'supervisor' : 'agent'))
        .call('POST', `/tasks/${encodeURIComponent(`case:${shopId}:${caseId}:${step}`)}/complete`, { outcome });
    const taskOpen = (step: string) =>
      eventually(
        () => call('GET', `/tasks/${encodeURIComponent(`case:${shopId}:${caseId}:${step}`)}`),
        (r) => r.status === 200,
        `task ${step}`,
      );

    const first = await progressIs('OPEN');
    expect(first).toMatchObject({
      caseId,
      type: 'RETURN_REFUND',
      locale: 'en',
      stage: 'Received; an agent is looking into it',
      next: { step: 'first_response', text: 'An agent answers your request' },
    });
    expect(Date.parse(first.next.by) - Date.now()).toBeGreaterThan(110 * 60_000);
    expect(first.next.byLocal).toMatch(/\(Asia\/Shanghai\)$/);

    await taskOpen('respond');
    expect(await complete('respond', 'agent-wang', { decision: 'approve', fault: 'PRODUCT' })).toMatchObject({
      status: 200,
    });
    expect(await progressIs('AWAITING_RETURN')).toMatchObject({ next: { step: 'buyer_return' } });
    expect((await progress('zh-CN')).body).toMatchObject({
      locale: 'zh-CN',
      stage: '已同意，等待您寄回商品',
      next: { text: '请您寄回商品并填写运单号' },
    });

    const events = `/cases/${shopId}/${caseId}/events`;
    const sent = eventNow(
      'return-1',
      'return_shipped',
      { courier: '顺丰速运', trackingNumber: 'SF9876543210' },
      'buyer',
    );
    expect(await call('POST', events, sent)).toMatchObject({
      status: 202,
      body: { delivered: true, duplicate: false },
    });
    expect(await call('POST', events, sent)).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await progressIs('RETURN_SHIPPED')).toMatchObject({ next: { step: 'seller_receipt' } });

    await call('POST', events, eventNow('received-1', 'return_received', {}, 'warehouse'));
    expect(await progressIs('INSPECTING')).toMatchObject({ next: { step: 'inspection' } });
    await taskOpen('inspect-return');
    expect(await complete('inspect-return', 'warehouse-zhao', { condition: 'as_sold', restocked: true })).toMatchObject(
      { status: 200 },
    );

    expect(await progressIs('REFUNDED')).toMatchObject({ stage: 'Refunded', next: { step: 'none', by: null } });
    expect(payments.refunds).toEqual([expect.objectContaining({ amount: '59.00', currency: 'CNY', caseId })]);

    const view = await call('GET', `/cases/${shopId}/${caseId}`);
    expect(view.body.case).toMatchObject({
      status: 'REFUNDED',
      decision: 'APPROVED',
      decidedBy: 'person:agent-wang',
      fault: 'PRODUCT',
      returnTrackingNumber: 'SF9876543210',
      description: '杯子有裂纹',
    });
    expect(view.body.case.accessToken).toBeUndefined();
    expect(view.body.log.map((entry: Json) => entry.type)).toEqual(
      expect.arrayContaining(['return_shipped', 'decided', 'status REFUNDED', 'refund_paid']),
    );

    const orderLog = await call('GET', `/orders/${shopId}/${orderId}/timeline`);
    expect(orderLog.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'case_opened', data: { caseId, caseType: 'RETURN_REFUND' } }),
      ]),
    );
  });

  it('answers the buyer only with the right token, and names every bad field', async () => {
    const orderId = await receivedOrder(api, shopId);
    const caseId = `RMA-${randomUUID().slice(0, 8)}`;
    const opened = await call('POST', '/cases', {
      shopId,
      caseId,
      orderId,
      type: 'EXCHANGE',
      situation: 'wrong_item',
      channel: 'chat',
      openedBy: 'agent-li',
    });
    expect(opened.status).toBe(201);
    expect(await call('GET', `/cases/${shopId}/${caseId}/progress?token=guess`)).toMatchObject({
      status: 404,
      body: { error: { code: 'case_not_found' } },
    });
    expect(await call('GET', `/cases/${shopId}/${caseId}/progress`)).toMatchObject({
      status: 400,
      body: { error: { fields: [expect.objectContaining({ field: 'token' })] } },
    });

    const bad = await call('POST', '/cases', {
      shopId,
      caseId: 'bad id',
      orderId,
      type: 'REFUND',
      situation: 'X',
      requestedAmount: '5',
      channel: 'fax',
      openedBy: 'buyer',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: Json) => f.field).sort()).toEqual([
      'caseId',
      'channel',
      'requestedAmount',
      'situation',
      'type',
    ]);
    expect(
      await call('POST', '/cases', {
        shopId,
        caseId: 'other',
        orderId: 'no-such-order',
        type: 'REFUND_ONLY',
        situation: 'no_reason',
        channel: 'platform',
        openedBy: 'buyer',
      }),
    ).toMatchObject({
      status: 404,
      body: { error: { code: 'order_not_found', fields: [expect.objectContaining({ field: 'orderId' })] } },
    });
    expect(
      await call('POST', '/cases', {
        shopId,
        caseId,
        orderId,
        type: 'REFUND_ONLY',
        situation: 'wrong_item',
        channel: 'chat',
        openedBy: 'agent-li',
      }),
    ).toMatchObject({ status: 409, body: { error: { code: 'case_conflict' } } });

    const stray = await call(
      'POST',
      `/cases/${shopId}/not-yet-opened/events`,
      eventNow('early-1', 'return_shipped', { courier: '顺丰速运', trackingNumber: 'SF1111111111' }, 'buyer'),
    );
    expect(stray).toMatchObject({ status: 202, body: { delivered: false } });
    expect(await t.prisma.caseLogEntry.count({ where: { shopId, caseId: 'not-yet-opened' } })).toBe(1);
    // Kept, it reaches the case when the case opens.
    expect(
      await call('POST', '/cases', {
        shopId,
        caseId: 'not-yet-opened',
        orderId,
        type: 'RETURN_REFUND',
        situation: 'wrong_item',
        channel: 'platform',
        openedBy: 'buyer',
      }),
    ).toMatchObject({ status: 201 });
    const early = await eventually(
      () => call('GET', `/cases/${shopId}/not-yet-opened`),
      (v) => v.body.workflow?.eventIds?.includes('early-1'),
      'the early event applied',
    );
    expect(early.body.workflow.log).toEqual(
      expect.arrayContaining([expect.objectContaining({ what: 'event return_shipped', by: 'buyer' })]),
    );

    const listed = await eventually(
      () =>
        temporalWorkflowList(t.env.address, `ShopId = "${shopId}" AND CaseType = "EXCHANGE" AND CaseStatus = "OPEN"`),
      (ids) => ids.length > 0,
      'the case in visibility',
    );
    expect(listed.map((run) => run.execution.workflowId)).toEqual([`case:${shopId}:${caseId}`]);
  });
});
