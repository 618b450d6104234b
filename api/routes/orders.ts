// POST /orders and POST /orders/:shopId/:orderId/events take the platform's and shop's events
// (an order posted is its `placed` event); GET /orders/:shopId/:orderId shows the stored row next
// to what the workflow says (state, log, deadlines); GET .../timeline is the order's log (O6).
import { Router, type Response } from 'express';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { getOrderStateQuery, orderWorkflowId, type OrderState } from '../../workflows/definitions';
import { sendError, sendValidationError, validated } from '../errors';
import { receiveOrderEvent, type EventReceipt } from '../order-event-delivery';
import { orderEventBodySchema, type OrderEventBody } from '../order-event-schema';
import { orderInputSchema, orderPathSchema } from '../order-schema';

/** The oldest this many unmatched events are listed; the rest wait their turn. */
const UNMATCHED_LIMIT = 500;

/** How long GET waits for the workflow's answer (it needs a running worker) before answering without it. */
const QUERY_DEADLINE_MS = 5000;

const closedMessage = (status = 'CLOSED') => {
  if (status === 'NO_REVIEW_REPAIR') return 'No review repair is running for this order; the event is kept in its log and changes nothing.';
  if (status === 'ORDER_NOT_RECEIVED') return 'This order has not been received yet; the event is kept and reaches the order when it arrives.';
  return `This order is closed (${status}); the event is kept in its log and changes nothing.`;
};

/** Sends the conflict answers; true when it did. */
function sentConflict(res: Response, receipt: EventReceipt, orderId: string): receipt is Exclude<EventReceipt, { outcome: 'accepted' }> {
  if (receipt.outcome === 'order_conflict') {
    sendError(res, 409, 'order_conflict', `Order ${orderId} was already received with different content; the first version stands.`,
      [{ field: 'orderId', code: 'conflict', message: 'already used by a different order' }]);
    return true;
  }
  if (receipt.outcome === 'invalid') {
    sendError(res, 400, 'invalid_request', `1 invalid field in the request body: ${receipt.field} ${receipt.message}`, [{ field: receipt.field, code: 'invalid', message: receipt.message }]);
    return true;
  }
  if (receipt.outcome === 'event_conflict') {
    sendError(res, 409, 'event_conflict', 'An event with this id was already received with different content; the first one stands.',
      [{ field: 'eventId', code: 'conflict', message: 'already used by a different event' }]);
    return true;
  }
  return false;
}

export function ordersRouter(deps: { temporal: Client; prisma: PrismaClient }): Router {
  const { temporal, prisma } = deps;
  const router = Router();

  router.post('/orders', async (req, res) => {
    const parsed = orderInputSchema.safeParse(req.body);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { shopId, orderId, ...data } = parsed.data;
    const event: OrderEventBody = { eventId: 'placed', type: 'placed', occurredAt: data.placedAt, actor: 'platform', data };
    const receipt = await receiveOrderEvent(deps, shopId, orderId, event);
    if (sentConflict(res, receipt, orderId)) return;
    res.location(`/orders/${shopId}/${orderId}`);
    const created = receipt.intake === 'new';
    res.status(created ? 201 : 200).json({
      workflowId: receipt.workflowId,
      runId: receipt.runId ?? null,
      created,
      ...(created ? {} : { message: receipt.delivered ? 'This order was already received; its existing workflow is returned and nothing was started.' : closedMessage(receipt.closed) }),
    });
  });

  router.post('/orders/:shopId/:orderId/events', async (req, res) => {
    const path = validated(res, orderPathSchema, req.params, 'params');
    const event = path && validated(res, orderEventBodySchema, req.body, 'body');
    if (!path || !event) return;
    const receipt = await receiveOrderEvent(deps, path.shopId, path.orderId, event);
    if (sentConflict(res, receipt, path.orderId)) return;
    const { workflowId, duplicate, delivered, closed, warning } = receipt;
    res.status(duplicate ? 200 : 202).json({
      eventId: event.eventId,
      workflowId,
      duplicate,
      delivered,
      ...(warning ? { warning } : {}),
      ...(!delivered ? { message: closedMessage(closed) } : duplicate ? { message: 'This event was already received; it has its effect once.' } : {}),
    });
  });

  router.get('/orders/:shopId/:orderId', async (req, res) => {
    const params = validated(res, orderPathSchema, req.params, 'params');
    if (!params) return;
    const { shopId, orderId } = params;
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

  router.get('/orders/:shopId/:orderId/timeline', async (req, res) => {
    const params = validated(res, orderPathSchema, req.params, 'params');
    if (!params) return;
    const entries = await prisma.orderLogEntry.findMany({ where: params, orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }] });
    if (!entries.length) return sendError(res, 404, 'order_not_found', `Nothing is known of order ${params.orderId} of shop ${params.shopId}.`);
    res.json({
      shopId: params.shopId,
      orderId: params.orderId,
      entries: entries.map(({ shopId: _s, orderId: _o, payloadHash: _h, ...entry }) => ({ ...entry, at: entry.at.toISOString(), recordedAt: entry.recordedAt.toISOString() })),
    });
  });

  // Events kept for an order id that has not arrived: a platform ahead of itself, or a mistyped id.
  router.get('/shops/:shopId/unmatched-events', async (req, res) => {
    const path = validated(res, orderPathSchema.pick({ shopId: true }), req.params, 'params');
    if (!path) return;
    const rows = await prisma.$queryRaw<{ order_id: string; entry_id: string; type: string; actor: string; at: Date; recorded_at: Date }[]>`
      SELECT l.order_id, l.entry_id, l.type, l.actor, l.at, l.recorded_at
      FROM order_log l
      WHERE l.shop_id = ${path.shopId} AND l.kind = 'EVENT'
        AND NOT EXISTS (SELECT 1 FROM order_intakes i WHERE i.shop_id = l.shop_id AND i.order_id = l.order_id)
      ORDER BY l.recorded_at
      LIMIT ${UNMATCHED_LIMIT}`;
    res.json({
      shopId: path.shopId,
      // The data stays in the order's log (GET .../timeline): it can hold an address.
      events: rows.map((row) => ({ orderId: row.order_id, eventId: row.entry_id.slice('event:'.length), type: row.type, actor: row.actor, at: row.at.toISOString(), recordedAt: row.recorded_at.toISOString() })),
    });
  });

  return router;
}
