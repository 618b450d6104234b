// A4 and A5 on the time-skipping server at their real default durations: the buyer's 7 days to
// send the return, the seller's 10 days to confirm its receipt, the warehouse's inspection, and
// the refund within 24 hours, paid exactly once through the shop's payment gateway (a real local
// HTTP peer) even when the first call times out, and handed to the supervisor when it keeps failing.
import { randomUUID } from 'node:crypto';
import { caseRules, type OpenedCase } from '../helpers/case-rules';
import { DAY, HOUR, MINUTE } from '../helpers/order-rules';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startTimeSkippingServer, `returns-${randomUUID()}`);
const shopId = `shop-returns-${randomUUID().slice(0, 8)}`;
const rules = caseRules(t, shopId);

/** A return of a received order, approved by an agent at once; returns it with the approval time. */
async function approvedReturn(
  type: 'RETURN_REFUND' | 'EXCHANGE' = 'RETURN_REFUND',
): Promise<OpenedCase & { approvedAt: number }> {
  const order = await rules.receivedOrder();
  const kase = await rules.open(order, type, { situation: 'quality_defect', requestedAmount: '59.00' });
  await rules.openTask(kase, 'respond');
  await rules.complete(kase, 'respond', 'agent-wang', { decision: 'approve', fault: 'PRODUCT' });
  const row = await rules.status(kase, 'AWAITING_RETURN');
  return { ...kase, approvedAt: row.decidedAt!.getTime() };
}

describe('return shipping (A4)', () => {
  test('a buyer who does not send the return within 7 days sees the case close', async () => {
    const kase = await approvedReturn();
    expect(await rules.messageIn(kase, 'return-instructions')).toMatchObject({ template: 'return_instructions' });
    expect((await rules.state(kase)).next).toEqual({ step: 'buyer_return', by: expect.any(String) });

    await rules.skipTo(kase.approvedAt + 7 * DAY - MINUTE);
    await rules.caughtUp(kase);
    expect((await rules.row(kase)).status).toBe('AWAITING_RETURN');
    await rules.skipTo(kase.approvedAt + 7 * DAY + MINUTE);
    expect(await rules.status(kase, 'CLOSED')).toMatchObject({ closedReason: 'RETURN_NOT_SENT' });
    expect(await rules.refunds(kase)).toEqual([]);
  });

  test('a return whose receipt the seller does not confirm within 10 days is refunded by the platform, and not paid again', async () => {
    const kase = await approvedReturn();
    await rules.event(kase, 'return_shipped', { courier: '顺丰速运', trackingNumber: 'SF1234567890' });
    const shipped = await rules.status(kase, 'RETURN_SHIPPED');
    expect(shipped).toMatchObject({ returnCourier: '顺丰速运', returnTrackingNumber: 'SF1234567890' });

    await rules.skipTo(shipped.returnShippedAt!.getTime() + 10 * DAY + MINUTE);
    expect(await rules.status(kase, 'REFUNDED')).toMatchObject({ closedReason: 'RECEIPT_NOT_CONFIRMED' });
    expect(await rules.refunds(kase)).toEqual([
      expect.objectContaining({ status: 'PAID_BY_PLATFORM', step: 'refund' }),
    ]);
    expect(rules.payments.requests).toBe(0);
  });

  test('a return the warehouse receives before the buyer reports it goes straight to inspection', async () => {
    const kase = await approvedReturn();
    await rules.event(kase, 'return_received', {}, 'warehouse');
    const row = await rules.status(kase, 'INSPECTING');
    expect(row).toMatchObject({ returnTrackingNumber: null });
    expect(await rules.openTask(kase, 'inspect-return')).toMatchObject({ kind: 'inspect_return' });
  });

  test('the buyer may withdraw the request while the return is awaited', async () => {
    const kase = await approvedReturn();
    await rules.event(kase, 'withdrawn');
    expect(await rules.status(kase, 'CLOSED')).toMatchObject({ closedReason: 'WITHDRAWN' });
  });
});

describe('refund (A5)', () => {
  test('a return received is inspected and refunded within 24 hours; the gateway sees one refund although the first call timed out', async () => {
    const kase = await approvedReturn();
    await rules.event(kase, 'return_shipped', { courier: '顺丰速运', trackingNumber: 'SF1234567891' });
    await rules.status(kase, 'RETURN_SHIPPED');
    await rules.skipTo((await t.env.currentTimeMs()) + 2 * DAY);
    await rules.event(kase, 'return_received', {}, 'warehouse');
    const received = await rules.status(kase, 'INSPECTING');
    const receivedAt = received.returnReceivedAt!.getTime();
    expect(await rules.messageIn(kase, 'return-received')).toMatchObject({ template: 'return_received' });

    const inspection = await rules.openTask(kase, 'inspect-return');
    expect(inspection).toMatchObject({ kind: 'inspect_return', queue: 'WAREHOUSE', escalateTo: 'SUPERVISOR' });
    expect(Math.abs(inspection.dueAt.getTime() - (receivedAt + 12 * HOUR))).toBeLessThan(MINUTE);

    // The gateway makes the refund but answers after the client has given up (1 s).
    rules.payments.delayNextResponse(1500);
    await rules.skipTo(receivedAt + 3 * HOUR);
    await rules.complete(kase, 'inspect-return', 'warehouse-zhao', { condition: 'as_sold', restocked: true });

    await rules.status(kase, 'REFUNDED');
    expect(rules.payments.refunds).toEqual([
      expect.objectContaining({ amount: '59.00', caseId: kase.caseId, idempotencyKey: kase.id('refund') }),
    ]);
    expect(rules.payments.requests).toBe(2);
    const [refund] = await rules.refunds(kase);
    expect(refund).toMatchObject({ status: 'PAID', attempts: 2, id: kase.id('refund') });
    expect(refund.paidAt!.getTime() - receivedAt).toBeLessThan(24 * HOUR);
    expect(await rules.messageIn(kase, 'refund-issued')).toMatchObject({ template: 'refund_issued' });
  });

  test('a gateway that keeps failing hands the refund to the supervisor, who pays it by hand', async () => {
    const order = await rules.receivedOrder();
    rules.payments.failNext(100, 503);
    const kase = await rules.open(order, 'REFUND_ONLY', { requestedAmount: '25.00' });
    await rules.openTask(kase, 'respond');
    await rules.complete(kase, 'respond', 'agent-wang', { decision: 'approve' });
    // The retries' back-off (10 s doubling) passes on the test server's clock.
    await rules.skipTo((await t.env.currentTimeMs()) + 10 * MINUTE);

    const task = await rules.openTask(kase, 'refund-settle-1');
    expect(task).toMatchObject({ kind: 'settle_refund', queue: 'SUPERVISOR' });
    expect(rules.payments.requests).toBe(5);
    expect(rules.payments.refunds).toEqual([]);
    expect(await rules.refunds(kase)).toEqual([expect.objectContaining({ status: 'FAILED', attempts: 5 })]);

    await rules.complete(kase, 'refund-settle-1', 'supervisor-chen', {
      action: 'paid_by_hand',
      reference: 'ALIPAY-778899',
    });
    await rules.status(kase, 'REFUNDED');
    expect(await rules.refunds(kase)).toEqual([
      expect.objectContaining({ status: 'PAID_MANUALLY', providerRefundId: 'ALIPAY-778899' }),
    ]);
  });
});

describe('exchange (A4)', () => {
  test('an exchange is shipped by the warehouse after the return is inspected, and the buyer gets the tracking number', async () => {
    const kase = await approvedReturn('EXCHANGE');
    await rules.event(kase, 'return_shipped', { courier: '顺丰速运', trackingNumber: 'SF1234567892' });
    await rules.status(kase, 'RETURN_SHIPPED');
    await rules.event(kase, 'return_received', {}, 'warehouse');
    await rules.openTask(kase, 'inspect-return');
    await rules.complete(kase, 'inspect-return', 'warehouse-zhao', { condition: 'as_sold', restocked: true });

    const ship = await rules.openTask(kase, 'ship-exchange');
    expect(ship).toMatchObject({ kind: 'ship_order', queue: 'WAREHOUSE' });
    await rules.complete(kase, 'ship-exchange', 'warehouse-zhao', {
      courier: '中通快递',
      trackingNumber: '75399990000',
    });
    expect(await rules.status(kase, 'RESOLVED')).toMatchObject({ closedReason: 'EXCHANGED' });
    expect((await rules.messageIn(kase, 'exchange-shipped')).body).toContain('75399990000');
    expect(await rules.refunds(kase)).toEqual([]);
  });
});
