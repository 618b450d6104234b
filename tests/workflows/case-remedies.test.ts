// A6 and A7 on the time-skipping server: the shop's compensation table applied by rule and
// recorded (a coupon, a partial refund paid once, a reissue shipped by the warehouse), the fault
// recorded for reporting, and the case a lost parcel opens from the order's workflow.
import { randomUUID } from 'node:crypto';
import { caseWorkflowId } from '../../workflows/definitions';
import { caseRules, type OpenedCase } from '../helpers/case-rules';
import { DAY, MINUTE } from '../helpers/order-rules';
import { eventually } from '../helpers/eventually';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startTimeSkippingServer, `remedies-${randomUUID()}`);
const shopId = `shop-remedies-${randomUUID().slice(0, 8)}`;
const rules = caseRules(t, shopId);

async function approved(
  type: 'QUALITY_COMPLAINT' | 'SERVICE_COMPLAINT' | 'REISSUE',
  situation: string,
  fault: string,
): Promise<OpenedCase> {
  const order = await rules.receivedOrder();
  const kase = await rules.open(order, type, { situation });
  await rules.openTask(kase, 'respond');
  await rules.complete(kase, 'respond', 'agent-wang', { decision: 'approve', fault });
  return kase;
}

const compensation = (kase: OpenedCase) =>
  eventually(
    () => t.prisma.compensation.findUnique({ where: { id: kase.id('compensation') } }),
    (row) => row !== null,
    'the compensation',
  ).then((row) => row!);

describe('compensation table (A6) and fault (A7)', () => {
  test('a quality defect earns 20% of the order back (within ¥5-¥200), paid once through the gateway', async () => {
    const kase = await approved('QUALITY_COMPLAINT', 'quality_defect', 'PRODUCT');
    expect(await rules.status(kase, 'RESOLVED')).toMatchObject({ fault: 'PRODUCT', closedReason: 'COMPENSATED' });
    const row = await compensation(kase);
    // The sample order's total is 109.00.
    expect(row).toMatchObject({ situation: 'quality_defect', offer: 'PARTIAL_REFUND', currency: 'CNY' });
    expect(row.amount!.toFixed(2)).toBe('21.80');
    expect(rules.payments.refunds).toEqual([
      expect.objectContaining({ amount: '21.80', idempotencyKey: kase.id('compensation') }),
    ]);
    expect(await rules.refunds(kase)).toEqual([expect.objectContaining({ step: 'compensation', status: 'PAID' })]);
    expect(await rules.messageIn(kase, 'compensation-refunded')).toMatchObject({ template: 'refund_issued' });
  });

  test('an unkind agent earns a coupon, recorded with its amount and fault SERVICE', async () => {
    const kase = await approved('SERVICE_COMPLAINT', 'service_attitude', 'SERVICE');
    expect(await rules.status(kase, 'RESOLVED')).toMatchObject({ fault: 'SERVICE' });
    const row = await compensation(kase);
    expect(row).toMatchObject({ offer: 'COUPON' });
    expect(row.amount!.toFixed(2)).toBe('10.00');
    expect((await rules.messageIn(kase, 'compensation-coupon')).body).toContain('10.00');
    expect(rules.payments.refunds).toEqual([]);
  });

  test('a missing item is reissued: the warehouse ships it and the buyer gets the tracking number', async () => {
    const kase = await approved('REISSUE', 'missing_item', 'SERVICE');
    await rules.openTask(kase, 'ship-reissue');
    await rules.complete(kase, 'ship-reissue', 'warehouse-zhao', {
      courier: '中通快递',
      trackingNumber: '75300001111',
    });
    expect(await rules.status(kase, 'RESOLVED')).toMatchObject({ closedReason: 'REISSUED' });
    expect((await rules.messageIn(kase, 'reissue-shipped')).body).toContain('75300001111');
  });
});

describe('a lost parcel (O10 → A1, A6)', () => {
  test("the order's workflow opens a logistics case whose table entry reissues the parcel", async () => {
    const order = await rules.paidOrder();
    await rules.orders.event(order, 'shipped', { courier: '中通快递', trackingNumber: '75312345678909' });
    const shippedAt = (
      await rules.orders.rowWhere(order, (r) => r.status === 'SHIPPED', 'SHIPPED')
    ).shippedAt!.getTime();
    await rules.skipTo(shippedAt + 3 * DAY + MINUTE);
    await rules.orders.taskWhere(order, 'parcel-1', (task) => task.status === 'OPEN', 'open');
    await rules.orders.complete(order, 'parcel-1', 'agent-sun', { finding: 'lost', claimAmount: '109.00' });

    const [opened] = await rules.orders.logged(order, 'case_opened');
    const caseId = `parcel-1-${order.order.orderId}`;
    expect(opened.data).toMatchObject({ caseId, caseType: 'LOGISTICS', rule: 'A1' });
    const kase = rules.adopt(order, caseId);
    expect(kase.handle.workflowId).toBe(caseWorkflowId(shopId, caseId));
    const row = await rules.rowWhere(kase, () => true, 'written');
    expect(row).toMatchObject({
      type: 'LOGISTICS',
      situation: 'lost_parcel',
      channel: 'workflow',
      openedBy: 'agent-sun',
    });

    await rules.openTask(kase, 'respond');
    await rules.complete(kase, 'respond', 'agent-sun', { decision: 'approve', fault: 'COURIER' });
    await rules.openTask(kase, 'ship-reissue');
    expect(await compensation(kase)).toMatchObject({ situation: 'lost_parcel', offer: 'REISSUE', amount: null });
    // Ended while its order still runs: on the Java time-skipping server, a child that ends after
    // its parent has closed leaves time skipping locked for the tests after it.
    await kase.handle.cancel();
    expect(await kase.handle.result()).toMatchObject({ status: 'CLOSED' });
  });
  test("O10/O11 a lost parcel is never received by the platform's clock: the order waits for its case, and the reissue settles it", async () => {
    const order = await rules.paidOrder();
    await rules.orders.event(order, 'shipped', { courier: '中通快递', trackingNumber: '75312345678910' });
    const shippedAt = (
      await rules.orders.rowWhere(order, (r) => r.status === 'SHIPPED', 'SHIPPED')
    ).shippedAt!.getTime();
    await rules.skipTo(shippedAt + 3 * DAY + MINUTE);
    await rules.orders.taskWhere(order, 'parcel-1', (task) => task.status === 'OPEN', 'open');
    await rules.orders.complete(order, 'parcel-1', 'agent-sun', { finding: 'lost', claimAmount: '109.00' });
    const kase = rules.adopt(order, `parcel-1-${order.order.orderId}`);
    await rules.openTask(kase, 'respond');

    // Past the 10 days after which the platform would take it as received.
    await rules.skipTo(shippedAt + 10 * DAY + MINUTE);
    const waiting = await rules.orders.rowWhere(
      order,
      (r) => r.status === 'AWAITING_SETTLEMENT',
      'AWAITING_SETTLEMENT',
    );
    expect(waiting.receivedAt).toBeNull();
    expect(await rules.orders.log(order, 'status AWAITING_SETTLEMENT')).toEqual([
      expect.objectContaining({ reason: expect.stringContaining(`case ${kase.caseId}`) }),
    ]);
    expect(await rules.orders.log(order, 'status RECEIVED')).toEqual([]);

    // Nobody answered, so the platform approved the case at 5 days; the warehouse ships the reissue.
    await rules.openTask(kase, 'ship-reissue');
    await rules.complete(kase, 'ship-reissue', 'warehouse-chen', {
      courier: '中通快递',
      trackingNumber: '75312345678911',
    });
    expect(await kase.handle.result()).toMatchObject({ status: 'RESOLVED', closedReason: 'COMPENSATED' });
    await rules.orders.rowWhere(order, (r) => r.status === 'RECEIVED', 'RECEIVED once its case ended');
    expect(await rules.orders.log(order, 'status RECEIVED')).toEqual([
      expect.objectContaining({ actor: 'workflow', reason: `case ${kase.caseId} ended RESOLVED (COMPENSATED)` }),
    ]);
  });
});
