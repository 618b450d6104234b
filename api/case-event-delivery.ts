// Takes an event about an after-sales case: keeps it in the case's log first (an event for a case
// not yet known is kept too, and handed to the case when it opens), then signals the case's
// workflow while it is open.
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Prisma } from '../generated/prisma/client';
import { appendCaseLog } from '../activities/log-entries';
import type { PrismaClient } from '../activities/prisma-client';
import { caseEventSignal, caseWorkflowId, CLOSED_CASE_STATUSES } from '../workflows/definitions';
import type { CaseEvent } from '../workflows/case-events';
import type { CaseEventBody } from './case-schema';

export type CaseEventReceipt =
  | { outcome: 'event_conflict' }
  /** `delivered` is false for a case unknown, not started or closed: `reason` says which. */
  | {
      outcome: 'accepted';
      workflowId: string;
      duplicate: boolean;
      delivered: boolean;
      reason?: 'case_not_found' | 'case_not_started' | 'case_closed';
    };

export async function receiveCaseEvent(
  deps: { temporal: Client; prisma: PrismaClient },
  shopId: string,
  caseId: string,
  body: CaseEventBody,
): Promise<CaseEventReceipt> {
  const { temporal, prisma } = deps;
  const workflowId = caseWorkflowId(shopId, caseId);
  const payloadHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const entryId = `event:${body.eventId}`;
  const inserted = await appendCaseLog(prisma, {
    shopId,
    caseId,
    entryId,
    kind: 'EVENT',
    type: body.type,
    actor: body.actor,
    data: { ...body.data, ...(body.reason ? { reason: body.reason } : {}) } as Prisma.InputJsonValue,
    payloadHash,
    at: new Date(body.occurredAt),
  });
  const duplicate = inserted === 0;
  if (duplicate) {
    const first = await prisma.caseLogEntry.findUniqueOrThrow({
      where: { shopId_caseId_entryId: { shopId, caseId, entryId } },
    });
    if (first.payloadHash !== payloadHash) return { outcome: 'event_conflict' };
  }

  const row = await prisma.afterSalesCase.findUnique({
    where: { shopId_caseId: { shopId, caseId } },
    select: { status: true },
  });
  if (!row) return { outcome: 'accepted', workflowId, duplicate, delivered: false, reason: 'case_not_found' };
  if (CLOSED_CASE_STATUSES.includes(row.status))
    return { outcome: 'accepted', workflowId, duplicate, delivered: false, reason: 'case_closed' };
  const event = {
    eventId: body.eventId,
    at: new Date(body.occurredAt).toISOString(),
    by: body.actor,
    type: body.type,
    ...body.data,
  } as CaseEvent;
  // Between the case's row and its workflow's start, the event waits in the log for openCase.
  if (!(await signalCase(temporal, workflowId, event)))
    return { outcome: 'accepted', workflowId, duplicate, delivered: false, reason: 'case_not_started' };
  return { outcome: 'accepted', workflowId, duplicate, delivered: true };
}

/** False when the case's workflow does not exist (yet). */
async function signalCase(temporal: Client, workflowId: string, event: CaseEvent): Promise<boolean> {
  try {
    await temporal.workflow.getHandle(workflowId).signal(caseEventSignal, event);
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/**
 * Hands a case's workflow the events kept before it started (the warehouse's scan can come before
 * the platform's case); the workflow applies each id once, so a repeat does no harm.
 */
export async function deliverKeptCaseEvents(
  deps: { temporal: Client; prisma: PrismaClient },
  shopId: string,
  caseId: string,
): Promise<void> {
  const entries = await deps.prisma.caseLogEntry.findMany({
    where: { shopId, caseId, kind: 'EVENT' },
    orderBy: { at: 'asc' },
  });
  for (const entry of entries) {
    // The free-text reason stays in the log; the workflow gets the event's facts.
    const data = { ...(entry.data as Record<string, unknown>) };
    delete data.reason;
    const event = {
      eventId: entry.entryId.slice('event:'.length),
      at: entry.at.toISOString(),
      by: entry.actor,
      type: entry.type,
      ...data,
    } as CaseEvent;
    await signalCase(deps.temporal, caseWorkflowId(shopId, caseId), event);
  }
}
