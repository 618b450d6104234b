// From shipped to reviewed: track the parcel ahead of the buyer (O10), receipt by the buyer or
// automatically (O11), and the review, a bad one handed to review repair (O12).
import {
  ChildWorkflowCancellationType,
  condition,
  ParentClosePolicy,
  patched,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { afterSalesCaseWorkflow } from './after-sales-case';
import { caseWorkflowId, reviewRepairWorkflowId, ShopIdAttribute } from './definitions';
import { opsWebUi } from './lean-history';
import { notifyBuyer } from './messaging';
import type { Order } from './order-state';
import { reviewRepairWorkflow } from './review-repair';
import { durationMs } from './shop-policy';
import { allOf, unless } from './unless';

/** O10 and O11: resolves when the receipt is confirmed, by the buyer or by the platform's clock. */
export async function deliver(order: Order, shippedAt: number): Promise<void> {
  const { facts } = order;
  let confirmed = false;
  const tracking = unless(
    () => confirmed,
    () => trackParcel(order, shippedAt),
  );
  tracking.catch(() => undefined); // awaited below
  let byBuyer: boolean;
  try {
    byBuyer = await order.waitUntil(
      'O11',
      'receipt confirmed automatically',
      shippedAt + durationMs(order.policy.receipt.autoConfirmAfter),
      () => facts.received !== undefined,
    );
  } finally {
    confirmed = true;
    await tracking;
  }
  // A parcel that never reached the buyer is not received when the platform's clock says so.
  if (!byBuyer && facts.undelivered && patched('undelivered-parcel-not-received')) {
    const settled = await awaitSettlement(order, facts.undelivered);
    if (settled) {
      order.attention.set('PROBLEM_PARCEL', false);
      await order.setStatus('received', 'RECEIVED', {
        by: 'workflow',
        rule: 'O11',
        reason: settled,
        set: { receivedAt: order.now() },
      });
      return;
    }
    byBuyer = true;
  }
  // Received: whatever was wrong with the parcel is behind the order (a case may still settle it).
  order.attention.set('PROBLEM_PARCEL', false);
  await order.setStatus('received', 'RECEIVED', {
    by: byBuyer ? facts.received!.by : 'platform',
    rule: 'O11',
    reason: byBuyer
      ? 'the buyer confirmed receipt'
      : `no confirmation within ${order.policy.receipt.autoConfirmAfter} of shipping`,
    set: { receivedAt: order.now() },
  });
}

/**
 * O10/O11: waits, in status AWAITING_SETTLEMENT, until the buyer confirms receipt (of a reissued
 * parcel: resolves undefined) or the case that settles the lost or returned parcel ends (resolves
 * with what settled it).
 */
async function awaitSettlement(
  order: Order,
  undelivered: NonNullable<Order['facts']['undelivered']>,
): Promise<string | undefined> {
  await order.setStatus('awaiting-settlement', 'AWAITING_SETTLEMENT', {
    by: 'workflow',
    rule: 'O11',
    reason: `the parcel was ${undelivered.finding}; not received until case ${undelivered.caseId} settles it`,
  });
  let settledBy: string | undefined;
  void undelivered.settled.then((how) => {
    settledBy = how;
  });
  await condition(() => order.facts.received !== undefined || settledBy !== undefined);
  return order.facts.received ? undefined : settledBy;
}

/** O10: a parcel without a new scan for noScanAfter, or with a problem scan, is followed up. */
async function trackParcel(order: Order, shippedAt: number): Promise<void> {
  const { facts } = order;
  const { tracking } = order.policy;
  let clockFrom = shippedAt;
  for (let problem = 1; ;) {
    const lastScan = Math.max(clockFrom, facts.lastScanAt ?? 0);
    const news = () =>
      facts.problemScans.length > 0 || (facts.lastScanAt ?? 0) > lastScan || facts.delivered !== undefined;
    const heard = await order.waitUntil(
      'O10',
      'problem parcel unless scanned',
      lastScan + durationMs(tracking.noScanAfter),
      news,
    );
    if (facts.problemScans.length === 0 && facts.delivered) {
      order.attention.set('PROBLEM_PARCEL', false);
      await order.setStatus('delivered', 'DELIVERED', { by: facts.delivered.by, rule: 'O11' });
      return;
    }
    if (heard && facts.problemScans.length === 0) continue;
    const scan = facts.problemScans.shift();
    const finding = await followProblemParcel(
      order,
      problem++,
      scan ? scan.scan : `no scan for ${tracking.noScanAfter}`,
    );
    // Claimed or arrived: no more scans will come, and a second claim must not be filed.
    if (finding && finding !== 'moving') return;
    clockFrom = Date.now();
  }
}

/** Returns what the agent found out, or undefined when the parcel arrived first. */
async function followProblemParcel(order: Order, n: number, reason: string): Promise<string | undefined> {
  const { courier, trackingNumber } = order.facts.shipped!;
  order.attention.set('PROBLEM_PARCEL', true);
  await order.change(`parcel-problem-${n}`, 'parcel_problem', {
    by: 'workflow',
    rule: 'O10',
    reason,
    data: { courier, trackingNumber },
  });
  const [, result] = await allOf([
    notifyBuyer(`parcel-problem-${n}`, {
      ...order.ref,
      channel: order.policy.notifyChannel,
      template: 'parcel_problem',
      variables: { orderId: order.ref.orderId, courier, trackingNumber },
    }),
    unless(
      () => order.facts.delivered !== undefined,
      () =>
        order.inbox.run(`parcel-${n}`, {
          ...order.ref,
          kind: 'follow_parcel',
          queue: 'AFTER_SALES',
          title: 'Follow up a problem parcel with the courier',
          due: order.policy.tracking.followUpWithin,
          escalateTo: 'SUPERVISOR',
          details: { rule: 'O10', reason, courier, trackingNumber },
        }),
    ),
  ]);
  if (!result) {
    order.attention.set('PROBLEM_PARCEL', false);
    return undefined;
  }
  const { finding, claimAmount } = result.outcome;
  // On its way again, or there: nothing more to follow (lost, damaged and returned parcels stay flagged until received).
  if (finding === 'moving' || finding === 'delivered') order.attention.set('PROBLEM_PARCEL', false);
  await order.change(`parcel-finding-${n}`, 'parcel_finding', {
    by: result.completedBy,
    rule: 'O10',
    data: { finding },
  });
  if (finding === 'lost' || finding === 'damaged') {
    await order.records.fileCourierClaim({
      ...order.ref,
      claimId: `${workflowInfo().workflowId}:claim-${n}`,
      courier,
      trackingNumber,
      reason: finding,
      amount: claimAmount,
      at: order.now(),
    });
    await order.change(`courier-claim-${n}`, 'courier_claim', {
      by: result.completedBy,
      rule: 'O10',
      data: { reason: finding, ...(claimAmount ? { amount: claimAmount } : {}) },
    });
    // Orders that found a lost parcel before after-sales cases existed only filed the claim.
    if (patched('parcel-problem-case')) {
      const settlement = await openParcelCase(order, n, finding, result.completedBy);
      if (finding === 'lost') order.facts.undelivered = { finding, ...settlement };
    }
  }
  // A parcel on its way back to the shop is settled like a lost one: a reissue (by default) or a refund.
  if (finding === 'returned' && patched('returned-parcel-case'))
    order.facts.undelivered = { finding, ...(await openParcelCase(order, n, finding, result.completedBy)) };
  return finding;
}

/**
 * A1/A6: the buyer of a lost, damaged or returned parcel is owed a remedy, which an after-sales
 * case carries. Returns the case's id and what its end settled.
 */
async function openParcelCase(
  order: Order,
  n: number,
  finding: 'lost' | 'damaged' | 'returned',
  agentId: string,
): Promise<{ caseId: string; settled: Promise<string> }> {
  const { shopId, orderId } = order.ref;
  const caseId = `parcel-${n}-${orderId}`;
  // The case outlives the order (a reissue can take days after the order completes) and is not
  // cancelled with it.
  const child = await startChild(afterSalesCaseWorkflow, {
    workflowId: caseWorkflowId(shopId, caseId),
    args: [
      {
        shopId,
        caseId,
        orderId,
        type: 'LOGISTICS',
        situation: `${finding}_parcel`,
        channel: 'workflow',
        openedBy: agentId,
        policy: order.input.policy,
      },
    ],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    cancellationType: ChildWorkflowCancellationType.ABANDON,
  });
  await order.change(`parcel-case-${n}`, 'case_opened', {
    by: agentId,
    rule: 'A1',
    data: { caseId, caseType: 'LOGISTICS' },
  });
  // Whatever ended it (resolved, refunded, or stopped by an operator) is the end the order waited for.
  const settled = child.result().then(
    (end) => `case ${caseId} ended ${end.status}${end.closedReason ? ` (${end.closedReason})` : ''}`,
    () => `case ${caseId} was stopped`,
  );
  return { caseId, settled };
}

/** O11/O12: waits out the review window; a review among the shop's repair ratings starts review repair. */
export async function awaitReview(order: Order, receivedAt: number): Promise<void> {
  const { facts } = order;
  const { receipt, reviews } = order.policy;
  await order.waitUntil(
    'O11',
    'review window closes',
    receivedAt + durationMs(receipt.reviewWindow),
    () => facts.review !== undefined,
  );
  const rating = facts.review?.rating ?? 'positive';
  if (!facts.review) {
    await order.change('review', 'review_defaulted', {
      by: 'platform',
      rule: 'O11',
      reason: `no review within ${receipt.reviewWindow}`,
      data: { rating },
    });
    return;
  }
  if (!reviews.repairRatings.includes(rating)) return;
  const { shopId, orderId } = order.ref;
  // The case outlives the order (R3: up to 30 days), so it is abandoned, not cancelled, when the order
  // closes or is cancelled.
  await startChild(reviewRepairWorkflow, {
    workflowId: reviewRepairWorkflowId(shopId, orderId),
    args: [{ shopId, orderId, rating, policy: order.input.policy }],
    // Filterable by shop from its first moment, at no cost in its history (repairs started before issue 14 have none).
    ...(opsWebUi() ? { typedSearchAttributes: [{ key: ShopIdAttribute, value: shopId }] } : {}),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    cancellationType: ChildWorkflowCancellationType.ABANDON,
  });
  await order.change('review-repair', 'review_repair_started', {
    by: 'workflow',
    rule: 'O12',
    data: { rating, caseWorkflowId: reviewRepairWorkflowId(shopId, orderId) },
  });
}
