// The main after-sales case scenarios, each driven through its events at real default durations
// on an order opened at 10:00 on the shop's clock. The recorder keeps their histories (replayed by
// replay.test.ts) and command records (compared by case-golden.test.ts, see command-record.ts).
import type { AfterSalesCase, Refund } from '../../generated/prisma/client';
import type { caseRules, OpenedCase } from '../helpers/case-rules';
import { eventually } from '../helpers/eventually';
import { DAY, HOUR, MINUTE } from '../helpers/order-rules';

type Rules = ReturnType<typeof caseRules>;

/** Opens a case of `type` on a received order and has an agent approve it at once. */
async function approvedByAgent(
  rules: Rules,
  type: 'RETURN_REFUND' | 'EXCHANGE' | 'QUALITY_COMPLAINT',
  fields: { situation: string; requestedAmount?: string },
) {
  const order = await rules.receivedOrder('10:00');
  const kase = await rules.open(order, type, fields);
  await rules.openTask(kase, 'respond');
  await rules.complete(kase, 'respond', 'agent-wang', { decision: 'approve', fault: 'PRODUCT' });
  await rules.rowWhere(kase, (row) => row.decision === 'APPROVED', 'approved');
  return kase;
}

/** A4: the buyer sends the item back the next day; it arrives two days later and is inspected three hours after. */
async function returnedAndInspected(rules: Rules, kase: OpenedCase, trackingNumber: string) {
  const approvedAt = (await rules.status(kase, 'AWAITING_RETURN')).decidedAt!.getTime();
  await rules.messageIn(kase, 'return-instructions');
  await rules.skipTo(approvedAt + DAY);
  await rules.event(kase, 'return_shipped', { courier: '顺丰速运', trackingNumber });
  const shippedAt = (await rules.status(kase, 'RETURN_SHIPPED')).returnShippedAt!.getTime();
  await rules.skipTo(shippedAt + 2 * DAY);
  await rules.event(kase, 'return_received', {}, 'warehouse');
  const receivedAt = (await rules.status(kase, 'INSPECTING')).returnReceivedAt!.getTime();
  await rules.messageIn(kase, 'return-received');
  await rules.openTask(kase, 'inspect-return');
  await rules.skipTo(receivedAt + 3 * HOUR);
  await rules.complete(kase, 'inspect-return', 'warehouse-zhao', { condition: 'as_sold', restocked: true });
}

/** Waits until the case ends with `status` (and `reason`) and its workflow has closed, its messages settled. */
async function closed(
  rules: Rules,
  kase: OpenedCase,
  status: AfterSalesCase['status'],
  reason: string,
): Promise<OpenedCase> {
  const row = await rules.status(kase, status);
  if (row.closedReason !== reason)
    throw new Error(`case ${kase.caseId} closed ${status} for ${row.closedReason}, not ${reason}`);
  await eventually(
    () => kase.handle.describe(),
    (d) => d.status.name !== 'RUNNING',
    `case ${kase.caseId}'s workflow to close`,
  );
  const { status: run } = await kase.handle.describe();
  if (run.name !== 'COMPLETED') throw new Error(`case ${kase.caseId}'s workflow ended ${run.name}`);
  return kase;
}

/** The refunds the shop's payment gateway (the local peer) made for the case: exactly one, of `amount`. */
function paidOnce(rules: Rules, kase: OpenedCase, amount: string, ledger: Refund[]) {
  const made = rules.payments.refunds.filter((r) => r.caseId === kase.caseId);
  if (made.length !== 1 || made[0].amount !== amount)
    throw new Error(`case ${kase.caseId}: gateway refunds ${JSON.stringify(made)}, expected one of ${amount}`);
  if (ledger.length !== 1 || ledger[0].status !== 'PAID')
    throw new Error(`case ${kase.caseId}: ledger ${JSON.stringify(ledger)}, expected one PAID row`);
}

/** Each scenario ends with its case's workflow closed. */
export const CASE_SCENARIOS: Record<string, (rules: Rules) => Promise<OpenedCase>> = {
  /** A1-A5: a return of a received order, approved by an agent, sent back, received, inspected and refunded through the gateway. */
  'return-refund-inspected': async (rules) => {
    const kase = await approvedByAgent(rules, 'RETURN_REFUND', {
      situation: 'quality_defect',
      requestedAmount: '59.00',
    });
    await rules.messageIn(kase, 'case-received');
    await returnedAndInspected(rules, kase, 'SF1234567891');
    await rules.messageIn(kase, 'refund-issued');
    await closed(rules, kase, 'REFUNDED', 'REFUNDED');
    paidOnce(rules, kase, '59.00', await rules.refunds(kase));
    return kase;
  },
  /** A2, A3, A5: a refund-only request after shipment that nobody answers (escalated at 2 h) is approved by the platform at 5 days and refunded. */
  'refund-only-approved-by-platform': async (rules) => {
    const order = await rules.receivedOrder('10:00');
    const kase = await rules.open(order, 'REFUND_ONLY', { situation: 'not_as_described', requestedAmount: '30.00' });
    const openedAt = (await rules.row(kase)).openedAt.getTime();
    await rules.openTask(kase, 'respond');
    await rules.skipTo(openedAt + 2 * HOUR + MINUTE);
    await rules.taskWhere(kase, 'respond', (task) => task.queue === 'SUPERVISOR', 'escalated');
    await rules.skipTo(openedAt + 5 * DAY + MINUTE);
    await rules.messageIn(kase, 'refund-issued');
    await closed(rules, kase, 'REFUNDED', 'REFUNDED');
    paidOnce(rules, kase, '30.00', await rules.refunds(kase));
    return kase;
  },
  /** A4: an approved return the buyer never sends closes after 7 days, refunding nothing. */
  'return-not-sent': async (rules) => {
    const kase = await approvedByAgent(rules, 'RETURN_REFUND', { situation: 'no_reason' });
    const approvedAt = (await rules.status(kase, 'AWAITING_RETURN')).decidedAt!.getTime();
    await rules.messageIn(kase, 'return-instructions');
    await rules.skipTo(approvedAt + 7 * DAY + MINUTE);
    await closed(rules, kase, 'CLOSED', 'RETURN_NOT_SENT');
    if ((await rules.refunds(kase)).length > 0)
      throw new Error(`case ${kase.caseId}: refunded although nothing was returned`);
    return kase;
  },
  /** A4: an exchange approved, returned and inspected; the warehouse ships the new item the next morning. */
  'exchange-shipped': async (rules) => {
    const kase = await approvedByAgent(rules, 'EXCHANGE', { situation: 'quality_defect' });
    await returnedAndInspected(rules, kase, 'SF1234567892');
    // Due 48 hours after it opened (the row's createdAt is the database's clock, not the test server's).
    const shipping = await rules.openTask(kase, 'ship-exchange');
    await rules.skipTo(shipping.dueAt.getTime() - 48 * HOUR + 20 * HOUR);
    await rules.complete(kase, 'ship-exchange', 'warehouse-zhao', {
      courier: '中通快递',
      trackingNumber: '75399990000',
    });
    await rules.messageIn(kase, 'exchange-shipped');
    await closed(rules, kase, 'RESOLVED', 'EXCHANGED');
    if ((await rules.refunds(kase)).length > 0) throw new Error(`case ${kase.caseId}: refunded an exchange`);
    return kase;
  },
  /** A6: a quality complaint approved by an agent; the compensation table gives 20% of the order's total back (109.00 → 21.80). */
  'quality-complaint-partial-refund': async (rules) => {
    const kase = await approvedByAgent(rules, 'QUALITY_COMPLAINT', { situation: 'quality_defect' });
    await rules.messageIn(kase, 'compensation-refunded');
    await closed(rules, kase, 'RESOLVED', 'COMPENSATED');
    paidOnce(rules, kase, '21.80', await rules.refunds(kase));
    return kase;
  },
};
