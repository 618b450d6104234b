// The main order scenarios, each driven through its events at real default durations, and the
// command sequence each produces (activities and timer durations, in order). The recorder keeps
// their histories (replayed by order-replay.test.ts) and command records (compared by
// order-golden.test.ts): replay catches a changed sequence, the record a renamed activity or a
// changed duration, which replay lets through.
import { join } from 'node:path';
import type { temporal } from '@temporalio/proto';
import { DAY, HOUR, MINUTE, type orderRules, type PlacedOrder } from '../helpers/order-rules';

type Rules = ReturnType<typeof orderRules>;

export const HISTORIES = join(__dirname, 'histories');
export const GOLDEN = join(__dirname, 'golden');

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

/** Each scenario ends with its order's workflow closed. */
export const SCENARIOS: Record<string, (rules: Rules) => Promise<PlacedOrder>> = {
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

/** Minutes, hours and days as a person writes them, so the record reads like the policy. */
function duration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes === 0) return '0m';
  const parts = [[Math.floor(minutes / 1440), 'd'], [Math.floor((minutes % 1440) / 60), 'h'], [minutes % 60, 'm']] as const;
  return parts.filter(([n]) => n > 0).map(([n, unit]) => `${n}${unit}`).join('');
}

/** The commands a history shows the workflow gave: activities by name, timers by duration (to the minute), children. */
export function commandRecord(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).flatMap((event) => {
    if (event.activityTaskScheduledEventAttributes) return [`activity ${event.activityTaskScheduledEventAttributes.activityType?.name}`];
    if (event.timerStartedEventAttributes) {
      const { seconds, nanos } = event.timerStartedEventAttributes.startToFireTimeout ?? {};
      return [`timer ${duration(Number(seconds ?? 0) + (nanos ?? 0) / 1e9)}`];
    }
    if (event.startChildWorkflowExecutionInitiatedEventAttributes) return [`child ${event.startChildWorkflowExecutionInitiatedEventAttributes.workflowType?.name}`];
    if (event.signalExternalWorkflowExecutionInitiatedEventAttributes) return ['signal external workflow'];
    return [];
  });
}
