// The after-sales case workflow: one per case (A1-A7), for every case type. Intake records the
// case and tells the buyer how to follow it (A1); an agent or the shop's rules decide, else the
// platform approves at its deadline (A2/A3); then, by type, the return (A4), the refund paid once
// (A5), a new parcel, or the shop's compensation (A6). Every step is logged for reporting (A7).
import { CancellationScope, isCancellation, patched } from '@temporalio/workflow';
import { caseProgressUrl, type CaseState, type CaseStatus, type CaseWorkflowInput } from './definitions';
import { decide, type Decision } from './case-decision';
import { refund, refundedByPlatform } from './case-refund';
import { compensate, shipReplacement } from './case-remedies';
import { awaitReturn } from './case-return';
import { createCase, type Case } from './case-state';
import { durationMs } from './shop-policy';
import { unless } from './unless';

// The buyer can take a request back until the money or a parcel is on its way.
const WITHDRAWABLE: readonly CaseStatus[] = ['OPEN', 'AWAITING_RETURN'];

interface Ending {
  status: CaseStatus;
  by: string;
  rule: string;
  reason: string;
}

export async function afterSalesCaseWorkflow(input: CaseWorkflowInput): Promise<CaseState> {
  const kase = createCase(input);
  const openedAt = Date.now();
  try {
    const facts = await kase.record();
    // A1: the link holds the buyer's access token, so the outbox fills it in at send time and the
    // token stays out of this history; cases recorded before still pass the link they built.
    if (patched('progress-url-at-send')) kase.tell('case-received', 'case_received', { caseId: input.caseId });
    else
      kase.tell('case-received', 'case_received', {
        caseId: input.caseId,
        progressUrl: caseProgressUrl(kase.policy.progressPageUrl, input.shopId, input.caseId, facts.accessToken!),
      });
    const ending = (await unless(
      () => kase.events.withdrawn !== undefined && WITHDRAWABLE.includes(kase.state.status),
      () => handle(kase, openedAt),
    )) ?? {
      status: 'CLOSED' as const,
      by: kase.events.withdrawn!.by,
      rule: 'A1',
      reason: 'WITHDRAWN',
    };
    await close(kase, ending);
    await kase.settleMessages();
    return kase.state;
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // An operator's cancellation must reach the database, so recording it cannot itself be cancelled.
    return await CancellationScope.nonCancellable(async () => {
      await close(kase, { status: 'CLOSED', by: 'operator', rule: 'A1', reason: 'CANCELLED_BY_OPERATOR' });
      // Held messages are withdrawn; their rows must say so before the workflow ends.
      await kase.settleMessages();
      return kase.state;
    });
  } finally {
    kase.attention.clear();
    // The last status must be written before the workflow ends: no activation follows the end.
    kase.attributes.flush();
  }
}

async function handle(kase: Case, openedAt: number): Promise<Ending> {
  const decision = await decide(kase, openedAt);
  kase.state.decision = { approved: decision.approved, by: decision.by, rule: decision.rule, at: kase.now() };
  if (!decision.approved) {
    kase.tell('case-rejected', 'case_rejected', { caseId: kase.input.caseId });
    return { status: 'REJECTED', by: decision.by, rule: decision.rule, reason: 'REJECTED' };
  }
  switch (kase.input.type) {
    case 'REFUND_ONLY':
      return await payBack(kase, decision);
    case 'RETURN_REFUND': {
      const back = await awaitReturn(kase);
      if (back.outcome === 'not_sent')
        return { status: 'CLOSED', by: 'platform', rule: 'A4', reason: 'RETURN_NOT_SENT' };
      if (back.outcome === 'receipt_missed') {
        kase.state.refund = await refundedByPlatform(kase, decision.refundAmount);
        return { status: 'REFUNDED', by: 'platform', rule: 'A4', reason: 'RECEIPT_NOT_CONFIRMED' };
      }
      return await payBack(kase, decision, back.receivedAt);
    }
    case 'EXCHANGE': {
      const back = await awaitReturn(kase);
      if (back.outcome === 'not_sent')
        return { status: 'CLOSED', by: 'platform', rule: 'A4', reason: 'RETURN_NOT_SENT' };
      await shipReplacement(kase, 'exchange');
      return { status: 'RESOLVED', by: 'workflow', rule: 'A4', reason: 'EXCHANGED' };
    }
    case 'REISSUE':
      await shipReplacement(kase, 'reissue');
      return { status: 'RESOLVED', by: 'workflow', rule: 'A4', reason: 'REISSUED' };
    case 'LOGISTICS':
    case 'QUALITY_COMPLAINT':
    case 'SERVICE_COMPLAINT':
      await compensate(kase);
      return { status: 'RESOLVED', by: 'workflow', rule: 'A6', reason: 'COMPENSATED' };
    default:
      return kase.input.type satisfies never;
  }
}

/** A5: the refund, promised within the refund window of the return's receipt (or of the approval), and the buyer told. */
async function payBack(kase: Case, decision: Decision, from = Date.now()): Promise<Ending> {
  const { caseId } = kase.input;
  await kase.setStatus('refunding', 'REFUNDING', { by: 'workflow', rule: 'A5' });
  const due = from + durationMs(kase.policy.refundWithin);
  kase.expect('refund', due);
  const clear = kase.deadline('A5', 'refund due', due);
  const paid = await refund(kase, 'refund', decision.refundAmount, 'A5').finally(clear);
  kase.state.refund = paid;
  if (paid.status === 'VOIDED') return { status: 'CLOSED', by: 'supervisor', rule: 'A5', reason: 'REFUND_VOIDED' };
  kase.tell('refund-issued', 'refund_issued', { caseId, amount: paid.amount, currency: paid.currency });
  return { status: 'REFUNDED', by: 'workflow', rule: 'A5', reason: 'REFUNDED' };
}

async function close(kase: Case, ending: Ending): Promise<void> {
  kase.state.closedReason = ending.reason;
  kase.expect('none');
  await kase.setStatus('closed', ending.status, {
    by: ending.by,
    rule: ending.rule,
    reason: ending.reason,
    set: { closedAt: kase.now(), closedReason: ending.reason },
  });
}
