// Review repair (R1-R4), one case per order, started by the order's workflow on a neutral or
// negative review (O12). This is the hand-off: contact at once (R1) and an agent's task to find out
// why and put it right within a week, escalated when late (R2). Waiting for the review to change
// (R3) and appeals (R4) come with the after-sales issue.
import type { ReviewRating, ShopPolicy } from './shop-policy';
import { notifyBuyer } from './messaging';
import { createTaskInbox } from './task-inbox';

export interface ReviewRepairInput {
  shopId: string;
  orderId: string;
  rating: ReviewRating;
  policy: ShopPolicy;
}

export async function reviewRepairWorkflow({ shopId, orderId, rating, policy }: ReviewRepairInput): Promise<{ result: string }> {
  const inbox = createTaskInbox();
  const [, task] = await Promise.all([
    notifyBuyer('contact', { shopId, orderId, channel: policy.orders.notifyChannel, template: 'review_repair_contact', variables: { orderId } }),
    inbox.run('repair', {
      shopId,
      orderId,
      kind: 'repair_review',
      queue: 'AFTER_SALES',
      title: `Find out why the buyer left a ${rating} review, then put it right`,
      due: policy.orders.reviews.repairWithin,
      escalateTo: 'SUPERVISOR',
      details: { rule: 'R1/R2', rating },
    }),
  ]);
  return { result: task.outcome.result };
}
