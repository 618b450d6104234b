// Starts order workflows the way the API does (intake first, then the workflow), for tests that
// drive the workflow directly.
import type { WorkflowHandle } from '@temporalio/client';
import { keepOrderIntake } from '../../api/order-intake';
import { orderWorkflowInput, type OrderInput } from '../../api/order-schema';
import type { orderWorkflow } from '../../workflows';
import { getOrderStateQuery, orderWorkflowId } from '../../workflows/definitions';
import { eventually } from './eventually';
import type { WorkerHarness } from './worker-harness';

export async function startOrderWorkflow({ env, prisma, worker }: WorkerHarness, order: OrderInput): Promise<WorkflowHandle<typeof orderWorkflow>> {
  await keepOrderIntake(prisma, order);
  return env.client.workflow.start<typeof orderWorkflow>('orderWorkflow', {
    taskQueue: worker.options.taskQueue,
    workflowId: orderWorkflowId(order.shopId, order.orderId),
    args: [orderWorkflowInput(order)],
  });
}

export function waitUntilRecorded(handle: WorkflowHandle<typeof orderWorkflow>) {
  return eventually(() => handle.query(getOrderStateQuery), (state) => state.recorded, `${handle.workflowId} to record its order`);
}
