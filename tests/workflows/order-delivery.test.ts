// O10-O12 on the time-skipping server at their real default durations: parcel tracking with
// problem parcels and courier claims, receipt (by the buyer or after 10 days), the review window
// and the hand-off of a bad review to review repair.
import { randomUUID } from 'node:crypto';
import { caseWorkflowId, reviewRepairWorkflowId } from '../../workflows/definitions';
import { DAY, MINUTE, orderRules, type PlacedOrder } from '../helpers/order-rules';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';
import { eventually } from '../helpers/eventually';

const t = runWorkerDuringTests(startTimeSkippingServer, `orders-${randomUUID()}`);
const shopId = `shop-track-${randomUUID().slice(0, 8)}`;
const rules = orderRules(t, shopId);

/** An order placed, paid and shipped at 10:00 on the shop's clock; returns it with the time it shipped. */
async function shipped(): Promise<PlacedOrder & { shippedAt: number }> {
  const placed = await rules.place('10:00');
  await rules.event(placed, 'paid');
  await rules.rowWhere(placed, (r) => r.status === 'AWAITING_SHIPMENT', 'AWAITING_SHIPMENT');
  await rules.event(placed, 'shipped', { courier: '中通快递', trackingNumber: '75312345678901' });
  const row = await rules.rowWhere(placed, (r) => r.status === 'SHIPPED', 'SHIPPED');
  return { ...placed, shippedAt: row.shippedAt!.getTime() };
}

/**
 * A lost parcel opens an after-sales case as the order's child (A1). It is ended while the order
 * still runs: on the Java time-skipping server, a child that ends after its parent has closed
 * leaves time skipping locked, and every later clock move waits in real time.
 */
async function endParcelCase(order: PlacedOrder, n: number): Promise<void> {
  const kase = t.env.client.workflow.getHandle(caseWorkflowId(shopId, `parcel-${n}-${order.order.orderId}`));
  await eventually(
    () =>
      kase.describe().then(
        () => true,
        () => false,
      ),
    (found) => found,
    'the parcel case',
  );
  await kase.cancel();
  expect(await kase.result()).toMatchObject({ status: 'CLOSED', closedReason: 'CANCELLED_BY_OPERATOR' });
}

describe('parcel tracking (O10)', () => {
  test('a parcel with no scan for 3 days opens a logistics task; a lost parcel becomes a courier claim', async () => {
    const order = await shipped();
    await rules.skipTo(order.shippedAt + 3 * DAY - MINUTE);
    await rules.caughtUp(order);
    expect(await rules.task(order, 'parcel-1')).toBeNull();

    await rules.skipTo(order.shippedAt + 3 * DAY + MINUTE);
    const task = await rules.taskWhere(order, 'parcel-1', (task) => task.status === 'OPEN', 'open');
    expect(task).toMatchObject({
      kind: 'follow_parcel',
      queue: 'AFTER_SALES',
      escalateTo: 'SUPERVISOR',
      details: expect.objectContaining({ reason: 'no scan for 3d', trackingNumber: '75312345678901' }),
    });
    const [problem] = await rules.logged(order, 'parcel_problem');
    expect(problem).toMatchObject({ kind: 'CHANGE', reason: 'no scan for 3d' });
    expect(await rules.messageIn(order, 'parcel-problem-1', ['SENT'])).toMatchObject({ template: 'parcel_problem' });

    await rules.complete(order, 'parcel-1', 'agent-sun', { finding: 'lost', claimAmount: '109.00' });
    const claim = await eventually(
      () => t.prisma.courierClaim.findUnique({ where: { id: order.id('claim-1') } }),
      (c) => c !== null,
      'the claim',
    );
    expect(claim).toMatchObject({
      shopId,
      orderId: order.order.orderId,
      courier: '中通快递',
      trackingNumber: '75312345678901',
      reason: 'lost',
      status: 'OPEN',
    });
    expect(claim!.amount!.toFixed(2)).toBe('109.00');
    await endParcelCase(order, 1);
  });

  test('O10/O11 a parcel returned to the sender opens a case to reissue it, and is not received by the clock; the buyer confirming the new parcel receives it', async () => {
    const order = await shipped();
    await rules.event(order, 'tracking_scanned', { scan: 'returned' }, { actor: 'courier' });
    await rules.taskWhere(order, 'parcel-1', (task) => task.status === 'OPEN', 'open');
    await rules.complete(order, 'parcel-1', 'agent-sun', { finding: 'returned' });
    const [opened] = await rules.logged(order, 'case_opened');
    expect(opened.data).toMatchObject({ caseId: `parcel-1-${order.order.orderId}`, caseType: 'LOGISTICS' });
    expect(
      await t.prisma.afterSalesCase.findUniqueOrThrow({
        where: { shopId_caseId: { shopId, caseId: `parcel-1-${order.order.orderId}` } },
      }),
    ).toMatchObject({ situation: 'returned_parcel' });

    await rules.skipTo(order.shippedAt + 10 * DAY + MINUTE);
    await rules.rowWhere(order, (r) => r.status === 'AWAITING_SETTLEMENT', 'AWAITING_SETTLEMENT');
    expect(await rules.log(order, 'status RECEIVED')).toEqual([]);

    await rules.event(order, 'receipt_confirmed', {}, { actor: 'buyer' });
    await rules.rowWhere(order, (r) => r.status === 'RECEIVED', 'RECEIVED');
    expect(await rules.log(order, 'status RECEIVED')).toEqual([
      expect.objectContaining({ actor: 'buyer', reason: 'the buyer confirmed receipt' }),
    ]);
    await endParcelCase(order, 1);
  });

  test('each scan restarts the 3 days; a problem scan from the courier is followed at once', async () => {
    const order = await shipped();
    await rules.skipTo(order.shippedAt + 2 * DAY);
    await rules.event(order, 'tracking_scanned', { scan: 'in_transit' }, { actor: 'courier' });
    await rules.stateWhere(order, (s) => s.log.some((entry) => entry.what === 'event tracking_scanned'), 'the scan');
    await rules.skipTo(order.shippedAt + 4 * DAY);
    await rules.caughtUp(order);
    expect(await rules.task(order, 'parcel-1')).toBeNull();

    await rules.event(order, 'tracking_scanned', { scan: 'damaged' }, { actor: 'courier' });
    const task = await rules.taskWhere(order, 'parcel-1', (task) => task.status === 'OPEN', 'open');
    expect(task.details).toMatchObject({ reason: 'damaged' });
  });
});

describe('receipt and review (O11, O12)', () => {
  test("without the buyer's confirmation, received 10 days after shipping; without a review in 15 days, completed with the default positive one", async () => {
    const order = await shipped();
    await rules.event(order, 'delivered', {}, { actor: 'courier' });
    await rules.rowWhere(order, (r) => r.status === 'DELIVERED', 'DELIVERED');
    await rules.skipTo(order.shippedAt + 10 * DAY - MINUTE);
    await rules.caughtUp(order);
    expect((await rules.row(order)).status).toBe('DELIVERED');

    await rules.skipTo(order.shippedAt + 10 * DAY + MINUTE);
    const received = await rules.rowWhere(order, (r) => r.status === 'RECEIVED', 'RECEIVED');
    expect(await rules.log(order, 'status RECEIVED')).toEqual([
      expect.objectContaining({ actor: 'platform', reason: 'no confirmation within 10d of shipping' }),
    ]);

    await rules.skipTo(received.receivedAt!.getTime() + 15 * DAY + MINUTE);
    await rules.rowWhere(order, (r) => r.status === 'COMPLETED', 'COMPLETED');
    expect(await rules.log(order, 'review_defaulted')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ rating: 'positive' }) }),
    ]);
    expect(await order.handle.result()).toMatchObject({ status: 'COMPLETED', deadlines: [] });
  });

  test('a negative review hands off to review repair: the buyer is contacted at once and an agent gets a week', async () => {
    const order = await shipped();
    await rules.event(order, 'receipt_confirmed', {}, { actor: 'buyer' });
    await rules.rowWhere(order, (r) => r.status === 'RECEIVED', 'RECEIVED');
    await rules.event(order, 'review_posted', { rating: 'negative' }, { actor: 'buyer' });
    await rules.rowWhere(order, (r) => r.status === 'COMPLETED', 'COMPLETED');

    const [handOff] = await rules.logged(order, 'review_repair_started');
    const caseId = reviewRepairWorkflowId(shopId, order.order.orderId);
    expect(handOff.data).toMatchObject({ rating: 'negative', caseWorkflowId: caseId });
    const contact = await eventually(
      () => t.prisma.message.findUnique({ where: { id: `${caseId}:contact:WEBHOOK` } }),
      (m) => m?.status === 'SENT',
      'the contact',
    );
    expect(contact).toMatchObject({ template: 'review_repair_contact', orderId: order.order.orderId });
    const task = await eventually(
      () => t.prisma.task.findUnique({ where: { id: `${caseId}:repair` } }),
      (task) => task !== null,
      'the repair task',
    );
    expect(task).toMatchObject({ kind: 'repair_review', queue: 'AFTER_SALES', escalateTo: 'SUPERVISOR' });
    expect(Math.abs(task!.dueAt.getTime() - contact!.sentAt!.getTime() - 7 * DAY)).toBeLessThan(MINUTE);
    expect((await t.env.client.workflow.getHandle(caseId).describe()).status.name).toBe('RUNNING');
    await t.env.client.workflow.getHandle(caseId).cancel();
  });
});
