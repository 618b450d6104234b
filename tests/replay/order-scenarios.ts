// The main order scenarios, each driven through its events at real default durations. The
// recorder keeps their histories (replayed by replay.test.ts) and command records (compared by
// order-golden.test.ts, see command-record.ts): replay catches a changed sequence, the record a
// renamed activity or a changed duration, which replay lets through.
import { DAY, HOUR, MINUTE, type orderRules, type PlacedOrder } from '../helpers/order-rules';

type Rules = ReturnType<typeof orderRules>;

async function shipAndReview(rules: Rules, placed: PlacedOrder, rating: 'positive' | 'negative') {
  await rules.event(placed, 'shipped', { courier: '中通快递', trackingNumber: '75312345678901' });
  await rules.messageIn(placed, 'shipment-notice', ['SENT']);
  await rules.event(placed, 'delivered', {}, { actor: 'courier' });
  await rules.rowWhere(placed, (r) => r.status === 'DELIVERED', 'DELIVERED');
  await rules.event(placed, 'receipt_confirmed', {}, { actor: 'buyer' });
  await rules.rowWhere(placed, (r) => r.status === 'RECEIVED', 'RECEIVED');
  await rules.event(placed, 'review_posted', { rating }, { actor: 'buyer' });
  await rules.rowWhere(placed, (r) => r.status === 'COMPLETED', 'COMPLETED');
}

async function pay(rules: Rules, placed: PlacedOrder) {
  await rules.event(placed, 'paid');
  await rules.messageIn(placed, 'address-confirmation', ['SENT']);
}

type Scenario = (rules: Rules) => Promise<PlacedOrder>;

/**
 * Each scenario ends once its order's workflow has closed, not when the row says so: the row is
 * written by a local activity inside the last workflow task, and the history holds that task's
 * markers only once the task completes.
 */
function untilClosed(scenario: Scenario): Scenario {
  return async (rules) => {
    const placed = await scenario(rules);
    await placed.handle.result();
    return placed;
  };
}

const RUNS: Record<string, Scenario> = {
  /** O1-O3: placed at 10:00 and never paid. */
  'online-unpaid-closed': async (rules) => {
    const placed = await rules.place('10:00');
    await rules.skipTo(placed.placedAt + 5.5 * HOUR + MINUTE);
    await rules.messageIn(placed, 'payment-reminder-1', ['SENT']);
    await rules.skipTo(placed.placedAt + 22 * HOUR + MINUTE);
    await rules.messageIn(placed, 'payment-reminder-2', ['SENT']);
    await rules.skipTo(placed.placedAt + 24 * HOUR + MINUTE);
    await rules.taskWhere(placed, 'chase-payment', (task) => task.status === 'OPEN', 'open');
    await rules.skipTo(placed.placedAt + 72 * HOUR + MINUTE);
    await rules.rowWhere(placed, (r) => r.status === 'CANCELLED', 'CANCELLED');
    return placed;
  },
  /** O5, O9, O11: paid at 10:00, shipped the same day, received, reviewed well. */
  'online-shipped-reviewed': async (rules) => {
    const placed = await rules.place('10:00');
    await pay(rules, placed);
    await rules.skipTo(placed.placedAt + 2 * HOUR + MINUTE);
    await rules.logged(placed, 'courier_chosen');
    await shipAndReview(rules, placed, 'positive');
    return placed;
  },
  /** O8: paid at 15:00, warned at the cut-off, escalated at 24 h, apologised at 48 h, then shipped. */
  'online-late-shipment': async (rules) => {
    const placed = await rules.place('15:00');
    await pay(rules, placed);
    await rules.skipTo(placed.placedAt + 48 * HOUR + MINUTE);
    await rules.messageIn(placed, 'late-shipment-apology', ['SENT']);
    await shipAndReview(rules, placed, 'positive');
    return placed;
  },
  /** O4, O10, O12: cash on delivery confirmed by a call, a parcel without scans, a bad review. */
  'cod-problem-parcel-bad-review': async (rules) => {
    const placed = await rules.place('10:00', { paymentMethod: 'CASH_ON_DELIVERY' });
    await rules.taskWhere(placed, 'cod-call-1', (task) => task.status === 'OPEN', 'open');
    await rules.messageIn(placed, 'cod-confirmation', ['SENT']);
    await rules.complete(placed, 'cod-call-1', 'agent-li', { reached: true, answer: 'agreed' });
    await rules.messageIn(placed, 'address-confirmation', ['SENT']);
    await rules.skipTo(placed.placedAt + 2 * HOUR + MINUTE);
    await rules.logged(placed, 'courier_chosen');
    await rules.event(placed, 'shipped', { courier: '中通快递', trackingNumber: '75312345678902' });
    const shippedAt = (await rules.rowWhere(placed, (r) => r.status === 'SHIPPED', 'SHIPPED')).shippedAt!.getTime();
    await rules.messageIn(placed, 'shipment-notice', ['SENT']);
    await rules.skipTo(shippedAt + 3 * DAY + MINUTE);
    await rules.taskWhere(placed, 'parcel-1', (task) => task.status === 'OPEN', 'open');
    await rules.messageIn(placed, 'parcel-problem-1', ['SENT']);
    await rules.complete(placed, 'parcel-1', 'agent-sun', { finding: 'moving' });
    await rules.logged(placed, 'parcel_finding');
    await shipAndReview(rules, placed, 'negative');
    return placed;
  },
};

export const SCENARIOS: Record<string, Scenario> = Object.fromEntries(
  Object.entries(RUNS).map(([name, run]) => [name, untilClosed(run)]),
);
