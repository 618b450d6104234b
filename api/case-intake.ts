// Opens an after-sales case (A1): keeps it first (so nothing is lost between the request and the
// workflow, and a repeat is told from a different case reusing the id), starts its workflow, and
// tells the order's workflow, which stops a shipment the buyer wants refunded instead.
import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { newAccessToken } from '../activities/case-activities';
import type { PrismaClient } from '../activities/prisma-client';
import { orderMoney, type OrderMoney } from '../activities/refund-ledger';
import { DEFAULT_PUBLIC_BASE_URL, progressLink } from '../activities/progress-link';
import { loadShopPolicy } from '../activities/shop-settings';
import {
  CaseStatusAttribute,
  CaseTypeAttribute,
  caseWorkflowId,
  CLOSED_CASE_STATUSES,
  INITIAL_CASE_STATUS,
  MONEY_CASE_TYPES,
  ORDER_TASK_QUEUE,
  ShopIdAttribute,
} from '../workflows/definitions';
import { cents } from '../workflows/money';
import type { afterSalesCaseWorkflow } from '../workflows';
import type { CaseIntake } from './case-schema';
import { deliverKeptCaseEvents } from './case-event-delivery';
import { receiveOrderEvent } from './order-event-delivery';

export type CaseReceipt =
  | { outcome: 'order_not_found' }
  | { outcome: 'case_conflict' }
  /** A refund asked on an order with nothing paid, or for more than is still refundable on it. */
  | { outcome: 'order_not_paid'; money: OrderMoney }
  | { outcome: 'exceeds_refundable'; money: OrderMoney }
  | { outcome: 'unknown_line'; lines: number }
  | { outcome: 'opened' | 'repeated'; workflowId: string; accessToken: string; progressUrl: string };

/** `publicBaseUrl`: where buyers reach the API, the progress link's base unless the shop has its own page. */
export async function openCase(
  deps: { temporal: Client; prisma: PrismaClient; taskQueue?: string; publicBaseUrl?: string },
  intake: CaseIntake,
): Promise<CaseReceipt> {
  const { temporal, prisma } = deps;
  const { shopId, caseId, orderId } = intake;
  const payloadHash = createHash('sha256').update(JSON.stringify(intake)).digest('hex');
  const kept = await prisma.afterSalesCase.findUnique({
    where: { shopId_caseId: { shopId, caseId } },
    select: { payloadHash: true, requestedAmount: true },
  });
  if (kept && kept.payloadHash !== payloadHash) return { outcome: 'case_conflict' };
  // What the API kept, not the workflow's order row: a case is taken while no worker runs.
  const money = await orderMoney(prisma, shopId, orderId, intake.lineNo);
  if (!money) return { outcome: 'order_not_found' };
  if (intake.lineNo !== undefined && intake.lineNo > money.lines)
    return { outcome: 'unknown_line', lines: money.lines };
  // A repeat is answered as the first request was, whatever has been refunded since.
  let requestedAmount = kept ? kept.requestedAmount?.toFixed(2) : intake.requestedAmount;
  if (!kept && MONEY_CASE_TYPES.includes(intake.type)) {
    if (money.paid === null) return { outcome: 'order_not_paid', money };
    const refundable = money.line?.refundable ?? money.refundable;
    requestedAmount ??= refundable;
    if (cents(requestedAmount) === 0 || cents(requestedAmount) > cents(refundable))
      return { outcome: 'exceeds_refundable', money };
  }

  const policy = await loadShopPolicy(prisma, shopId);
  const workflowId = caseWorkflowId(shopId, caseId);
  const { count } = await prisma.afterSalesCase.createMany({
    skipDuplicates: true,
    data: {
      shopId,
      caseId,
      orderId,
      workflowId,
      type: intake.type,
      status: 'OPEN',
      situation: intake.situation,
      channel: intake.channel,
      openedBy: intake.openedBy,
      description: intake.description ?? null,
      locale: intake.locale ?? policy.messages.defaultLocale,
      accessToken: newAccessToken(),
      requestedAmount: requestedAmount ?? null,
      lineNo: intake.lineNo ?? null,
      currency: money.currency,
      payloadHash,
      openedAt: new Date(),
    },
  });
  const row = await prisma.afterSalesCase.findUniqueOrThrow({ where: { shopId_caseId: { shopId, caseId } } });
  if (count === 0 && row.payloadHash !== payloadHash) return { outcome: 'case_conflict' };

  // Started again on a repeat too (the first request may have been kept but never started), but
  // never for a closed case, whose workflow Temporal may have forgotten after its retention.
  const opened = {
    workflowId,
    accessToken: row.accessToken,
    progressUrl: progressLink(policy, deps.publicBaseUrl ?? DEFAULT_PUBLIC_BASE_URL, shopId, caseId, row.accessToken),
  };
  if (count === 0 && CLOSED_CASE_STATUSES.includes(row.status)) return { outcome: 'repeated', ...opened };
  try {
    await temporal.workflow.start<typeof afterSalesCaseWorkflow>('afterSalesCaseWorkflow', {
      workflowId,
      taskQueue: deps.taskQueue ?? ORDER_TASK_QUEUE,
      args: [
        {
          shopId,
          caseId,
          orderId,
          type: intake.type,
          situation: intake.situation,
          requestedAmount,
          ...(intake.lineNo ? { lineNo: intake.lineNo } : {}),
          channel: intake.channel,
          openedBy: intake.openedBy,
          policy,
        },
      ],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // What the workflow would write first, written with its start instead (one history event fewer).
      typedSearchAttributes: [
        { key: ShopIdAttribute, value: shopId },
        { key: CaseTypeAttribute, value: intake.type },
        { key: CaseStatusAttribute, value: INITIAL_CASE_STATUS },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  await deliverKeptCaseEvents(deps, shopId, caseId);
  await receiveOrderEvent(deps, shopId, orderId, {
    eventId: `case:${caseId}`,
    type: 'case_opened',
    occurredAt: row.createdAt.toISOString(),
    actor: intake.openedBy,
    data: { caseId, caseType: intake.type },
  });
  return { outcome: count === 1 ? 'opened' : 'repeated', ...opened };
}
