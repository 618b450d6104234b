// The order workflow: one per order, from placed to reviewed (O1-O13). It is driven by the
// platform's and shop's events (the `orderEvent` signal) and by durable timers only; every contact
// with a person goes through the outbox or the task inbox. The phases are in order-payment.ts,
// order-fulfilment.ts and order-delivery.ts.
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { OrderState, OrderWorkflowInput } from './definitions';
import { awaitReview, deliver } from './order-delivery';
import { announceShipment, fulfil } from './order-fulfilment';
import { awaitCodConfirmation, awaitPayment } from './order-payment';
import { createOrder, type Closure, type Order } from './order-state';
import { allOf } from './unless';

export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderState> {
  const order = createOrder(input);
  const { facts, state } = order;
  const records = new CancellationScope();
  records
    .run(() => order.keepRecordsCurrent())
    .catch((err) => {
      if (!isCancellation(err)) throw err;
    });
  try {
    const placed = await order.place();
    const online = placed.paymentMethod === 'ONLINE';
    const unpaid = online ? await awaitPayment(order) : await awaitCodConfirmation(order);
    if (unpaid) return await close(order, unpaid);
    // Paid online: the platform's time of payment (O8 "paid before 16:30"); cash on delivery: now.
    const paidAt = online ? Math.min(Date.now(), Date.parse(facts.paid!.at)) : Date.now();
    const shipment = await fulfil(order, paidAt);
    if ('reason' in shipment) return await close(order, shipment);
    await allOf([announceShipment(order), deliver(order, shipment.shippedAt)]);
    await awaitReview(order, Date.now());
    await order.setStatus('completed', 'COMPLETED', { by: 'workflow', rule: 'O11' });
    return state;
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // An operator's cancellation (Web UI, `temporal workflow cancel`) must reach the database, so
    // recording it cannot itself be cancelled.
    return await CancellationScope.nonCancellable(() =>
      close(order, { reason: 'CANCELLED_BY_OPERATOR', by: 'operator', rule: 'O6' }),
    );
  } finally {
    records.cancel();
    order.attention.clear();
    // The last status must be written before the workflow ends: no activation follows the end.
    order.attributes.flush();
  }
}

async function close(order: Order, closure: Closure): Promise<OrderState> {
  order.state.closedReason = closure.reason;
  order.setLateToShip(false);
  await order.setStatus('closed', 'CANCELLED', {
    by: closure.by,
    rule: closure.rule,
    reason: closure.reason,
    set: { closedReason: closure.reason },
  });
  return order.state;
}
