// The order workflow: one per order, from placed to closed. This is the skeleton later rules
// (O1-O13) grow into; today it records the order and keeps its status visible to ops.
import {
  ActivityCancellationType,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { OrderActivities } from '../activities';
import {
  getOrderStateQuery,
  initialOrderStatus,
  OrderState,
  OrderStatusAttribute,
  OrderWorkflowInput,
  PaymentMethodAttribute,
  ShopIdAttribute,
} from './definitions';

const { recordOrder, setOrderStatus } = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  // On cancellation, wait until a running attempt has finished, so that the order row the
  // cancellation then updates cannot be written after it.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderState> {
  const state: OrderState = { ...input, status: initialOrderStatus(input.paymentMethod), recorded: false };
  setHandler(getOrderStateQuery, () => state);
  upsertSearchAttributes([
    { key: ShopIdAttribute, value: input.shopId },
    { key: PaymentMethodAttribute, value: input.paymentMethod },
    { key: OrderStatusAttribute, value: state.status },
  ]);
  const ref = { shopId: input.shopId, orderId: input.orderId };

  try {
    await recordOrder({ ...ref, workflowId: workflowInfo().workflowId, status: state.status });
    state.recorded = true;
    // Nothing closes an order yet but an operator's cancellation (Web UI or `temporal workflow
    // cancel`); the rules of the later issues replace this wait with events and timers.
    await condition(() => false);
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // The cancellation must reach the database, so this step cannot itself be cancelled. An
    // order cancelled before it was recorded has no row to update; its intake stays kept.
    await CancellationScope.nonCancellable(() => setOrderStatus({ ...ref, status: 'CANCELLED' }));
    state.status = 'CANCELLED';
    upsertSearchAttributes([{ key: OrderStatusAttribute, value: state.status }]);
  }
  return state;
}
