// POST /orders starts an order's workflow (once); GET /orders/:shopId/:orderId shows the stored
// row next to what the workflow says about it.
import { Router } from 'express';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';
import {
  getOrderStateQuery,
  initialOrderStatus,
  ORDER_TASK_QUEUE,
  orderWorkflowId,
  OrderStatusAttribute,
  PaymentMethodAttribute,
  ShopIdAttribute,
} from '../../workflows/definitions';
import type { orderWorkflow } from '../../workflows';
import { sendError, sendValidationError } from '../errors';
import { keepOrderIntake } from '../order-intake';
import { orderInputSchema } from '../order-schema';

const orderPathSchema = z.object({ shopId: orderInputSchema.shape.shopId, orderId: orderInputSchema.shape.orderId });

export function ordersRouter(deps: { temporal: Client; prisma: PrismaClient }): Router {
  const { temporal, prisma } = deps;
  const router = Router();

  router.post('/orders', async (req, res) => {
    const parsed = orderInputSchema.safeParse(req.body);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const order = parsed.data;
    const workflowId = orderWorkflowId(order.shopId, order.orderId);

    const intake = await keepOrderIntake(prisma, order);
    if (intake === 'different') {
      return sendError(res, 409, 'order_conflict',
        `Order ${order.orderId} of shop ${order.shopId} was already received with different content; the first version stands.`,
        [{ field: 'orderId', code: 'conflict', message: 'already used by a different order' }]);
    }

    try {
      const handle = await temporal.workflow.start<typeof orderWorkflow>('orderWorkflow', {
        workflowId,
        taskQueue: ORDER_TASK_QUEUE,
        args: [{ shopId: order.shopId, orderId: order.orderId, paymentMethod: order.paymentMethod, placedAt: order.placedAt }],
        // A closed order's id is never reused: a late repeat of its POST must not start it again.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: ShopIdAttribute, value: order.shopId },
          { key: PaymentMethodAttribute, value: order.paymentMethod },
          { key: OrderStatusAttribute, value: initialOrderStatus(order.paymentMethod) },
        ],
      });
      res.status(201).location(`/orders/${order.shopId}/${order.orderId}`)
        .json({ workflowId, runId: handle.firstExecutionRunId, created: true });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const { runId } = await temporal.workflow.getHandle(workflowId).describe();
      res.status(200).location(`/orders/${order.shopId}/${order.orderId}`).json({
        workflowId, runId, created: false,
        message: 'This order was already received; its existing workflow is returned and nothing was started.',
      });
    }
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
    let workflow;
    try {
      workflow = await temporal.workflow.getHandle(workflowId).query(getOrderStateQuery);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      workflow = null;
    }
    if (!row && !workflow) return sendError(res, 404, 'order_not_found', `No order ${orderId} for shop ${shopId}.`);
    // Amounts keep their two decimals ("109.00"), as they were posted.
    const order = row && {
      ...row,
      totalAmount: row.totalAmount.toFixed(2),
      items: row.items.map(({ shopId: _s, orderId: _o, ...item }) => ({ ...item, unitPrice: item.unitPrice.toFixed(2) })),
    };
    res.json({ workflowId, order, workflow });
  });

  return router;
}
