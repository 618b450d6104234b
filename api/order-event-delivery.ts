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
import {
  AWAITING_ORDER,
  CLOSED_ORDER_STATUSES,
  ORDER_TASK_QUEUE,
  orderEventSignal,
  OrderStatusAttribute,
  orderWorkflowId,
  reviewChangedSignal,
  reviewRepairWorkflowId,
  ShopIdAttribute,
} from '../workflows/definitions';
import type { orderWorkflow } from '../workflows';
import { appendOrderLog } from '../activities/log-entries';
import { orderMoney, recordPlatformRefund } from '../activities/refund-ledger';
import { cents } from '../workflows/money';
import type { InternalEventType, OrderEvent, PlatformEventType } from '../workflows/order-events';
import type { InternalEventBody, OrderEventBody } from './order-event-schema';
import { keepOrderIntake, type IntakeResult } from './order-intake';
import type { OrderInput } from './order-schema';

export type EventReceipt =
  | { outcome: 'order_conflict' | 'event_conflict' }
  /** The event's data contradicts the order as accepted; `field` names it. */
  | { outcome: 'invalid'; field: string; message: string }
  | {
      outcome: 'accepted';
      workflowId: string;
      /** The event id was received before. */
      duplicate: boolean;
      /** For `placed`: whether this request brought the order, repeated it, or found another under its id. */
      intake?: IntakeResult['outcome'];
      /** False when the order has closed: the event is kept in its log, and nothing more happens. */
      delivered: boolean;
      /** The closed order's status, when not delivered; ORDER_NOT_RECEIVED while the order itself has not arrived. */
      closed?: string;
      runId?: string;
      /** Something a person should look into, such as a platform refund beyond what was paid. */
      warning?: string;
    };

const TITLE_MAX = 30;

export async function receiveOrderEvent(
  deps: { temporal: Client; prisma: PrismaClient; taskQueue?: string },
  shopId: string,
  orderId: string,
  body: OrderEventBody | InternalEventBody,
): Promise<EventReceipt> {
  const { temporal, prisma } = deps;
  const workflowId = orderWorkflowId(shopId, orderId);

  /** Signals the workflow, starting it if need be; says whether the order is still open to events. */
  async function deliver(event: OrderEvent): Promise<{ delivered: boolean; runId?: string; closed?: string }> {
    // R3: a changed review is the review repair's business, which outlives the order.
    if (event.type === 'review_changed') {
      try {
        await temporal.workflow
          .getHandle(reviewRepairWorkflowId(shopId, orderId))
          .signal(reviewChangedSignal, { eventId: event.eventId, rating: event.rating, at: event.at, by: event.by });
        return { delivered: true };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return { delivered: false, closed: 'NO_REVIEW_REPAIR' };
        throw err;
      }
    }
    // A later event is a plain signal to the running workflow (the common case, and no database
    // read); only when none runs is the order's row asked why.
    if (event.type !== 'placed') {
      try {
        await temporal.workflow.getHandle(workflowId).signal(orderEventSignal, event);
        return { delivered: true };
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
    // Temporal forgets closed workflows after the namespace's retention; the row does not, and a
    // closed order's workflow is never started again.
    const closed = await prisma.order.findFirst({
      where: { shopId, orderId, status: { in: [...CLOSED_ORDER_STATUSES] } },
      select: { status: true },
    });
    if (closed) return { delivered: false, closed: closed.status };
    // Only the order itself starts its workflow: an event for an id that never arrives (a typo, junk)
    // leaves nothing waiting, and is handed over when the order comes (deliverKeptEvents).
    if (event.type !== 'placed' && !(await prisma.orderIntake.count({ where: { shopId, orderId } })))
      return { delivered: false, closed: 'ORDER_NOT_RECEIVED' };
    // Only the order itself starts its workflow with the shop's policy (some 3 KB in the start
    // request and the history's first event); a later event with no workflow to take it (its order
    // is still arriving, or it closed, which the start then tells) falls back to signal-with-start.
    try {
      const handle = await temporal.workflow.signalWithStart<typeof orderWorkflow, [OrderEvent]>('orderWorkflow', {
        workflowId,
        taskQueue: deps.taskQueue ?? ORDER_TASK_QUEUE,
        args: [{ shopId, orderId, policy: await loadShopPolicy(prisma, shopId) }],
        signal: orderEventSignal,
        signalArgs: [event],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        // What the workflow would write first, written with its start instead (one history event fewer).
        typedSearchAttributes: [
          { key: ShopIdAttribute, value: shopId },
          { key: OrderStatusAttribute, value: AWAITING_ORDER },
        ],
      });
      return { delivered: true, runId: handle.signaledRunId };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return { delivered: false, closed: 'CLOSED' };
      throw err;
    }
  }

  if (body.type === 'paid' && body.data.amount !== undefined) {
    const money = await orderMoney(prisma, shopId, orderId);
    if (money && cents(body.data.amount as string) > cents(money.total)) {
      return { outcome: 'invalid', field: 'data.amount', message: `is more than the order's total of ${money.total}` };
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
  const inserted = await appendOrderLog(prisma, {
    shopId,
    orderId,
    entryId,
    kind: 'EVENT',
    type: body.type,
    actor: body.actor,
    reason: body.reason ?? null,
    flagged: false,
    data: body.data as Prisma.InputJsonValue,
    payloadHash,
    at: new Date(body.occurredAt),
  });
  const duplicate = inserted === 0;
  if (duplicate) {
    const first = await prisma.orderLogEntry.findUniqueOrThrow({
      where: { shopId_orderId_entryId: { shopId, orderId, entryId } },
    });
    if (first.payloadHash !== payloadHash) return { outcome: 'event_conflict' };
  }
  const warning = body.type === 'refunded' ? await ledgerPlatformRefund(body) : undefined;
  const delivery = await deliver(await workflowEvent(prisma, shopId, orderId, body, intake?.first));
  if (body.type === 'placed' && delivery.delivered) await deliverKeptEvents();
  return {
    outcome: 'accepted',
    workflowId,
    duplicate,
    intake: intake?.outcome,
    ...delivery,
    ...(warning ? { warning } : {}),
  };

  /** The platform's own refund, in the ledger once the order is known (a kept one when it arrives); a warning if it overpaid. */
  async function ledgerPlatformRefund(
    refunded: Pick<OrderEventBody, 'data' | 'occurredAt'>,
  ): Promise<string | undefined> {
    const { refundId, amount, caseId } = refunded.data as { refundId: string; amount: string; caseId?: string };
    const recorded = await recordPlatformRefund(prisma, {
      shopId,
      orderId,
      refundId,
      amount,
      caseId,
      at: new Date(refunded.occurredAt),
    });
    return recorded.overpaid && `Recorded, but ${recorded.overpaid}: check this order's refunds.`;
  }

  /** The events that came before their order, handed to its workflow now that it runs (it applies each id once). */
  async function deliverKeptEvents(): Promise<void> {
    const kept = await prisma.orderLogEntry.findMany({
      where: { shopId, orderId, kind: 'EVENT', type: { not: 'placed' } },
      orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }],
    });
    for (const entry of kept) {
      const type = entry.type as PlatformEventType | InternalEventType;
      const keptBody = {
        eventId: entry.entryId.slice('event:'.length),
        type,
        occurredAt: entry.at.toISOString(),
        actor: entry.actor,
        data: entry.data as Record<string, unknown>,
      } as OrderEventBody | InternalEventBody;
      if (keptBody.type === 'refunded') await ledgerPlatformRefund(keptBody);
      await deliver(await workflowEvent(prisma, shopId, orderId, keptBody));
    }
  }
}

/** What the workflow learns of the event: its non-personal part. */
async function workflowEvent(
  prisma: PrismaClient,
  shopId: string,
  orderId: string,
  body: OrderEventBody | InternalEventBody,
  placed?: OrderInput,
): Promise<OrderEvent> {
  const base = { eventId: body.eventId, at: new Date(body.occurredAt).toISOString(), by: body.actor };
  if (body.type === 'case_opened') return { ...base, type: body.type, ...body.data };
  const data = body.data;
  const type = body.type;
  switch (type) {
    case 'placed':
      return { ...base, type, ...placedOrder(placed!) };
    case 'address_changed':
      return { ...base, type };
    case 'stock_checked':
      return {
        ...base,
        type,
        available: data.available as boolean,
        itemTitle: data.available
          ? undefined
          : await itemTitle(prisma, shopId, orderId, data.sku as string | undefined),
      };
    // The data of these holds nothing personal, so it goes as it is.
    case 'paid':
    case 'cancelled':
    case 'buyer_replied':
    case 'packed':
    case 'shipped':
    case 'tracking_scanned':
    case 'delivered':
    case 'receipt_confirmed':
    case 'review_posted':
    case 'tier_changed':
    case 'review_changed':
    case 'price_adjusted':
    case 'refunded':
      return { ...base, type, ...data } as OrderEvent;
    default:
      return type satisfies never;
  }
}

/** The missing item's title for the buyer's message (O7): the item with that SKU, or the order's first. */
async function itemTitle(prisma: PrismaClient, shopId: string, orderId: string, sku?: string): Promise<string> {
  const intake = await prisma.orderIntake.findUnique({ where: { shopId_orderId: { shopId, orderId } } });
  const items = (intake?.payload as OrderInput | undefined)?.items ?? [];
  const title = (items.find((item) => item.sku === sku) ?? items[0])?.title ?? sku ?? orderId;
  return [...title].slice(0, TITLE_MAX).join('');
}
