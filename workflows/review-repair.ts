// Review repair (R1-R4), one case per order, started by the order's workflow on a neutral or
// negative review (O12): contact the buyer at once and give an agent the job of finding out why
// and putting it right within a week, escalated when late (R1/R2); then follow the review until it
// changes or the buyer's window to change it closes (R3). A review the agent finds malicious gets
// an evidence task for the platform's appeal instead (R4). How it ended is recorded.
import { CancellationScope, isCancellation, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';
import { createAttention } from './attention';
import { reviewChangedSignal, ShopIdAttribute, type ReviewChange } from './definitions';
import { opsWebUi } from './lean-history';
import { createDeadlines, type Deadline } from './deadlines';
import { createSearchAttributeWriter } from './search-attributes';
import { notifyBuyer } from './messaging';
import { durationMs, type ReviewRating, type ShopPolicy } from './shop-policy';
import { createTaskInbox } from './task-inbox';
import { recordActivities } from './record-activities';
import { allOf, unless } from './unless';

export interface ReviewRepairInput {
  shopId: string;
  orderId: string;
  rating: ReviewRating;
  policy: ShopPolicy;
}

export type ReviewRepairResult = 'repaired' | 'not_repaired' | 'appealed';

const OUTCOMES = { repaired: 'REPAIRED', not_repaired: 'NOT_REPAIRED', appealed: 'APPEALED' } as const;

/** A changed review counts as repaired when it is no longer one the shop repairs (or is gone). */
function isRepaired(change: ReviewChange | undefined, policy: ShopPolicy): boolean {
  return (
    change !== undefined &&
    (change.rating === 'deleted' || !policy.orders.reviews.repairRatings.includes(change.rating))
  );
}

export async function reviewRepairWorkflow({
  shopId,
  orderId,
  rating,
  policy,
}: ReviewRepairInput): Promise<{ result: string }> {
  const { reviews } = policy.orders;
  const reviewedAt = Date.now();
  // Repairs started before R3 and R4 were built end with the agent's answer (replay keeps them so).
  const followsReview = patched('review-repair-r3-r4');
  const at = () => new Date(Date.now()).toISOString();
  let change: ReviewChange | undefined;
  setHandler(reviewChangedSignal, (event) => {
    change ??= event;
  });
  const attributes = createSearchAttributeWriter();
  // Ops filter every workflow by shop: the order starts its repair with ShopId; one started otherwise writes it.
  if (!workflowInfo().typedSearchAttributes.get(ShopIdAttribute) && opsWebUi())
    attributes.set([{ key: ShopIdAttribute, value: shopId }]);
  const { startReviewRepair, updateReviewRepair } = recordActivities<CaseActivities>(attributes);
  const attention = createAttention(attributes);
  const inbox = createTaskInbox(attributes, { timeZone: policy.timeZone, attention });
  const upcoming: Deadline[] = [];
  const deadlines = createDeadlines(upcoming, policy.timeZone, () => 'Review repair: nothing scheduled.', attributes);
  const ref = { shopId, orderId };
  if (followsReview) await startReviewRepair({ ...ref, workflowId: workflowInfo().workflowId, rating, at: at() });

  try {
    const result = await repair();
    if (followsReview) await updateReviewRepair({ ...ref, outcome: OUTCOMES[result], at: at() });
    return { result };
  } catch (err) {
    if (!followsReview || !isCancellation(err)) throw err;
    // An operator's cancellation is recorded as how the repair ended, so it cannot itself be cancelled.
    await CancellationScope.nonCancellable(() => updateReviewRepair({ ...ref, outcome: 'CANCELLED', at: at() }));
    return { result: 'cancelled' };
  } finally {
    attention.clear();
    attributes.flush();
  }

  async function repair(): Promise<ReviewRepairResult> {
    const [, task] = await allOf([
      notifyBuyer('contact', {
        ...ref,
        channel: policy.orders.notifyChannel,
        template: 'review_repair_contact',
        variables: { orderId },
      }),
      unless(
        () => followsReview && isRepaired(change, policy),
        () =>
          inbox.run('repair', {
            ...ref,
            kind: 'repair_review',
            queue: 'AFTER_SALES',
            title: `Find out why the buyer left a ${rating} review, then put it right`,
            due: reviews.repairWithin,
            escalateTo: 'SUPERVISOR',
            details: { rule: 'R1/R2', rating },
          }),
      ),
    ]);
    if (!followsReview) return task!.outcome.result as ReviewRepairResult;

    // Without the agent's answer, the buyer changed the review first.
    const agentResult = task?.outcome.result;
    if (agentResult) await updateReviewRepair({ ...ref, agentResult, at: at() });
    let result: ReviewRepairResult;
    if (agentResult === 'malicious') {
      const appeal = await inbox.run('appeal', {
        ...ref,
        kind: 'appeal_review',
        queue: 'AFTER_SALES',
        title: 'Collect the evidence of a malicious review and appeal to the platform',
        due: reviews.appealWithin,
        escalateTo: 'SUPERVISOR',
        details: { rule: 'R4', rating },
      });
      result = appeal.outcome.appealed ? 'appealed' : 'not_repaired';
    } else if (reviews.changeable) {
      await deadlines.waitUntil(
        'R3',
        'the buyer can no longer change the review',
        reviewedAt + durationMs(reviews.changeWindow),
        () => change !== undefined,
      );
      result = isRepaired(change, policy) ? 'repaired' : 'not_repaired';
    } else {
      // Where reviews cannot change (Tmall), the agent's word is the outcome.
      result = agentResult === 'repaired' ? 'repaired' : 'not_repaired';
    }
    return result;
  }
}
