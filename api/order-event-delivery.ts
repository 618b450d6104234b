// Takes an event about an order: keeps it in the order's log first (so nothing is lost, and a
// repeat is recognised by its id), then signals the order's workflow, starting it when the event
// is the order's first (paid before placed). Each delivery signals again; the workflow applies an
// event id once, so a repeat after a lost answer is harmless.
import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../activities/prisma-client';
import { placedOrder } from '../activities/order-activities';
import { loadShopPolicy } from '../activities/shop-settings';
import { CLOSED_ORDER_STATUSES, ORDER_TASK_QUEUE, orderEventSignal, orderWorkflowId, reviewChangedSignal, reviewRepairWorkflowId } from '../workflows/definitions';
import type { orderWorkflow } from '../workflows';
import type { OrderEvent } from '../workflows/order-events';
import type { OrderEventBody } from './order-event-schema';
import { keepOrderIntake, type IntakeResult } from './order-intake';
import type { OrderInput } from './order-schema';

export type EventReceipt =
  | { outcome: 'order_conflict' | 'event_conflict' }
  | {
      outcome: 'accepted';
      workflowId: string;
      /** The event id was received before. */
      duplicate: boolean;
      /** For `placed`: whether this request brought the order, repeated it, or found another under its id. */
      intake?: IntakeResult['outcome'];
      /** False when the order has closed: the event is kept in its log, and nothing more happens. */
      delivered: boolean;
      /** The closed order's status, when not delivered. */
      closed?: string;
      runId?: string;
    };

const TITLE_MAX = 30;

export async function receiveOrderEvent(deps: { temporal: Client; prisma: PrismaClient; taskQueue?: string }, shopId: string, orderId: string, body: OrderEventBody): Promise<EventReceipt> {
  const { temporal, prisma } = deps;
  const workflowId = orderWorkflowId(shopId, orderId);

  /** Signals the workflow, starting it if need be; says whether the order is still open to events. */
  async function deliver(event: OrderEvent): Promise<{ delivered: boolean; runId?: string; closed?: string }> {
    // R3: a changed review is the review repair's business, which outlives the order.
    if (event.type === 'review_changed') {
      try {
        await temporal.workflow.getHandle(reviewRepairWorkflowId(shopId, orderId)).signal(reviewChangedSignal, { eventId: event.eventId, rating: event.rating, at: event.at, by: event.by });
        return { delivered: true };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return { delivered: false, closed: 'NO_REVIEW_REPAIR' };
        throw err;
      }
    }
    // Temporal forgets closed workflows after the namespace's retention; the row does not, and a
    // closed order's workflow is never started again.
    const closed = await prisma.order.findFirst({ where: { shopId, orderId, status: { in: [...CLOSED_ORDER_STATUSES] } }, select: { status: true } });
    if (closed) return { delivered: false, closed: closed.status };
    try {
      const handle = await temporal.workflow.signalWithStart<typeof orderWorkflow, [OrderEvent]>('orderWorkflow', {
        workflowId,
        taskQueue: deps.taskQueue ?? ORDER_TASK_QUEUE,
        args: [{ shopId, orderId, policy: await loadShopPolicy(prisma, shopId) }],
        signal: orderEventSignal,
        signalArgs: [event],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return { delivered: true, runId: handle.signaledRunId };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return { delivered: false, closed: 'CLOSED' };
      throw err;
    }
  }

  let intake: IntakeResult | undefined;
  if (body.type === 'placed') {
    // Ids first, as in the schema, so that equal orders hash equally (order-intake.ts).
    intake = await keepOrderIntake(prisma, { shopId, orderId, ...body.data } as OrderInput);
    if (intake.outcome === 'different') {
      // The first version stands, and it reaches its workflow even if its own request never did.
      await deliver(await workflowEvent(prisma, shopId, orderId, body, intake.first));
      return { outcome: 'order_conflict' };
    }
  }

  const payloadHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const entryId = `event:${body.eventId}`;
  const { count } = await prisma.orderLogEntry.createMany({
    skipDuplicates: true,
    data: { shopId, orderId, entryId, kind: 'EVENT', type: body.type, actor: body.actor, reason: body.reason ?? null, data: body.data as Prisma.InputJsonValue, payloadHash, at: new Date(body.occurredAt) },
  });
  const duplicate = count === 0;
  if (duplicate) {
    const first = await prisma.orderLogEntry.findUniqueOrThrow({ where: { shopId_orderId_entryId: { shopId, orderId, entryId } } });
    if (first.payloadHash !== payloadHash) return { outcome: 'event_conflict' };
  }
  const delivery = await deliver(await workflowEvent(prisma, shopId, orderId, body, intake?.first));
  return { outcome: 'accepted', workflowId, duplicate, intake: intake?.outcome, ...delivery };
}

/** What the workflow learns of the event: its non-personal part. */
async function workflowEvent(prisma: PrismaClient, shopId: string, orderId: string, body: OrderEventBody, placed?: OrderInput): Promise<OrderEvent> {
  const base = { eventId: body.eventId, at: new Date(body.occurredAt).toISOString(), by: body.actor };
  const data = body.data;
  switch (body.type) {
    case 'placed':
      return { ...base, type: 'placed', ...placedOrder(placed!) };
    case 'address_changed':
      return { ...base, type: 'address_changed' };
    case 'stock_checked':
      return { ...base, type: 'stock_checked', available: data.available as boolean, itemTitle: data.available ? undefined : await itemTitle(prisma, shopId, orderId, data.sku as string | undefined) };
    default:
      return { ...base, type: body.type, ...data } as OrderEvent;
  }
}

/** The missing item's title for the buyer's message (O7): the item with that SKU, or the order's first. */
async function itemTitle(prisma: PrismaClient, shopId: string, orderId: string, sku?: string): Promise<string> {
  const intake = await prisma.orderIntake.findUnique({ where: { shopId_orderId: { shopId, orderId } } });
  const items = (intake?.payload as OrderInput | undefined)?.items ?? [];
  const title = (items.find((item) => item.sku === sku) ?? items[0])?.title ?? sku ?? orderId;
  return [...title].slice(0, TITLE_MAX).join('');
}
