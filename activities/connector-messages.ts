// A platform's messages: each kept as received before anything is done with it (the same message
// id again is the same message), then applied in the platform's order. Applying one means mapping
// it (connectors/<platform>/) and handing its events to the same intake the HTTP API uses, whose
// event ids make a second delivery or a backfilled copy harmless. A message is never dropped:
// it ends APPLIED, ECHO (ours, come back) or UNMAPPED with the reason, or waits, RECEIVED, with
// the last error, for the next round.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { ZodError } from 'zod';
import type { ConnectorMessage, Prisma } from '../generated/prisma/client';
import type { CaseReceipt } from '../api/case-intake';
import { openCase } from '../api/case-intake';
import { caseIntakeSchema } from '../api/case-schema';
import { invalidRequest } from '../api/errors';
import { receiveOrderEvent, type EventReceipt } from '../api/order-event-delivery';
import { orderEventBodySchema } from '../api/order-event-schema';
import {
  PlatformRefusedError,
  PlatformUnavailableError,
  type Connector,
  type ConnectorAction,
  type ConnectorContext,
  type Mapping,
  type PlatformMessage,
} from '../connectors/connector';
import type { PrismaClient } from './prisma-client';

export interface ConnectorRef {
  shopId: string;
  platform: string;
}

/** A round applies at most this many; the rest wait for the next, which follows at once. */
export const MESSAGES_PER_ROUND = 100;

/** Tells Temporal the round is alive, and ends an attempt Temporal has already given up on (its retry is running). */
export function heartbeat(): void {
  const context = Context.current();
  if (context.cancellationSignal.aborted)
    throw context.cancellationSignal.reason ?? new Error('the round was cancelled');
  context.heartbeat();
}

/** An order a case is about that has not arrived is waited for this many rounds, then the case is left for a person. */
const ROUNDS_AWAITING_ORDER = 20;

export async function keepMessages(
  prisma: PrismaClient,
  ref: ConnectorRef,
  messages: readonly PlatformMessage[],
): Promise<number> {
  if (!messages.length) return 0;
  const { count } = await prisma.connectorMessage.createMany({
    skipDuplicates: true,
    data: messages.map((message) => ({
      ...ref,
      messageId: message.messageId,
      topic: message.topic,
      platformOrderId: message.platformOrderId ?? null,
      occurredAt: new Date(message.occurredAt),
      payload: message.payload as Prisma.InputJsonValue,
    })),
  });
  return count;
}

export interface IntakeDeps {
  temporal: Client;
  prisma: PrismaClient;
  /** The queue the order and case workflows run on: the worker's own. */
  taskQueue: string;
  publicBaseUrl: string;
}

/** `platformDown`: the platform did not answer, so the round's other messages would only wait out the same timeout. */
type Settled =
  { status: 'APPLIED' | 'ECHO' | 'UNMAPPED'; reason: string | null } | { wait: string; platformDown?: true };

/** Applies the messages kept and not yet settled, oldest first; an order's later messages wait behind one that has to wait. Answers how many settled. */
export async function applyKeptMessages(
  deps: IntakeDeps,
  ref: ConnectorRef,
  connector: Connector,
  ctx: ConnectorContext<object>,
): Promise<{ settled: number; waiting: number; platformDown?: string }> {
  const { prisma } = deps;
  const kept = await prisma.connectorMessage.findMany({
    where: { ...ref, status: 'RECEIVED' },
    orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
    take: MESSAGES_PER_ROUND,
  });
  const held = new Set<string>();
  let settled = 0;
  for (const row of kept) {
    if (row.platformOrderId && held.has(row.platformOrderId)) continue;
    // Alive, and still the attempt Temporal waits for: one it gave up on stops here rather than race its retry.
    heartbeat();
    const outcome = await settle(deps, ref, connector, ctx, row);
    if ('wait' in outcome) {
      if (row.platformOrderId) held.add(row.platformOrderId);
      await prisma.connectorMessage.update({
        where: { id: row.id },
        data: { attempts: { increment: 1 }, lastError: outcome.wait },
      });
      if (outcome.platformDown) return { settled, waiting: kept.length - settled, platformDown: outcome.wait };
      continue;
    }
    await prisma.connectorMessage.update({
      where: { id: row.id },
      data: { ...outcome, attempts: { increment: 1 }, lastError: null, settledAt: new Date() },
    });
    settled++;
  }
  return { settled, waiting: kept.length - settled };
}

async function settle(
  deps: IntakeDeps,
  ref: ConnectorRef,
  connector: Connector,
  ctx: ConnectorContext<object>,
  row: ConnectorMessage,
): Promise<Settled> {
  const message: PlatformMessage = {
    messageId: row.messageId,
    topic: row.topic,
    platformOrderId: row.platformOrderId ?? undefined,
    occurredAt: row.occurredAt.toISOString(),
    payload: row.payload,
  };
  let mapping: Mapping;
  try {
    mapping = await connector.map(ctx, message);
  } catch (err) {
    if (err instanceof PlatformUnavailableError) return { wait: err.message, platformDown: true };
    if (err instanceof PlatformRefusedError)
      return { status: 'UNMAPPED', reason: `the platform refused: ${err.message}` };
    // A payload the mapping could not read is a message for a person, not a reason to stop the others.
    return { status: 'UNMAPPED', reason: `could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  switch (mapping.kind) {
    case 'echo':
      return { status: 'ECHO', reason: mapping.reason };
    case 'unmapped':
      return { status: 'UNMAPPED', reason: mapping.reason };
    case 'apply': {
      // A failure here is the database's or Temporal's: the whole round is retried by its activity.
      const problems: string[] = [];
      for (const action of mapping.actions) {
        const result = await perform(deps, ref, action, row.attempts);
        if (result === 'wait') return { wait: waitReason(action) };
        if (result) problems.push(result);
      }
      return problems.length
        ? { status: 'UNMAPPED', reason: problems.join('; ') }
        : { status: 'APPLIED', reason: null };
    }
    default:
      return mapping satisfies never;
  }
}

function waitReason(action: ConnectorAction): string {
  return action.kind === 'open_case'
    ? `order ${action.intake.orderId} has not arrived yet`
    : `order ${action.orderId} is not ready`;
}

/** Hands one action to the product's intake: undefined when taken, the reason when refused, 'wait' to try again next round. */
async function perform(
  deps: IntakeDeps,
  ref: ConnectorRef,
  action: ConnectorAction,
  attempts: number,
): Promise<string | undefined | 'wait'> {
  switch (action.kind) {
    case 'order_event': {
      // Events from a connector are the platform's, whatever the mapping wrote: that is how a
      // shipment the platform told us of is told apart from one to tell it of.
      const parsed = orderEventBodySchema.safeParse({ ...action.event, actor: ref.platform });
      if (!parsed.success) return refusal('the event', parsed.error);
      return eventRefusal(await receiveOrderEvent(deps, ref.shopId, action.orderId, parsed.data));
    }
    case 'open_case': {
      const parsed = caseIntakeSchema.safeParse({ ...action.intake, shopId: ref.shopId });
      if (!parsed.success) return refusal('the case', parsed.error);
      const receipt = await openCase(deps, parsed.data);
      if (receipt.outcome === 'order_not_found')
        return attempts < ROUNDS_AWAITING_ORDER
          ? 'wait'
          : `case ${parsed.data.caseId}: its order ${parsed.data.orderId} never arrived`;
      return caseRefusal(parsed.data.caseId, receipt);
    }
    default:
      return action satisfies never;
  }
}

function refusal(what: string, error: ZodError): string {
  return `${what} is not valid: ${invalidRequest(error)
    .fields.map((f) => `${f.field} ${f.message}`)
    .join(', ')}`;
}

function eventRefusal(receipt: EventReceipt): string | undefined {
  switch (receipt.outcome) {
    case 'accepted':
      return undefined;
    case 'invalid':
      return `${receipt.field} ${receipt.message}`;
    case 'order_conflict':
      return 'another order was received under this order id first, and it stands';
    case 'event_conflict':
      return 'another event was received under this event id first, and it stands';
    default:
      return receipt satisfies never;
  }
}

function caseRefusal(
  caseId: string,
  receipt: Exclude<CaseReceipt, { outcome: 'order_not_found' }>,
): string | undefined {
  switch (receipt.outcome) {
    case 'opened':
    case 'repeated':
      return undefined;
    case 'case_conflict':
      return `another case was received as ${caseId} first, and it stands`;
    case 'order_not_paid':
      return `case ${caseId}: nothing is paid on the order yet`;
    case 'exceeds_refundable':
      return `case ${caseId}: asks more than the ${receipt.money.refundable} still refundable`;
    case 'unknown_line':
      return `case ${caseId}: the order has ${receipt.lines} item lines`;
    default:
      return receipt satisfies never;
  }
}
