// A1-A3 on the time-skipping server at their real default durations: intake and the buyer's link
// to follow the case, the first response due in 2 hours and escalated, the decision by an agent or
// by the shop's rules, and the platform's approval of what nobody decided (48 h before shipment,
// 5 days after). A refund-only request before shipment stops the shipment.
import { randomUUID } from 'node:crypto';
import { caseRules } from '../helpers/case-rules';
import { DAY, HOUR, MINUTE } from '../helpers/order-rules';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startTimeSkippingServer, `cases-${randomUUID()}`);
const shopId = `shop-cases-${randomUUID().slice(0, 8)}`;
const rules = caseRules(t, shopId);

describe('intake and first response (A1, A2)', () => {
  test('the buyer is told the case id and a link to follow it; the first response is due in 2 hours and escalates to the supervisor', async () => {
    const order = await rules.receivedOrder();
    const kase = await rules.open(order, 'RETURN_REFUND', { situation: 'quality_defect', requestedAmount: '59.00' });
    const openedAt = (await rules.row(kase)).openedAt.getTime();

    const received = await rules.messageIn(kase, 'case-received');
    expect(received.body).toContain(kase.caseId);
    expect(received.body).toContain(`/cases/${shopId}/${kase.caseId}/progress?token=${kase.accessToken}`);

    const task = await rules.openTask(kase, 'respond');
    expect(task).toMatchObject({
      kind: 'handle_case',
      queue: 'AFTER_SALES',
      escalateTo: 'SUPERVISOR',
      orderId: order.order.orderId,
    });
    expect(Math.abs(task.dueAt.getTime() - (openedAt + 2 * HOUR))).toBeLessThan(MINUTE);
    expect(task.details).toMatchObject({ rule: 'A2/A3', type: 'RETURN_REFUND', amount: '59.00', shipped: true });
    expect(await rules.state(kase)).toMatchObject({ status: 'OPEN', next: { step: 'first_response' } });

    await rules.skipTo(openedAt + 2 * HOUR + MINUTE);
    await rules.taskWhere(kase, 'respond', (task) => task.queue === 'SUPERVISOR', 'escalated');

    await rules.complete(kase, 'respond', 'agent-wang', { decision: 'approve', fault: 'PRODUCT' });
    const row = await rules.status(kase, 'AWAITING_RETURN');
    expect(row).toMatchObject({ decision: 'APPROVED', decidedBy: 'agent-wang', fault: 'PRODUCT' });
    expect(row.firstResponseAt!.getTime()).toBeGreaterThanOrEqual(openedAt + 2 * HOUR);
  });
});

describe('decision (A3)', () => {
  test('an unanswered refund request after shipment is approved by the platform at 5 days and refunded once', async () => {
    const order = await rules.receivedOrder();
    const kase = await rules.open(order, 'REFUND_ONLY', { situation: 'not_as_described', requestedAmount: '30.00' });
    const openedAt = (await rules.row(kase)).openedAt.getTime();
    expect((await rules.state(kase)).deadlines).toEqual([
      expect.objectContaining({ rule: 'A3', at: new Date(openedAt + 5 * DAY).toISOString() }),
    ]);

    await rules.skipTo(openedAt + 5 * DAY - MINUTE);
    await rules.caughtUp(kase);
    expect((await rules.row(kase)).decision).toBeNull();

    await rules.skipTo(openedAt + 5 * DAY + MINUTE);
    const row = await rules.status(kase, 'REFUNDED');
    expect(row).toMatchObject({ decision: 'APPROVED', decidedBy: 'platform', firstResponseAt: null });
    expect(await rules.task(kase, 'respond')).toMatchObject({ status: 'CANCELLED' });
    expect(rules.payments.refunds).toEqual([
      expect.objectContaining({ amount: '30.00', currency: 'CNY', caseId: kase.caseId }),
    ]);
    expect(await rules.messageIn(kase, 'refund-issued')).toMatchObject({ template: 'refund_issued' });
  });

  test('A3/A5 the platform approving at its deadline pays only what is still refundable: refunded meanwhile, the refund goes to the supervisor, who voids it', async () => {
    const order = await rules.receivedOrder();
    const kase = await rules.open(order, 'REFUND_ONLY', { situation: 'not_as_described', requestedAmount: '30.00' });
    const openedAt = (await rules.row(kase)).openedAt.getTime();
    // The platform refunded the buyer itself before anybody here decided.
    await rules.orders.event(order, 'refunded', { refundId: 'TB-RF-9', amount: order.order.total });

    await rules.skipTo(openedAt + 5 * DAY + MINUTE);
    const settle = await rules.openTask(kase, 'refund-settle-1');
    expect(settle).toMatchObject({
      kind: 'settle_refund',
      queue: 'SUPERVISOR',
      details: expect.objectContaining({ amount: '30.00', refundable: '0.00' }),
    });
    expect(rules.payments.refunds).toEqual([]);

    await rules.complete(kase, 'refund-settle-1', 'supervisor-zhao', { action: 'void' });
    expect(await rules.status(kase, 'CLOSED')).toMatchObject({ closedReason: 'REFUND_VOIDED', decidedBy: 'platform' });
    expect(await rules.message(kase, 'refund-issued')).toBeNull();
    expect(rules.payments.refunds).toEqual([]);
  });

  test('a refund-only request before shipment stops the shipment, and nobody deciding in 48 hours approves it', async () => {
    const order = await rules.paidOrder();
    const kase = await rules.open(order, 'REFUND_ONLY');
    const closed = await rules.orders.rowWhere(order, (r) => r.status === 'CANCELLED', 'CANCELLED');
    expect(closed.closedReason).toBe('REFUND_REQUESTED');
    const openedAt = (await rules.row(kase)).openedAt.getTime();

    await rules.skipTo(openedAt + 48 * HOUR + MINUTE);
    await rules.status(kase, 'REFUNDED');
    // No amount asked: the order's total.
    expect(rules.payments.refunds).toEqual([expect.objectContaining({ amount: order.order.total })]);
  });

  test("the shop's rule approves a small refund at once", async () => {
    await t.prisma.shop.upsert({
      where: { shopId },
      create: { shopId, policy: { cases: { autoApprove: { refundUpTo: '50.00' } } } },
      update: { policy: { cases: { autoApprove: { refundUpTo: '50.00' } } } },
    });
    try {
      const order = await rules.receivedOrder();
      const kase = await rules.open(order, 'REFUND_ONLY', { requestedAmount: '20.00' });
      const row = await rules.status(kase, 'REFUNDED');
      expect(row).toMatchObject({ decision: 'APPROVED', decidedBy: 'rule' });
      expect(await rules.task(kase, 'respond')).toBeNull();
    } finally {
      await t.prisma.shop.delete({ where: { shopId } });
    }
  });

  test('a no-reason return asked after 7 days from the day after receipt is declined by rule (A4); within them it goes to an agent', async () => {
    const order = await rules.receivedOrder('10:00');
    const receivedAt = (await rules.orders.row(order)).receivedAt!.getTime();
    const within = await rules.open(order, 'RETURN_REFUND', { situation: 'no_reason' });
    await rules.openTask(within, 'respond');

    // Received at 10:00: the window runs to the end of the 7th day after that day.
    await rules.skipTo(receivedAt + 14 * HOUR + 7 * DAY + MINUTE);
    const late = await rules.open(order, 'RETURN_REFUND', { situation: 'no_reason' });
    expect(await rules.status(late, 'REJECTED')).toMatchObject({ decision: 'REJECTED', decidedBy: 'rule' });
    expect(await rules.task(late, 'respond')).toBeNull();
  });

  test('a rejected request is closed with a courteous message; the agent may investigate first', async () => {
    const order = await rules.receivedOrder();
    const kase = await rules.open(order, 'QUALITY_COMPLAINT', { situation: 'quality_defect' });
    await rules.openTask(kase, 'respond');
    await rules.complete(kase, 'respond', 'agent-wang', { decision: 'investigate' });
    const decide = await rules.openTask(kase, 'decide');
    expect(decide).toMatchObject({ kind: 'decide_case', escalateTo: null });
    expect((await rules.state(kase)).next.step).toBe('decision');

    await rules.complete(kase, 'decide', 'agent-wang', { decision: 'reject', fault: 'BUYER' });
    expect(await rules.status(kase, 'REJECTED')).toMatchObject({ fault: 'BUYER', closedReason: 'REJECTED' });
    expect(await rules.messageIn(kase, 'case-rejected')).toMatchObject({ template: 'case_rejected' });
  });
});
