// Before the order may ship: an online order waits for payment (O1 reminders, O2 chase, O3 close),
// a cash-on-delivery order for the buyer's agreement to the price (O4). A suspected duplicate is
// settled meanwhile (O3). Each phase ends paid/confirmed (undefined) or with why the order closes.
import { getExternalWorkflowHandle, isCancellation } from '@temporalio/workflow';
import { orderEventSignal, orderWorkflowId } from './definitions';
import { oneTimerWhileUnpaid } from './lean-history';
import { notifyBuyer, type MessageResult } from './messaging';
import type { Closure, Order } from './order-state';
import { localDateTime, nextLocalTime, wallClock } from './shop-clock';
import { durationMs } from './shop-policy';
import { allOf, unless } from './unless';

/**
 * Runs the follow-ups until `settled()` or the auto-close moment (O3), whichever is first, and
 * withdraws what is still pending (a held reminder, an open task).
 */
async function untilSettledOrClosed(
  order: Order,
  settled: () => boolean,
  followUps: () => Promise<unknown>[],
): Promise<boolean> {
  // They all end together at payment, mostly: one timer for them all.
  return oneTimerWhileUnpaid()
    ? order.onOneTimer(() => followUntilSettled(order, settled, followUps))
    : followUntilSettled(order, settled, followUps);
}

async function followUntilSettled(
  order: Order,
  settled: () => boolean,
  followUps: () => Promise<unknown>[],
): Promise<boolean> {
  const closeAt = Date.parse(order.state.placed!.placedAt) + durationMs(order.policy.payment.autoCloseAfter);
  let closing = false;
  const running = unless(
    () => closing || settled(),
    () => allOf(followUps()),
  );
  // Awaited below; marked handled now so that a failed follow-up does not fail the workflow task meanwhile.
  running.catch(() => undefined);
  try {
    return await order.waitUntil('O3', 'auto-close', closeAt, settled);
  } finally {
    closing = true;
    await running;
  }
}

/** What closed the order before payment, if anything did. */
function closedBeforePayment(order: Order): Closure | undefined {
  const { cancelled, closeRequest } = order.facts;
  if (cancelled) return { reason: 'CANCELLED', by: cancelled.by, rule: 'O3' };
  if (closeRequest) return closeRequest;
  return undefined;
}

/** O1-O3 for an online order: resolves undefined once paid. */
export async function awaitPayment(order: Order): Promise<Closure | undefined> {
  const { facts } = order;
  let chaser: string | undefined;
  const settled = () => facts.paid !== undefined || facts.cancelled !== undefined || facts.closeRequest !== undefined;
  await untilSettledOrClosed(order, settled, () => [
    remindToPay(order),
    chase(order).then((agent) => {
      chaser = agent;
    }),
    settleDuplicate(order),
  ]);
  const closure = closedBeforePayment(order);
  if (closure) return closure;
  if (!facts.paid) return { reason: 'UNPAID', by: 'workflow', rule: 'O3' };
  // O2: the credit goes to the agent whose chase reached the buyer before they paid.
  if (chaser) {
    order.state.creditedAgent = chaser;
    await order.change('payment-credit', 'payment_credited', {
      by: chaser,
      rule: 'O2',
      set: { creditedAgent: chaser },
    });
  }
  return undefined;
}

/** O1: up to maxReminders, the afternoon one before the cut-off (if placed early enough that day) and the 12 h one. */
async function remindToPay(order: Order): Promise<void> {
  const { payment, shipping, tiers, notifyChannel } = order.policy;
  const placedAt = Date.parse(order.state.placed!.placedAt);
  const closesAt = localDateTime(placedAt + durationMs(payment.autoCloseAfter), order.timeZone);
  const { orderId } = order.ref;
  const reminders: { at: number; send: (step: string) => Promise<MessageResult> }[] = [];

  const cutoff = nextLocalTime(placedAt, shipping.cutoff, order.timeZone);
  const beforeCutoff = cutoff - durationMs(payment.cutoffReminderBefore);
  const placedEarlyThatDay =
    wallClock(cutoff, order.timeZone).date === wallClock(placedAt, order.timeZone).date &&
    beforeCutoff - placedAt >= durationMs(payment.cutoffReminderMinAge);
  // "Pay now and it ships today" is only true before the cut-off (the order may reach us late).
  if (placedEarlyThatDay && Date.now() < cutoff) {
    reminders.push({
      at: beforeCutoff,
      send: (step) =>
        notifyBuyer(step, {
          ...order.ref,
          channel: notifyChannel,
          template: 'payment_reminder_cutoff',
          variables: { orderId, cutoffTime: shipping.cutoff },
        }),
    });
  }
  reminders.push({
    at: placedAt + durationMs(payment.unpaidReminderAfter),
    send: (step) =>
      notifyBuyer(step, {
        ...order.ref,
        channel: notifyChannel,
        template: 'payment_reminder',
        variables: { orderId, closesAt },
      }),
  });

  reminders.sort((a, b) => a.at - b.at);
  for (const [index, reminder] of reminders.slice(0, payment.maxReminders).entries()) {
    const step = `payment-reminder-${index + 1}`;
    await order.sleepUntil('O1', 'payment reminder', reminder.at);
    // O13: some tiers get an agent's call instead of a message.
    if (tiers.callInsteadOfMessage.includes(order.state.placed!.buyerTier)) {
      await order.inbox.run(step, {
        ...order.ref,
        kind: 'call_buyer',
        queue: 'PRE_SALES',
        title: 'Call the buyer: their order is not paid yet',
        due: tiers.callWithin,
        escalateTo: 'SUPERVISOR',
        details: { rule: 'O1/O13', buyerTier: order.state.placed!.buyerTier, closesAt },
      });
    } else {
      const result = await reminder.send(step);
      await order.change(step, 'payment_reminder', { by: 'workflow', rule: 'O1', data: { message: result.status } });
    }
  }
}

/** O2: a day unpaid, any agent may chase; returns the agent who reached the buyer. */
async function chase(order: Order): Promise<string | undefined> {
  const { payment } = order.policy;
  const placedAt = Date.parse(order.state.placed!.placedAt);
  await order.sleepUntil('O2', 'chase task to the shared queue', placedAt + durationMs(payment.chaseAfter));
  const closesAt = new Date(placedAt + durationMs(payment.autoCloseAfter)).toISOString();
  const result = await order.inbox.run('chase-payment', {
    ...order.ref,
    kind: 'chase_payment',
    queue: 'PRE_SALES',
    title: 'Chase an order unpaid for a day (any agent may take it)',
    due: { at: closesAt },
    details: { rule: 'O2', closesAt: localDateTime(Date.parse(closesAt), order.timeZone) },
  });
  return result.outcome.reached ? result.completedBy : undefined;
}

/** O3: a look-alike order of the same buyer placed just before is confirmed with the buyer and one of them closed. */
async function settleDuplicate(order: Order): Promise<void> {
  const { shopId, orderId } = order.ref;
  const other = await order.records.findDuplicateOrder({
    ...order.ref,
    windowMs: durationMs(order.policy.duplicates.window),
  });
  if (!other) return;
  await order.change('duplicate-suspected', 'duplicate_suspected', {
    by: 'workflow',
    rule: 'O3',
    data: { otherOrderId: other },
  });
  const [, result] = await allOf([
    notifyBuyer('duplicate-check', {
      ...order.ref,
      channel: order.policy.notifyChannel,
      template: 'duplicate_order_check',
      variables: { orderId, otherOrderId: other },
    }),
    order.inbox.run('confirm-duplicate', {
      ...order.ref,
      kind: 'confirm_duplicate',
      queue: 'PRE_SALES',
      title: 'Ask the buyer which of two look-alike orders to close',
      due: order.policy.duplicates.confirmWithin,
      escalateTo: 'SUPERVISOR',
      details: { rule: 'O3', otherOrderId: other },
    }),
  ]);
  if (result.outcome.close === 'this')
    order.facts.closeRequest = { reason: 'DUPLICATE', by: result.completedBy, rule: 'O3' };
  if (result.outcome.close === 'other') {
    // The other order closes through its own workflow, which honours this only while it is unpaid;
    // one that has closed meanwhile has nothing left to close.
    let closed = true;
    try {
      await getExternalWorkflowHandle(orderWorkflowId(shopId, other)).signal(orderEventSignal, {
        eventId: `duplicate-of-${orderId}`,
        type: 'cancelled',
        duplicateOf: orderId,
        at: order.now(),
        by: result.completedBy,
      });
    } catch (err) {
      if (isCancellation(err)) throw err;
      closed = false;
    }
    await order.change('duplicate-closed', 'duplicate_closed', {
      by: result.completedBy,
      rule: 'O3',
      data: { otherOrderId: other, closed },
    });
  }
}

/** O4: the buyer agrees to the cash-on-delivery price (a reply or an agent's call) before anything ships. */
export async function awaitCodConfirmation(order: Order): Promise<Closure | undefined> {
  const { facts } = order;
  const { cashOnDelivery, notifyChannel } = order.policy;
  const placed = order.state.placed!;
  let called: { answer: 'agreed' | 'declined'; by: string } | undefined;
  const settled = () =>
    facts.codReply?.answer !== undefined ||
    called !== undefined ||
    facts.cancelled !== undefined ||
    facts.closeRequest !== undefined;

  async function callUntilAnswered() {
    for (let attempt = 1; attempt <= cashOnDelivery.callAttempts; attempt++) {
      const result = await order.inbox.run(`cod-call-${attempt}`, {
        ...order.ref,
        kind: 'call_buyer',
        queue: 'PRE_SALES',
        title: 'Confirm the cash-on-delivery price with the buyer',
        due: cashOnDelivery.confirmWithin,
        escalateTo: 'SUPERVISOR',
        details: { rule: 'O4', amount: placed.totalAmount, currency: placed.currency, attempt },
      });
      const { reached, answer } = result.outcome;
      if (reached && (answer === 'agreed' || answer === 'declined')) {
        called = { answer, by: result.completedBy };
        return;
      }
    }
  }

  await untilSettledOrClosed(order, settled, () => [
    notifyBuyer('cod-confirmation', {
      ...order.ref,
      channel: notifyChannel,
      template: 'cash_on_delivery_confirmation',
      variables: { orderId: order.ref.orderId, amount: placed.totalAmount, currency: placed.currency },
    }),
    callUntilAnswered(),
    settleDuplicate(order),
  ]);
  const closure = closedBeforePayment(order);
  if (closure) return closure;
  const answer =
    called ?? (facts.codReply?.answer ? { answer: facts.codReply.answer, by: facts.codReply.by } : undefined);
  if (!answer) return { reason: 'COD_UNCONFIRMED', by: 'workflow', rule: 'O4' };
  if (answer.answer === 'declined') return { reason: 'COD_DECLINED', by: answer.by, rule: 'O4' };
  await order.change('cod-confirmed', 'cod_confirmed', { by: answer.by, rule: 'O4' });
  return undefined;
}
