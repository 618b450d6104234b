// A5: a refund is paid once, whatever retries happen. The ledger row and the gateway's idempotency
// key are the workflow's step, so a retried or repeated step finds the first payment; a gateway that
// keeps failing past the shop's limit hands the refund to the supervisor, who pays it by hand or
// has it tried again: it is never forgotten.
import {
  ActivityFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { RefundActivities } from '../activities';
import { moneyOptions, RECORDS } from './activity-options';
import type { Case } from './case-state';
import { uninterrupted } from './uninterrupted';

const { recordRefund } = uninterrupted(proxyActivities<RefundActivities>(RECORDS));

export interface PaidRefund {
  amount: string;
  currency: string;
  /** How it was paid (PAID, PAID_MANUALLY, PAID_BY_PLATFORM), or VOIDED: given up, nothing paid. */
  status: string;
}

/** Pays `amount` back for the case's `step` ('refund', 'compensation'); resolves once it is paid, or voided by a supervisor. */
export async function refund(kase: Case, step: string, amount: string, rule: string): Promise<PaidRefund> {
  const { currency } = kase.facts.order;
  const { lineNo } = kase.input;
  const ledger = {
    refundId: `${workflowInfo().workflowId}:${step}`,
    ...kase.ref,
    orderId: kase.input.orderId,
    step,
    amount,
    currency,
    ...(lineNo ? { lineNo } : {}),
  };
  const { payRefund } = uninterrupted(proxyActivities<RefundActivities>(moneyOptions(kase.policy.refundAttempts)));
  for (let round = 1; ; round++) {
    let refused: { reason: string; refundable: string } | undefined;
    try {
      const paid = await payRefund({ ...ledger, at: kase.now() });
      if (paid.status !== 'EXCEEDS_REFUNDABLE') {
        // Money that moved is recorded even when the step was cancelled meanwhile.
        await CancellationScope.nonCancellable(() =>
          kase.change(`${step}-paid`, 'refund_paid', {
            by: 'workflow',
            rule,
            data: { amount, currency, status: paid.status },
          }),
        );
        return { amount, currency, status: paid.status };
      }
      refused = paid.refused;
    } catch (err) {
      if (!(err instanceof ActivityFailure) || isCancellation(err)) throw err;
    }
    // A refused refund was never written to the ledger, so there is no failure to record.
    if (!refused) await recordRefund({ ...ledger, at: kase.now(), status: 'FAILED' });
    const task = await kase.inbox.run(`${step}-settle-${round}`, {
      ...kase.orderRef,
      kind: 'settle_refund',
      queue: 'SUPERVISOR',
      title: refused
        ? `Refund of ${currency} ${amount} for case ${kase.input.caseId} exceeds what is still refundable on its order (${currency} ${refused.refundable}): void it, or retry once an amount is freed`
        : `Refund of ${currency} ${amount} for case ${kase.input.caseId} failed at the payment gateway: check it for the idempotency key first`,
      due: kase.policy.refundWithin,
      // A call whose answer was lost may have paid: the gateway knows the refund by this key.
      details: refused
        ? {
            rule,
            idempotencyKey: ledger.refundId,
            amount,
            currency,
            refundable: refused.refundable,
            refusedBecause: refused.reason,
          }
        : { rule, idempotencyKey: ledger.refundId, amount, currency, attempts: kase.policy.refundAttempts },
    });
    switch (task.outcome.action) {
      case 'paid_by_hand': {
        const paid = await recordRefund({
          ...ledger,
          at: kase.now(),
          status: 'PAID_MANUALLY',
          reference: task.outcome.reference,
        });
        // The ledger refuses a manual payment beyond what was paid as it refuses any other.
        if (paid.status === 'EXCEEDS_REFUNDABLE') continue;
        await CancellationScope.nonCancellable(() =>
          kase.change(`${step}-paid`, 'refund_paid', {
            by: task.completedBy,
            rule,
            data: { amount, currency, status: paid.status },
          }),
        );
        return { amount, currency, status: paid.status };
      }
      case 'void':
        await recordRefund({ ...ledger, at: kase.now(), status: 'VOIDED' });
        await kase.change(`${step}-voided`, 'refund_voided', {
          by: task.completedBy,
          rule,
          data: { amount, currency },
        });
        return { amount, currency, status: 'VOIDED' };
      case 'retry':
        continue;
    }
  }
}

/** A4: the seller missed the receipt deadline and the platform refunded the buyer: recorded, not paid again. */
export async function refundedByPlatform(kase: Case, amount: string): Promise<PaidRefund> {
  const { currency } = kase.facts.order;
  const paid = await recordRefund({
    refundId: `${workflowInfo().workflowId}:refund`,
    ...kase.ref,
    orderId: kase.input.orderId,
    step: 'refund',
    amount,
    currency,
    at: kase.now(),
    status: 'PAID_BY_PLATFORM',
  });
  return { amount, currency, status: paid.status };
}
