// What an approved case gives the buyer besides a plain refund: a new parcel (exchange, reissue)
// and the shop's compensation table (A6), applied by rule and recorded.
import { workflowInfo } from '@temporalio/workflow';
import type { Case } from './case-state';
import { refund } from './case-refund';
import { shareOf } from './money';
import { durationMs } from './shop-policy';

/** A4: the warehouse ships the exchange or the reissued item; the buyer is told its tracking number. */
export async function shipReplacement(kase: Case, kind: 'exchange' | 'reissue'): Promise<void> {
  const { policy } = kase;
  await kase.setStatus(`${kind}-shipping`, 'SHIPPING', { by: 'workflow', rule: 'A4' });
  kase.expect('replacement_shipment', Date.now() + durationMs(policy.shipReplacementWithin));
  const shipment = await kase.inbox.run(`ship-${kind}`, {
    ...kase.orderRef,
    kind: 'ship_order',
    queue: 'WAREHOUSE',
    title: `Ship the ${kind} for case ${kase.input.caseId}`,
    due: policy.shipReplacementWithin,
    escalateTo: 'SUPERVISOR',
    details: { rule: 'A4', caseId: kase.input.caseId },
  });
  const { courier, trackingNumber } = shipment.outcome;
  await kase.change(`${kind}-shipped`, 'replacement_shipped', {
    by: shipment.completedBy,
    rule: 'A4',
    data: { kind, courier, trackingNumber },
  });
  kase.tell(`${kind}-shipped`, kind === 'exchange' ? 'exchange_shipped' : 'reissue_shipped', {
    caseId: kase.input.caseId,
    courier,
    trackingNumber,
  });
}

/** A6: the offer the shop's table gives for the case's situation; nothing when the table has none. */
export async function compensate(kase: Case): Promise<void> {
  const { situation, caseId, orderId } = kase.input;
  const entry = kase.policy.compensation[situation];
  if (!entry) {
    await kase.change('compensation', 'no_compensation', { by: 'rule', rule: 'A6', data: { situation } });
    return;
  }
  const { currency, totalAmount } = kase.facts.order;
  const amount = entry.percent === undefined ? undefined : shareOf(totalAmount, { ...entry, percent: entry.percent });
  await kase.records.recordCompensation({
    id: `${workflowInfo().workflowId}:compensation`,
    ...kase.ref,
    orderId,
    situation,
    offer: entry.offer,
    amount,
    currency,
    at: kase.now(),
  });
  kase.state.compensation = { offer: entry.offer, ...(amount ? { amount } : {}) };
  await kase.change('compensation', 'compensation_applied', {
    by: 'rule',
    rule: 'A6',
    data: { situation, offer: entry.offer, ...(amount ? { amount } : {}) },
  });
  switch (entry.offer) {
    case 'PARTIAL_REFUND':
      // Once money is on its way the buyer can no longer withdraw the case.
      await kase.setStatus('compensation-refunding', 'REFUNDING', { by: 'rule', rule: 'A6' });
      kase.state.refund = await refund(kase, 'compensation', amount!, 'A6');
      if (kase.state.refund.status !== 'VOIDED')
        kase.tell('compensation-refunded', 'refund_issued', { caseId, amount: amount!, currency });
      break;
    case 'COUPON':
      kase.tell('compensation-coupon', 'compensation_coupon', { caseId, amount: amount ?? '0.00', currency });
      break;
    case 'REISSUE':
      await shipReplacement(kase, 'reissue');
      break;
  }
}
