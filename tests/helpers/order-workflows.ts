// Drives order workflows the way the API does (log the event, then signal-with-start), on the
// test's own task queue and at the test server's clock.
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { receiveOrderEvent } from '../../api/order-event-delivery';
import type { OrderEventBody } from '../../api/order-event-schema';
import type { OrderInput } from '../../api/order-schema';
import type { orderWorkflow } from '../../workflows';
import { getOrderStateQuery, orderWorkflowId } from '../../workflows/definitions';
import type { OrderEventType } from '../../workflows/order-events';
import { eventually } from './eventually';
import type { WorkerHarness } from './worker-harness';

/** Posts an event of `order` as the API would, dated by the test server's clock. */
export async function sendOrderEvent(
  t: WorkerHarness,
  order: Pick<OrderInput, 'shopId' | 'orderId'>,
  type: OrderEventType,
  data: Record<string, unknown> = {},
  extra: Partial<OrderEventBody> = {},
) {
  const occurredAt = new Date(await t.env.currentTimeMs()).toISOString();
  const body = {
    eventId: `${type}-${randomUUID().slice(0, 8)}`,
    type,
    occurredAt,
    actor: 'platform',
    data,
    ...extra,
  } as OrderEventBody;
  return receiveOrderEvent(
    { temporal: t.env.client, prisma: t.prisma, taskQueue: t.worker.options.taskQueue },
    order.shopId,
    order.orderId,
    body,
  );
}

/** The order's `placed` event, as POST /orders sends it. */
export async function startOrderWorkflow(
  t: WorkerHarness,
  order: OrderInput,
): Promise<WorkflowHandle<typeof orderWorkflow>> {
  const { shopId, orderId, ...data } = order;
  await sendOrderEvent(t, order, 'placed', data, { eventId: 'placed', occurredAt: order.placedAt });
  return t.env.client.workflow.getHandle(orderWorkflowId(shopId, orderId));
}

export function waitUntilRecorded(handle: WorkflowHandle<typeof orderWorkflow>) {
  return eventually(
    () => handle.query(getOrderStateQuery),
    (state) => state.recorded,
    `${handle.workflowId} to record its order`,
  );
}
