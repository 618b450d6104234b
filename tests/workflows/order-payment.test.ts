// O1-O4 and O13 on the time-skipping server at their real default durations and shop-clock
// times, with the real activities, PostgreSQL and the webhook peer (the platform's chat).
import { randomUUID } from 'node:crypto';
import { BuyerTierAttribute, NextDeadlineAttribute, OrderStatusAttribute } from '../../workflows/definitions';
import { eventually } from '../helpers/eventually';
import { HOUR, MINUTE, orderRules, shopTime, type PlacedOrder } from '../helpers/order-rules';
import { skipToLocalTime } from '../helpers/shop-clock';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';
import { commandRecord } from '../replay/command-record';

const t = runWorkerDuringTests(startTimeSkippingServer, `orders-${randomUUID()}`);
const shopId = `shop-pay-${randomUUID().slice(0, 8)}`;
const rules = orderRules(t, shopId);

async function timerSummaries(placed: PlacedOrder): Promise<string[]> {
  const { events } = await placed.handle.fetchHistory();
  const converter = t.env.client.options.loadedDataConverter.payloadConverter;
  return (events ?? []).flatMap((event) =>
    event.timerStartedEventAttributes && event.userMetadata?.summary
      ? [converter.fromPayload<string>(event.userMetadata.summary)]
      : [],
  );
}

describe('an unpaid online order (O1-O3)', () => {
  test('placed at 10:00: cut-off reminder at 15:30, the 12 h one held through quiet hours to 08:00, a chase task at 24 h, closed at 72 h', async () => {
    const placed = await rules.place('10:00');

    // O1: placed early enough that day, reminded an hour before the 16:30 cut-off.
    await rules.skipTo(placed.placedAt + 5.5 * HOUR + MINUTE);
    const cutoffReminder = await rules.messageIn(placed, 'payment-reminder-1', ['SENT']);
    expect(cutoffReminder).toMatchObject({ template: 'payment_reminder_cutoff', audience: 'BUYER' });
    expect(shopTime(cutoffReminder.sentAt!)).toBe('15:30');
    expect(cutoffReminder.body).toContain('16:30');

    // O1 + M3: the 12 h reminder falls at 22:00, inside quiet hours, so it waits for 08:00.
    await rules.skipTo(placed.placedAt + 12 * HOUR + MINUTE);
    const held = await rules.messageIn(placed, 'payment-reminder-2', ['HELD']);
    expect(shopTime(held.heldUntil!)).toBe('08:00');
    await rules.skipTo(placed.placedAt + 22 * HOUR + MINUTE);
    const twelveHours = await rules.messageIn(placed, 'payment-reminder-2', ['SENT']);
    expect(twelveHours.template).toBe('payment_reminder');
    expect(shopTime(twelveHours.sentAt!)).toBe('08:00');

    // O2: a day unpaid, a chase task in the shared queue, for any agent, due at the auto-close.
    await rules.skipTo(placed.placedAt + 24 * HOUR + MINUTE);
    const chase = await rules.taskWhere(placed, 'chase-payment', (task) => task.status === 'OPEN', 'open');
    expect(chase).toMatchObject({ kind: 'chase_payment', queue: 'PRE_SALES', assignee: null });
    expect(chase.dueAt.getTime()).toBe(placed.placedAt + 72 * HOUR);
    const { typedSearchAttributes } = await placed.handle.describe();
    expect(typedSearchAttributes.get(NextDeadlineAttribute)?.getTime()).toBe(placed.placedAt + 72 * HOUR);
    expect((await rules.state(placed)).deadlines).toEqual([
      expect.objectContaining({
        rule: 'O3',
        what: 'auto-close',
        at: new Date(placed.placedAt + 72 * HOUR).toISOString(),
      }),
    ]);
    // What ops see in the Web UI: the timer's summary and the workflow's current details.
    const closesAt = `${new Date(placed.placedAt + 72 * HOUR + 8 * HOUR).toISOString().slice(0, 10)} 10:00 (Asia/Shanghai)`;
    expect(await timerSummaries(placed)).toContain(`O3 auto-close at ${closesAt}`);
    const metadata = await placed.handle.query<{ currentDetails: string }>('__temporal_workflow_metadata');
    expect(metadata.currentDetails).toContain(`O3 auto-close at ${closesAt}`);

    // O3: closed at 72 h; the chase task is withdrawn; never more than 2 reminders, none in quiet hours.
    await rules.skipTo(placed.placedAt + 72 * HOUR + MINUTE);
    const row = await rules.rowWhere(placed, (r) => r.status === 'CANCELLED', 'CANCELLED');
    expect(row.closedReason).toBe('UNPAID');
    expect((await rules.task(placed, 'chase-payment'))?.status).toBe('CANCELLED');
    const reminders = (await rules.buyerMessages(placed)).filter((m) => m.template.startsWith('payment_reminder'));
    expect(reminders).toHaveLength(2);
    for (const message of reminders)
      expect(shopTime(message.sentAt!) >= '08:00' && shopTime(message.sentAt!) < '22:00').toBe(true);
    expect((await placed.handle.describe()).typedSearchAttributes.get(OrderStatusAttribute)).toBe('CANCELLED');
  });

  test('placed at 17:00, after the cut-off: only the 12 h reminder (O1), and paying stops the follow-ups', async () => {
    const placed = await rules.place('17:00');
    await rules.skipTo(placed.placedAt + 12 * HOUR + MINUTE); // 05:01, quiet hours
    expect((await rules.message(placed, 'payment-reminder-1'))?.status).toBe('HELD');
    await rules.event(placed, 'paid');
    await rules.rowWhere(placed, (r) => r.status === 'AWAITING_SHIPMENT', 'AWAITING_SHIPMENT');
    expect(await rules.message(placed, 'payment-reminder-1')).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'CANCELLED',
    });
    await rules.skipTo(placed.placedAt + 25 * HOUR);
    await rules.caughtUp(placed);
    expect(await rules.task(placed, 'chase-payment')).toBeNull();
    expect((await rules.buyerMessages(placed)).filter((m) => m.template === 'payment_reminder_cutoff')).toHaveLength(0);
  });

  test('O2: the agent whose chase reached the buyer gets the credit when they pay', async () => {
    const placed = await rules.place('10:00');
    await rules.skipTo(placed.placedAt + 24 * HOUR + MINUTE);
    await rules.taskWhere(placed, 'chase-payment', (task) => task.status === 'OPEN', 'open');
    await rules.complete(placed, 'chase-payment', 'agent-wang', { reached: true, note: 'will pay tonight' });
    await rules.event(placed, 'paid');
    const row = await rules.rowWhere(placed, (r) => r.status === 'AWAITING_SHIPMENT', 'paid');
    expect(row.creditedAgent).toBe('agent-wang');
    expect(await rules.log(placed, 'payment_credited')).toEqual([
      expect.objectContaining({ actor: 'agent-wang', kind: 'CHANGE' }),
    ]);
  });

  test('O3: a look-alike order of the same buyer opens a task to confirm, and the agent closes the earlier one', async () => {
    const buyer = { id: `buyer-${randomUUID().slice(0, 8)}`, name: '张三', phone: '13800000000' };
    const first = await rules.place('10:00', { buyer });
    await rules.skipTo(first.placedAt + 10 * MINUTE);
    const second = await rules.place(undefined, { buyer });

    const task = await rules.taskWhere(second, 'confirm-duplicate', (task) => task.status === 'OPEN', 'open');
    expect(task.details).toMatchObject({ otherOrderId: first.order.orderId });
    expect(await rules.messageIn(second, 'duplicate-check', ['SENT'])).toMatchObject({
      template: 'duplicate_order_check',
    });
    expect(await rules.task(first, 'confirm-duplicate')).toBeNull();

    await rules.complete(second, 'confirm-duplicate', 'agent-li', { close: 'other' });
    expect(await rules.rowWhere(first, (r) => r.status === 'CANCELLED', 'closed')).toMatchObject({
      closedReason: 'DUPLICATE',
    });
    expect(await rules.log(first, 'status CANCELLED')).toEqual([expect.objectContaining({ actor: 'agent-li' })]);
    expect((await rules.row(second)).status).toBe('AWAITING_PAYMENT');
  });

  test('O3: two look-alike orders placed in the same second (a double click) are a suspected duplicate: the later id asks about the earlier', async () => {
    const buyer = { id: `buyer-${randomUUID().slice(0, 8)}`, name: '张三', phone: '13800000000' };
    const placedAt = new Date(await skipToLocalTime(t.env, '10:00')).toISOString();
    const both = await Promise.all([
      rules.place(undefined, { buyer, placedAt }),
      rules.place(undefined, { buyer, placedAt }),
    ]);
    const [earlier, later] = both.sort((a, b) => a.order.orderId.localeCompare(b.order.orderId));

    const task = await rules.taskWhere(later, 'confirm-duplicate', (task) => task.status === 'OPEN', 'open');
    expect(task.details).toMatchObject({ otherOrderId: earlier.order.orderId });
    // The earlier order's own check has run and found nothing to ask.
    // A local activity, recorded once it has returned.
    const checked = async () =>
      commandRecord(await earlier.handle.fetchHistory()).includes('local activity findDuplicateOrder');
    await eventually(checked, (done) => done, 'the earlier order to have looked for a duplicate');
    expect(await rules.log(earlier, 'duplicate_suspected')).toEqual([]);
    expect(await rules.task(earlier, 'confirm-duplicate')).toBeNull();
  });
});

describe('a cash-on-delivery order (O4)', () => {
  test('is confirmed at once by message and call, escalated when the call is late, and does not ship before the buyer agrees', async () => {
    const placed = await rules.place('10:00', { paymentMethod: 'CASH_ON_DELIVERY' });
    expect(await rules.messageIn(placed, 'cod-confirmation', ['SENT'])).toMatchObject({
      template: 'cash_on_delivery_confirmation',
    });
    const call = await rules.taskWhere(placed, 'cod-call-1', (task) => task.status === 'OPEN', 'open');
    expect(call).toMatchObject({ kind: 'call_buyer', queue: 'PRE_SALES', escalateTo: 'SUPERVISOR' });
    expect(call.dueAt.getTime() - placed.placedAt).toBeGreaterThanOrEqual(2 * HOUR);
    expect(call.dueAt.getTime() - placed.placedAt).toBeLessThan(2 * HOUR + MINUTE);

    await rules.skipTo(placed.placedAt + 2 * HOUR + MINUTE);
    await rules.taskWhere(
      placed,
      'cod-call-1',
      (task) => task.queue === 'SUPERVISOR' && task.escalatedAt !== null,
      'escalated',
    );

    // Past the day's cut-off: nothing asks the warehouse to ship, nothing says it is late.
    await rules.skipTo(placed.placedAt + 7 * HOUR);
    await rules.caughtUp(placed);
    expect(await rules.task(placed, 'ship-order')).toBeNull();
    expect(await rules.message(placed, 'address-confirmation')).toBeNull();
    expect(await rules.state(placed)).toMatchObject({ status: 'AWAITING_COD_CONFIRMATION', lateToShip: false });

    await rules.complete(placed, 'cod-call-1', 'supervisor-zhao', { reached: true, answer: 'agreed' });
    await rules.rowWhere(placed, (r) => r.status === 'AWAITING_SHIPMENT', 'AWAITING_SHIPMENT');
    expect(await rules.log(placed, 'cod_confirmed')).toEqual([expect.objectContaining({ actor: 'supervisor-zhao' })]);
  });

  test('a buyer who declines the price closes the order, and the open call is withdrawn', async () => {
    const placed = await rules.place('10:00', { paymentMethod: 'CASH_ON_DELIVERY' });
    await rules.taskWhere(placed, 'cod-call-1', (task) => task.status === 'OPEN', 'open');
    await rules.event(placed, 'buyer_replied', { about: 'cash_on_delivery', answer: 'declined' }, { actor: 'buyer' });
    expect(await rules.rowWhere(placed, (r) => r.status === 'CANCELLED', 'closed')).toMatchObject({
      closedReason: 'COD_DECLINED',
    });
    expect((await rules.task(placed, 'cod-call-1'))?.status).toBe('CANCELLED');
  });
});

describe('buyer tiers (O13)', () => {
  test("a VIP buyer gets an agent's call instead of a payment-reminder message", async () => {
    const placed = await rules.place('10:00', {
      buyer: { id: `vip-${randomUUID().slice(0, 8)}`, name: '王五', tier: 'VIP' },
    });
    expect((await placed.handle.describe()).typedSearchAttributes.get(BuyerTierAttribute)).toBe('VIP');
    await rules.skipTo(placed.placedAt + 5.5 * HOUR + MINUTE);
    const call = await rules.taskWhere(placed, 'payment-reminder-1', (task) => task.status === 'OPEN', 'open');
    expect(call).toMatchObject({ kind: 'call_buyer', queue: 'PRE_SALES' });
    expect(await rules.message(placed, 'payment-reminder-1')).toBeNull();
  });

  test("an agent's tier change is recorded, searchable, and changes the next reminder", async () => {
    const placed = await rules.place('10:00');
    await rules.event(
      placed,
      'tier_changed',
      { tier: 'VIP' },
      { actor: 'agent-li', reason: 'repeat buyer, 12 orders this year' },
    );
    await rules.rowWhere(placed, (r) => r.buyerTier === 'VIP', 'VIP');
    expect((await placed.handle.describe()).typedSearchAttributes.get(BuyerTierAttribute)).toBe('VIP');
    await rules.skipTo(placed.placedAt + 5.5 * HOUR + MINUTE);
    await rules.taskWhere(placed, 'payment-reminder-1', (task) => task.kind === 'call_buyer', 'a call');
  });
});
