// A2 and A3: the first response and the decision. The shop's rules may approve at once (small
// refunds, favoured tiers); otherwise an agent's task is due within the first-response time and
// escalated to the supervisor when late, and the platform approves whatever nobody decided by its
// deadline (48 h for a request before shipment, 5 days after).
import type { TaskResult } from './task-inbox';
import type { Case } from './case-state';
import { MONEY_CASE_TYPES } from './definitions';
import { cents } from './money';
import { nextLocalTime } from './shop-clock';
import { durationMs } from './shop-policy';
import { unless } from './unless';

export interface Decision {
  approved: boolean;
  by: string;
  rule: string;
  /** What is refunded when the case refunds: the agent's amount, the buyer's, else the order's total. */
  refundAmount: string;
}

const RETURN_CASES = ['RETURN_REFUND', 'EXCHANGE'];

/** A3 by rule: a refund within the shop's limit, or a buyer of a tier the shop approves at once. */
function approvedByRule(kase: Case, amount: string): string | undefined {
  const { autoApprove } = kase.policy;
  if (MONEY_CASE_TYPES.includes(kase.input.type) && cents(amount) <= cents(autoApprove.refundUpTo))
    return `refund within ${autoApprove.refundUpTo}`;
  if (autoApprove.tiers.includes(kase.facts.order.buyerTier)) return `buyer tier ${kase.facts.order.buyerTier}`;
  return undefined;
}

// Times are the workflow's clock, like the case's opening, so that the figures subtract like from like.
/**
 * A4: a no-reason return is open for the window from the day after receipt (Chinese e-commerce
 * law); asked later, the shop's rule declines it. The end of that window, when it applies.
 */
function noReasonWindowEnd(kase: Case): number | undefined {
  const { input, facts, policy } = kase;
  if (input.situation !== 'no_reason' || !RETURN_CASES.includes(input.type) || !facts.order.receivedAt)
    return undefined;
  const dayAfterReceipt = nextLocalTime(Date.parse(facts.order.receivedAt), '00:00', kase.timeZone);
  return dayAfterReceipt + durationMs(policy.noReasonReturnWindow);
}

async function recordFirstResponse(kase: Case, first: TaskResult<'handle_case'>): Promise<void> {
  await kase.change('first-response', 'first_response', {
    by: first.completedBy,
    rule: 'A2',
    data: { decision: first.outcome.decision },
    set: { firstResponseAt: kase.now() },
  });
}

export async function decide(kase: Case, openedAt: number): Promise<Decision> {
  const { policy, facts, input } = kase;
  const requested = input.requestedAmount ?? facts.order.totalAmount;
  const windowEnd = noReasonWindowEnd(kase);
  if (windowEnd !== undefined && openedAt > windowEnd) {
    const at = kase.now();
    await kase.change('decision', 'decided', {
      by: 'rule',
      rule: 'A4',
      data: { approved: false, because: `no-reason return asked after its ${policy.noReasonReturnWindow} window` },
      set: { decision: 'REJECTED', decidedBy: 'rule', decidedAt: at, firstResponseAt: at },
    });
    return { approved: false, by: 'rule', rule: 'A4', refundAmount: requested };
  }
  const rule = approvedByRule(kase, requested);
  if (rule) {
    const at = kase.now();
    await kase.change('decision', 'decided', {
      by: 'rule',
      rule: 'A3',
      data: { approved: true, because: rule },
      set: { decision: 'APPROVED', decidedBy: 'rule', decidedAt: at, firstResponseAt: at },
    });
    return { approved: true, by: 'rule', rule: 'A3', refundAmount: requested };
  }

  const shipped = facts.order.shippedAt !== undefined;
  const deadline =
    openedAt + durationMs(shipped ? policy.decideAfterShipmentWithin : policy.decideBeforeShipmentWithin);
  const details = {
    rule: 'A2/A3',
    type: input.type,
    situation: input.situation,
    amount: requested,
    shipped,
    decideBy: new Date(deadline).toISOString(),
    ...(input.lineNo ? { lineNo: input.lineNo } : {}),
  };
  let first: TaskResult<'handle_case'> | undefined;
  let decided: TaskResult<'handle_case'> | TaskResult<'decide_case'> | undefined;
  let expired = false;
  let firstRecorded = false;

  // The agent's answer: a decision, or a first response that the case needs looking into. An
  // answer the agent gave is kept even when the deadline passes while it is being recorded.
  const agent = unless(
    () => expired,
    async () => {
      kase.expect('first_response', openedAt + durationMs(policy.firstResponseWithin));
      first = await kase.inbox.run('respond', {
        ...kase.orderRef,
        kind: 'handle_case',
        queue: 'AFTER_SALES',
        title: `Answer after-sales case ${input.caseId} (${input.type})`,
        due: policy.firstResponseWithin,
        escalateTo: 'SUPERVISOR',
        details,
      });
      if (first.outcome.decision !== 'investigate') {
        decided = first;
        return;
      }
      await recordFirstResponse(kase, first);
      firstRecorded = true;
      kase.expect('decision', deadline);
      decided = await kase.inbox.run('decide', {
        ...kase.orderRef,
        kind: 'decide_case',
        queue: 'AFTER_SALES',
        title: `Decide after-sales case ${input.caseId} before the platform approves it`,
        due: { at: new Date(deadline).toISOString() },
        details,
      });
    },
  );
  agent.catch(() => undefined); // awaited below
  try {
    await kase.waitUntil('A3', 'approved by the platform unless decided', deadline, () => decided !== undefined);
  } finally {
    // Whatever ended the wait (the deadline, a withdrawal), the open task is withdrawn before we go on.
    expired = true;
    await agent;
  }
  if (first && !firstRecorded) await recordFirstResponse(kase, first);

  if (!decided) {
    await kase.change('decision', 'decided', {
      by: 'platform',
      rule: 'A3',
      data: { approved: true, because: 'nobody decided before the platform deadline' },
      set: { decision: 'APPROVED', decidedBy: 'platform', decidedAt: kase.now() },
    });
    return { approved: true, by: 'platform', rule: 'A3', refundAmount: requested };
  }
  const { decision, fault, refundAmount } = decided.outcome;
  const approved = decision === 'approve';
  await kase.change('decision', 'decided', {
    by: decided.completedBy,
    rule: 'A3',
    data: { approved },
    set: {
      decision: approved ? 'APPROVED' : 'REJECTED',
      decidedBy: decided.completedBy,
      decidedAt: kase.now(),
      ...(fault ? { fault } : {}),
    },
  });
  return { approved, by: decided.completedBy, rule: 'A3', refundAmount: refundAmount ?? requested };
}
