// Issue 14, what ops see in the Web UI, on the time-skipping server at real default durations:
// the Attention flags appear in a workflow's search attributes while their condition lasts (a late
// shipment, a problem parcel, an overdue and escalated task, a late case) and go when it ends;
// every workflow type carries ShopId; timer summaries read on the shop's clock; the stack trace
// names the rule that waits.
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import {
  AttentionAttribute,
  reviewRepairWorkflowId,
  ShopIdAttribute,
  type AttentionFlag,
} from '../../workflows/definitions';
import { wallClock } from '../../workflows/shop-clock';
import { caseRules } from '../helpers/case-rules';
import { eventually } from '../helpers/eventually';
import { DAY, HOUR, MINUTE, orderRules, type PlacedOrder } from '../helpers/order-rules';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startTimeSkippingServer, `ops-${randomUUID()}`);
const shopId = `shop-ops-${randomUUID().slice(0, 8)}`;
const rules = orderRules(t, shopId);
const caseShopId = `shop-ops-case-${randomUUID().slice(0, 8)}`;
const cases = caseRules(t, caseShopId);

const attentionOf = async (handle: WorkflowHandle): Promise<AttentionFlag[]> =>
  ((await handle.describe()).typedSearchAttributes.get(AttentionAttribute) ?? []) as AttentionFlag[];

/** Waits until the workflow's Attention attribute holds exactly `flags` (in the vocabulary's order). */
const attentionIs = (handle: WorkflowHandle, flags: AttentionFlag[]) =>
  eventually(
    () => attentionOf(handle),
    (shown) => shown.join() === flags.join(),
    `Attention = [${flags.join(', ')}] on ${handle.workflowId}`,
  );

/** The summaries of the timers the workflow has started, as the Web UI shows them. */
async function timerSummaries(handle: WorkflowHandle): Promise<string[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? [])
    .filter(
      (event: temporal.api.history.v1.IHistoryEvent) =>
        event.timerStartedEventAttributes && event.userMetadata?.summary?.data,
    )
    .map((event) => JSON.parse(Buffer.from(event.userMetadata!.summary!.data!).toString('utf8')) as string);
}

async function paidAt(hhmm: string): Promise<PlacedOrder> {
  const placed = await rules.place(hhmm);
  await rules.event(placed, 'paid');
  await rules.rowWhere(placed, (r) => r.status === 'AWAITING_SHIPMENT', 'AWAITING_SHIPMENT');
  return placed;
}

async function shipped(): Promise<PlacedOrder & { shippedAt: number }> {
  const placed = await paidAt('10:00');
  await rules.event(placed, 'shipped', { courier: '中通快递', trackingNumber: '75312345678901' });
  const row = await rules.rowWhere(placed, (r) => r.status === 'SHIPPED', 'SHIPPED');
  return { ...placed, shippedAt: row.shippedAt!.getTime() };
}

describe('Attention on orders', () => {
  test('O8 a late order is LATE_TO_SHIP from the cut-off, its warehouse task TASK_OVERDUE and TASK_ESCALATED from 24 h, and nothing once it ships', async () => {
    const placed = await paidAt('15:00');
    await rules.skipTo(placed.placedAt + 1.5 * HOUR - MINUTE);
    await rules.caughtUp(placed);
    expect(await attentionOf(placed.handle)).toEqual([]);

    await rules.skipTo(placed.placedAt + 1.5 * HOUR + MINUTE);
    await rules.taskWhere(placed, 'ship-order', (task) => task.status === 'OPEN', 'open');
    await attentionIs(placed.handle, ['LATE_TO_SHIP']);

    await rules.skipTo(placed.placedAt + 24 * HOUR + MINUTE);
    await rules.taskWhere(placed, 'ship-order', (task) => task.escalatedAt !== null, 'escalated');
    await attentionIs(placed.handle, ['LATE_TO_SHIP', 'TASK_OVERDUE', 'TASK_ESCALATED']);
    // T1: the task's due time on the shop's clock, with the zone's name (paid 15:00, due 24 h later).
    expect(await timerSummaries(placed.handle)).toContain(
      `ship_order task due at ${localDayAfter(placed.placedAt)} 15:00 (Asia/Shanghai)`,
    );

    await rules.event(placed, 'shipped', { courier: '顺丰速运', trackingNumber: 'SF1234567890' });
    await rules.rowWhere(placed, (r) => r.status === 'SHIPPED', 'SHIPPED');
    await attentionIs(placed.handle, []);
  });

  test('O10 a parcel without scans for 3 days is a PROBLEM_PARCEL until the agent finds it moving again', async () => {
    const order = await shipped();
    await rules.skipTo(order.shippedAt + 3 * DAY + MINUTE);
    await rules.taskWhere(order, 'parcel-1', (task) => task.status === 'OPEN', 'open');
    await attentionIs(order.handle, ['PROBLEM_PARCEL']);
    // (The Java time-skipping server has no visibility list; the integration tests ask the dev server with `Attention = ...`.)

    await rules.complete(order, 'parcel-1', 'agent-sun', { finding: 'moving' });
    await rules.logged(order, 'parcel_finding');
    await attentionIs(order.handle, []);
  });
});

describe('Attention on after-sales cases', () => {
  test('A2 a first response past its 2 hours is CASE_LATE, TASK_OVERDUE and TASK_ESCALATED until the agent answers', async () => {
    const order = await cases.receivedOrder();
    const kase = await cases.open(order, 'RETURN_REFUND', { situation: 'quality_defect', requestedAmount: '59.00' });
    const openedAt = (await cases.row(kase)).openedAt.getTime();
    await cases.openTask(kase, 'respond');
    await cases.skipTo(openedAt + 2 * HOUR - MINUTE);
    await cases.caughtUp(kase);
    expect(await attentionOf(kase.handle)).toEqual([]);

    await cases.skipTo(openedAt + 2 * HOUR + MINUTE);
    await cases.taskWhere(kase, 'respond', (task) => task.queue === 'SUPERVISOR', 'escalated');
    await attentionIs(kase.handle, ['TASK_OVERDUE', 'TASK_ESCALATED', 'CASE_LATE']);
    expect((await kase.handle.describe()).typedSearchAttributes.get(ShopIdAttribute)).toBe(caseShopId);

    await cases.complete(kase, 'respond', 'agent-wang', { decision: 'approve', fault: 'PRODUCT' });
    await cases.status(kase, 'AWAITING_RETURN');
    await attentionIs(kase.handle, []);
  });
});

describe('the stack trace the Web UI shows', () => {
  // workflows/stack-trace-depth.ts: the SDK captures a stack for every promise workflow code makes,
  // so fewer frames is less CPU per order; the frames kept must still say which rule waits.
  test('an unpaid order names the rule that waits for payment, in three frames at most per pending promise', async () => {
    const placed = await rules.place('10:00');
    await rules.caughtUp(placed);
    const trace = await placed.handle.query<string>('__stack_trace');
    expect(trace).toContain('workflows/order-payment.ts');
    const frames = trace
      .split('\n\n')
      .map((stack) => stack.split('\n').filter((line) => line.trim().startsWith('at ')).length);
    // Its five frames less the SDK hook's own two (importing the module here would cut this process's stacks too).
    expect(Math.max(...frames)).toBeLessThanOrEqual(3);
  });
});

describe('ShopId on every workflow type', () => {
  // Last in the file: the repair outlives its order, and on the Java time-skipping server a child
  // that ends after its parent closed leaves time skipping locked for whatever follows.
  test('O12/R2 the review repair a bad review starts carries its shop, and its repair task late by a week shows TASK_OVERDUE and TASK_ESCALATED', async () => {
    const order = await shipped();
    await rules.event(order, 'receipt_confirmed', {}, { actor: 'buyer' });
    await rules.rowWhere(order, (r) => r.status === 'RECEIVED', 'RECEIVED');
    await rules.event(order, 'review_posted', { rating: 'negative' }, { actor: 'buyer' });
    await rules.rowWhere(order, (r) => r.status === 'COMPLETED', 'COMPLETED');
    expect((await order.handle.describe()).typedSearchAttributes.get(ShopIdAttribute)).toBe(shopId);

    const repair = t.env.client.workflow.getHandle(reviewRepairWorkflowId(shopId, order.order.orderId));
    const task = await eventually(
      () => t.prisma.task.findUnique({ where: { id: `${repair.workflowId}:repair` } }),
      (row) => row !== null,
      'the repair task',
    );
    expect((await repair.describe()).typedSearchAttributes.get(ShopIdAttribute)).toBe(shopId);

    await rules.skipTo(task!.dueAt.getTime() + MINUTE);
    await eventually(
      () => t.prisma.task.findUnique({ where: { id: task!.id } }),
      (row) => row?.queue === 'SUPERVISOR',
      'the repair task escalated',
    );
    await attentionIs(repair, ['TASK_OVERDUE', 'TASK_ESCALATED']);
    await repair.cancel();
    await repair.result();
    // A closed workflow needs nobody's attention.
    await attentionIs(repair, []);
  });
});

/** The shop's (Shanghai) date of the day after `at`. */
function localDayAfter(at: number): string {
  return wallClock(at + DAY, 'Asia/Shanghai').date;
}
