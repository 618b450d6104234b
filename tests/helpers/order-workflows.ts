// Starts order workflows the way the API does (intake first, then the workflow), for tests that
// drive the workflow directly.
import type { WorkflowHandle } from '@temporalio/client';
import { keepOrderIntake } from '../../api/order-intake';
import type { OrderInput } from '../../api/order-schema';
import type { orderWorkflow } from '../../workflows';
import { getOrderStateQuery, orderWorkflowId } from '../../workflows/definitions';
import type { WorkerHarness } from './worker-harness';

export async function startOrderWorkflow({ env, prisma, worker }: WorkerHarness, order: OrderInput): Promise<WorkflowHandle<typeof orderWorkflow>> {
  await keepOrderIntake(prisma, order);
  return env.client.workflow.start<typeof orderWorkflow>('orderWorkflow', {
    taskQueue: worker.options.taskQueue,
    workflowId: orderWorkflowId(order.shopId, order.orderId),
    args: [{ shopId: order.shopId, orderId: order.orderId, paymentMethod: order.paymentMethod, placedAt: order.placedAt }],
  });
}

export async function waitUntilRecorded(handle: WorkflowHandle<typeof orderWorkflow>) {
  for (let i = 0; i < 100; i++) {
    const state = await handle.query(getOrderStateQuery);
    if (state.recorded) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${handle.workflowId} never recorded its order`);
}
