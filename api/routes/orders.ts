// POST /orders and POST /orders/:shopId/:orderId/events take the platform's and shop's events
// (an order posted is its `placed` event); GET /orders/:shopId/:orderId shows the stored row next
// to what the workflow says (state, log, deadlines); GET .../timeline is the order's log (O6).
import { z } from 'zod';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';
import {
  getOrderStateQuery,
  ORDER_STATUSES,
  orderWorkflowId,
  statusChangeType,
  type OrderState,
} from '../../workflows/definitions';
import { PLATFORM_EVENT_TYPES } from '../../workflows/order-events';
import { receiveOrderEvent, type EventReceipt } from '../order-event-delivery';
import { inputSchema } from '../json-schema';
import { EVENT_DATA, eventEnvelopeSchema, orderEventBodySchema, type OrderEventBody } from '../order-event-schema';
import { orderInputSchema, orderPathSchema } from '../order-schema';
import { amountText, error, isoTime, jsonValue } from '../response-schemas';
import { fail, ok, route, type Reply } from '../route-table';
import { PEOPLE_WHO_READ, PLATFORM } from './roles';

/** The oldest this many unmatched events are listed; the rest wait their turn. */
const UNMATCHED_LIMIT = 500;

/** How long GET waits for the workflow's answer (it needs a running worker) before answering without it. */
const QUERY_DEADLINE_MS = 5000;

const closedMessage = (status = 'CLOSED') => {
  if (status === 'NO_REVIEW_REPAIR')
    return 'No review repair is running for this order; the event is kept in its log and changes nothing.';
  if (status === 'ORDER_NOT_RECEIVED')
    return 'This order has not been received yet; the event is kept and reaches the order when it arrives.';
  return `This order is closed (${status}); the event is kept in its log and changes nothing.`;
};

/** The answers to an event that was not taken. */
function refusal(receipt: Exclude<EventReceipt, { outcome: 'accepted' }>, orderId: string): Reply<400 | 409> {
  if (receipt.outcome === 'order_conflict') {
    return fail(
      409,
      'order_conflict',
      `Order ${orderId} was already received with different content; the first version stands.`,
      [{ field: 'orderId', code: 'conflict', message: 'already used by a different order' }],
    );
  }
  if (receipt.outcome === 'invalid') {
    return fail(400, 'invalid_request', `1 invalid field in the request body: ${receipt.field} ${receipt.message}`, [
      { field: receipt.field, code: 'invalid', message: receipt.message },
    ]);
  }
  return fail(
    409,
    'event_conflict',
    'An event with this id was already received with different content; the first one stands.',
    [{ field: 'eventId', code: 'conflict', message: 'already used by a different event' }],
  );
}

/** The envelope, with `data` described for each type. */
function orderEventDocument(): object {
  const envelope = inputSchema(eventEnvelopeSchema) as { properties: Record<string, object> };
  envelope.properties.data = {
    description: 'What the event carries, by type (placed: the order as POST /orders takes it, without its ids)',
    oneOf: PLATFORM_EVENT_TYPES.map((type) => ({ title: type, ...inputSchema(EVENT_DATA[type]) })),
  };
  return envelope;
}

const orderAccepted = z.object({
  workflowId: z.string(),
  runId: z.string().nullable(),
  created: z.boolean(),
  message: z.string().optional(),
});
const eventAccepted = z.object({
  eventId: z.string(),
  workflowId: z.string(),
  duplicate: z.boolean(),
  delivered: z.boolean(),
  warning: z.string().optional(),
  message: z.string().optional(),
});
const orderItem = z.object({
  lineNo: z.number().int(),
  sku: z.string(),
  title: z.string(),
  quantity: z.number().int(),
  unitPrice: amountText,
});
const buyerContact = {
  buyerName: z.string(),
  buyerPhone: z.string().nullable(),
  buyerEmail: z.string().nullable(),
  shippingAddress: jsonValue,
};
const orderRow = z.looseObject({
  shopId: z.string(),
  orderId: z.string(),
  workflowId: z.string(),
  platform: z.string(),
  buyerId: z.string(),
  ...Object.fromEntries(Object.entries(buyerContact).map(([key, schema]) => [key, schema.optional()])),
  paymentMethod: z.enum(['ONLINE', 'CASH_ON_DELIVERY']),
  currency: z.string(),
  totalAmount: amountText,
  status: z.enum(ORDER_STATUSES),
  items: z.array(orderItem),
});
const parcel = z.object({ courier: z.string(), trackingNumber: z.string(), at: isoTime });
const orderView = z.object({
  workflowId: z.string(),
  order: orderRow.nullable(),
  /** A split shipment is one order with several parcels: the workflow follows the first (O9, O10), the others are listed here. */
  parcels: z.array(parcel).describe('Every parcel the order was shipped in, first first'),
  workflow: jsonValue.describe("The workflow's state (getOrderState query); null without a running worker"),
  workflowError: z.string().optional(),
});

/** The order's parcels, from its log: every shipment reported or made, each tracking number once. */
async function orderParcels(prisma: PrismaClient, shopId: string, orderId: string): Promise<z.output<typeof parcel>[]> {
  // The events reported (`shipped`) and the shipment the workflow recorded (from a warehouse task too).
  const shipped = await prisma.orderLogEntry.findMany({
    where: { shopId, orderId, type: { in: ['shipped', statusChangeType('SHIPPED')] } },
    orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }],
    select: { data: true, at: true },
  });
  const parcels = new Map<string, z.output<typeof parcel>>();
  for (const { data, at } of shipped) {
    const { courier, trackingNumber } = data as { courier?: unknown; trackingNumber?: unknown };
    if (typeof courier === 'string' && typeof trackingNumber === 'string' && !parcels.has(trackingNumber))
      parcels.set(trackingNumber, { courier, trackingNumber, at: at.toISOString() });
  }
  return [...parcels.values()];
}
export const logEntry = z.object({
  entryId: z.string(),
  kind: z.enum(['EVENT', 'CHANGE']),
  type: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  flagged: z.boolean(),
  data: jsonValue,
  at: isoTime,
  recordedAt: isoTime,
});
const timeline = z.object({ shopId: z.string(), orderId: z.string(), entries: z.array(logEntry) });
const unmatched = z.object({
  shopId: z.string(),
  events: z.array(
    z.object({
      orderId: z.string(),
      eventId: z.string(),
      type: z.string(),
      actor: z.string(),
      at: isoTime,
      recordedAt: isoTime,
    }),
  ),
});

/** The order's log (O6), oldest first, as GET .../timeline shows it. */
export async function orderTimeline(
  prisma: PrismaClient,
  shopId: string,
  orderId: string,
): Promise<z.output<typeof logEntry>[]> {
  const entries = await prisma.orderLogEntry.findMany({
    where: { shopId, orderId },
    orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }],
  });
  return entries.map(({ shopId: _s, orderId: _o, payloadHash: _h, ...entry }) => ({
    ...entry,
    at: entry.at.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
  }));
}

export function orderRoutes(deps: { temporal: Client; prisma: PrismaClient }) {
  const { temporal, prisma } = deps;
  return [
    route({
      method: 'post',
      path: '/orders',
      tag: 'orders',
      summary: "Receive an order and start its workflow (idempotent on shopId + orderId): the order's `placed` event",
      access: { kind: 'shop', from: 'body', roles: PLATFORM, signed: true },
      body: orderInputSchema,
      limited: 'perTarget',
      responses: {
        201: { description: 'Received; the workflow was started', schema: orderAccepted },
        200: {
          description: 'Already received with the same content: the existing workflow, nothing started',
          schema: orderAccepted,
        },
        400: error('Invalid body; every bad field is named'),
        409: error('The order id was already used for a different order (order_conflict)'),
      },
      handler: async ({ body }) => {
        const { shopId, orderId, ...data } = body;
        const event: OrderEventBody = {
          eventId: 'placed',
          type: 'placed',
          occurredAt: data.placedAt,
          actor: 'platform',
          data,
        };
        const receipt = await receiveOrderEvent(deps, shopId, orderId, event);
        if (receipt.outcome !== 'accepted') return refusal(receipt, orderId);
        const created = receipt.intake === 'new';
        const answer = {
          workflowId: receipt.workflowId,
          runId: receipt.runId ?? null,
          created,
          ...(created
            ? {}
            : {
                message: receipt.delivered
                  ? 'This order was already received; its existing workflow is returned and nothing was started.'
                  : closedMessage(receipt.closed),
              }),
        };
        return ok(created ? 201 : 200, answer, { Location: `/orders/${shopId}/${orderId}` });
      },
    }),
    route({
      method: 'post',
      path: '/orders/:shopId/:orderId/events',
      tag: 'orders',
      summary: "Report an event of the order (O6): payment, shipment, tracking, the buyer's replies, reviews",
      description:
        'Idempotent on eventId. An event for an order that has not arrived is kept and reaches the order when it does.',
      access: { kind: 'shop', from: 'params', roles: PLATFORM, signed: true },
      params: orderPathSchema,
      body: orderEventBodySchema,
      bodyDocument: orderEventDocument(),
      limited: 'perTarget',
      responses: {
        202: {
          description: 'Taken (delivered to the workflow, or kept until the order arrives)',
          schema: eventAccepted,
        },
        200: { description: 'Already received: it has its effect once', schema: eventAccepted },
        400: error('Invalid event; every bad field is named'),
        409: error('The event id was already used for a different event (event_conflict) or the order conflicts'),
      },
      handler: async ({ params, body: event }) => {
        const receipt = await receiveOrderEvent(deps, params.shopId, params.orderId, event);
        if (receipt.outcome !== 'accepted') return refusal(receipt, params.orderId);
        const { workflowId, duplicate, delivered, closed, warning } = receipt;
        return ok(duplicate ? 200 : 202, {
          eventId: event.eventId,
          workflowId,
          duplicate,
          delivered,
          ...(warning ? { warning } : {}),
          ...(!delivered
            ? { message: closedMessage(closed) }
            : duplicate
              ? { message: 'This event was already received; it has its effect once.' }
              : {}),
        });
      },
    }),
    route({
      method: 'get',
      path: '/orders/:shopId/:orderId',
      tag: 'orders',
      summary: "The order as stored, beside its workflow's state, log and deadlines",
      description:
        "The buyer's name, phone, e-mail and address are shown to the shop's people, not to platform keys (they posted them).",
      access: { kind: 'shop', from: 'params', roles: [...PLATFORM, ...PEOPLE_WHO_READ] },
      params: orderPathSchema,
      responses: {
        200: { description: 'The order', schema: orderView },
        404: error('No such order (order_not_found)'),
      },
      handler: async ({ params, caller }) => {
        const { shopId, orderId } = params;
        const workflowId = orderWorkflowId(shopId, orderId);
        let workflow: OrderState | null = null;
        let workflowError: string | undefined;
        try {
          workflow = await temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
            temporal.workflow.getHandle(workflowId).query(getOrderStateQuery),
          );
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError))
            workflowError = `The workflow did not answer (is a worker running?): ${(err as Error).message}`;
        }
        // Read after the workflow: it takes a status once the row has it, so the row is never older than the state beside it.
        const row = await prisma.order.findUnique({
          where: { shopId_orderId: { shopId, orderId } },
          include: { items: { orderBy: { lineNo: 'asc' } } },
        });
        if (!row && !workflow && !workflowError)
          return fail(404, 'order_not_found', `No order ${orderId} for shop ${shopId}.`);
        const personal = caller.role !== 'platform';
        // Amounts keep their two decimals ("109.00"), as they were posted.
        const order = row && {
          ...row,
          ...(personal
            ? {}
            : { buyerName: undefined, buyerPhone: undefined, buyerEmail: undefined, shippingAddress: undefined }),
          totalAmount: row.totalAmount.toFixed(2),
          items: row.items.map(({ shopId: _s, orderId: _o, ...item }) => ({
            ...item,
            unitPrice: item.unitPrice.toFixed(2),
          })),
        };
        return ok(200, {
          workflowId,
          order,
          parcels: await orderParcels(prisma, shopId, orderId),
          workflow,
          ...(workflowError ? { workflowError } : {}),
        });
      },
    }),
    route({
      method: 'get',
      path: '/orders/:shopId/:orderId/timeline',
      tag: 'orders',
      summary: "The order's log (O6): every event and every change, oldest first, with who and why",
      access: { kind: 'shop', from: 'params', roles: PEOPLE_WHO_READ },
      params: orderPathSchema,
      responses: {
        200: { description: 'The log', schema: timeline },
        404: error('Nothing is known of this order (order_not_found)'),
      },
      handler: async ({ params }) => {
        const entries = await orderTimeline(prisma, params.shopId, params.orderId);
        if (!entries.length)
          return fail(404, 'order_not_found', `Nothing is known of order ${params.orderId} of shop ${params.shopId}.`);
        return ok(200, { shopId: params.shopId, orderId: params.orderId, entries });
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/unmatched-events',
      tag: 'orders',
      summary:
        'Events kept for order ids that have not arrived (a platform ahead of itself, or a mistyped id), oldest first',
      access: { kind: 'shop', from: 'params', roles: [...PLATFORM, ...PEOPLE_WHO_READ] },
      params: orderPathSchema.pick({ shopId: true }),
      responses: { 200: { description: "At most 500 events; their data stays in the order's log", schema: unmatched } },
      handler: async ({ params }) => {
        const rows = await prisma.$queryRaw<
          { order_id: string; entry_id: string; type: string; actor: string; at: Date; recorded_at: Date }[]
        >`
          SELECT l.order_id, l.entry_id, l.type, l.actor, l.at, l.recorded_at
          FROM order_log l
          WHERE l.shop_id = ${params.shopId} AND l.kind = 'EVENT'
            AND NOT EXISTS (SELECT 1 FROM order_intakes i WHERE i.shop_id = l.shop_id AND i.order_id = l.order_id)
          ORDER BY l.recorded_at
          LIMIT ${UNMATCHED_LIMIT}`;
        return ok(200, {
          shopId: params.shopId,
          events: rows.map((row) => ({
            orderId: row.order_id,
            eventId: row.entry_id.slice('event:'.length),
            type: row.type,
            actor: row.actor,
            at: row.at.toISOString(),
            recordedAt: row.recorded_at.toISOString(),
          })),
        });
      },
    }),
  ];
}
