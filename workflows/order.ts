// The order workflow: one per order, from placed to closed. This is the skeleton later rules
// (O1-O13) grow into; today it records the order and keeps its status visible to ops.
import {
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
} from './definitions';

const { recordOrder, setOrderStatus } = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderState> {
  const state: OrderState = { ...input, status: initialOrderStatus(input.paymentMethod), recorded: false };
  setHandler(getOrderStateQuery, () => state);

  const ref = { shopId: input.shopId, orderId: input.orderId };
  const record = async () => {
    await recordOrder({ ...ref, workflowId: workflowInfo().workflowId, status: state.status });
    state.recorded = true;
  };

  try {
    await record();
    // Nothing closes an order yet but an operator's cancellation (Web UI or `temporal workflow
    // cancel`); the rules of the later issues replace this wait with events and timers.
    await condition(() => false);
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // The cancellation must still reach the database, so these steps cannot be cancelled; an
    // order cancelled while it was being recorded is recorded first, so it is never lost.
    await CancellationScope.nonCancellable(async () => {
      if (!state.recorded) await record();
      await setOrderStatus({ ...ref, status: 'CANCELLED' });
    });
    state.status = 'CANCELLED';
    upsertSearchAttributes([{ key: OrderStatusAttribute, value: state.status }]);
  }
  return state;
}
