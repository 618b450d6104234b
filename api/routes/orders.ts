// POST /orders starts an order's workflow (once); GET /orders/:shopId/:orderId shows the stored
// row next to what the workflow says about it.
import { Router } from 'express';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { CLOSED_ORDER_STATUSES, getOrderStateQuery, ORDER_TASK_QUEUE, orderWorkflowId, type OrderState } from '../../workflows/definitions';
import type { orderWorkflow } from '../../workflows';
import { sendError, sendValidationError } from '../errors';
import { keepOrderIntake } from '../order-intake';
import { orderInputSchema, orderWorkflowInput, type OrderInput } from '../order-schema';

const orderPathSchema = z.object({ shopId: orderInputSchema.shape.shopId, orderId: orderInputSchema.shape.orderId });

/** How long GET waits for the workflow's answer (it needs a running worker) before answering without it. */
const QUERY_DEADLINE_MS = 5000;

export function ordersRouter(deps: { temporal: Client; prisma: PrismaClient }): Router {
  const { temporal, prisma } = deps;
  const router = Router();

  /** Starts the order's workflow unless it exists; either way says which run it is. */
  async function ensureWorkflow(order: OrderInput): Promise<{ runId: string; created: boolean }> {
    const workflowId = orderWorkflowId(order.shopId, order.orderId);
    try {
      const handle = await temporal.workflow.start<typeof orderWorkflow>('orderWorkflow', {
        workflowId,
        taskQueue: ORDER_TASK_QUEUE,
        args: [orderWorkflowInput(order)],
        // A closed order's id is never reused: a late repeat of its POST must not start it again.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return { runId: handle.firstExecutionRunId, created: true };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const { runId } = await temporal.workflow.getHandle(workflowId).describe();
      return { runId, created: false };
    }
  }

  router.post('/orders', async (req, res) => {
    const parsed = orderInputSchema.safeParse(req.body);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { shopId, orderId } = parsed.data;
    const workflowId = orderWorkflowId(shopId, orderId);
    res.location(`/orders/${shopId}/${orderId}`);

    // Kept first, so that a failure below loses nothing: a repeated POST picks up from here.
    const { outcome, first } = await keepOrderIntake(prisma, parsed.data);
    if (outcome === 'different') {
      // The first version stands, and it gets its workflow even if its own POST never started one.
      await ensureWorkflow(first);
      return sendError(res, 409, 'order_conflict',
        `Order ${orderId} of shop ${shopId} was already received with different content; the first version stands.`,
        [{ field: 'orderId', code: 'conflict', message: 'already used by a different order' }]);
    }
    if (outcome === 'same') {
      // Temporal forgets closed workflows after the namespace's retention; the row does not.
      const closed = await prisma.order.findFirst({ where: { shopId, orderId, status: { in: [...CLOSED_ORDER_STATUSES] } }, select: { status: true } });
      if (closed) {
        return res.status(200).json({ workflowId, runId: null, created: false, message: `This order is already closed (${closed.status}); nothing was started.` });
      }
    }
    const { runId, created } = await ensureWorkflow(first);
    res.status(created ? 201 : 200).json({
      workflowId, runId, created,
      ...(created ? {} : { message: 'This order was already received; its existing workflow is returned and nothing was started.' }),
    });
  });

  router.get('/orders/:shopId/:orderId', async (req, res) => {
    const params = orderPathSchema.safeParse(req.params);
    if (!params.success) return sendValidationError(res, params.error, 'params');
    const { shopId, orderId } = params.data;
    const workflowId = orderWorkflowId(shopId, orderId);

    const row = await prisma.order.findUnique({
      where: { shopId_orderId: { shopId, orderId } },
      include: { items: { orderBy: { lineNo: 'asc' } } },
    });
    let workflow: OrderState | null = null;
    let workflowError: string | undefined;
    try {
      workflow = await temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        temporal.workflow.getHandle(workflowId).query(getOrderStateQuery));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) workflowError = `The workflow did not answer (is a worker running?): ${(err as Error).message}`;
    }
    if (!row && !workflow && !workflowError) return sendError(res, 404, 'order_not_found', `No order ${orderId} for shop ${shopId}.`);
    // Amounts keep their two decimals ("109.00"), as they were posted.
    const order = row && {
      ...row,
      totalAmount: row.totalAmount.toFixed(2),
      items: row.items.map(({ shopId: _s, orderId: _o, ...item }) => ({ ...item, unitPrice: item.unitPrice.toFixed(2) })),
    };
    res.json({ workflowId, order, workflow, ...(workflowError ? { workflowError } : {}) });
  });

  return router;
}
