// What the after-sales rule tests share: an order brought to the point a case needs (paid,
// shipped, received), a case opened on it the way the API opens one, its events, and what its
// rules left behind (the case row, tasks, messages, the refund ledger, the payment peer).
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { openCase } from '../../api/case-intake';
import { receiveCaseEvent } from '../../api/case-event-delivery';
import type { CaseEventBody, CaseIntake } from '../../api/case-schema';
import type { AfterSalesCase, Message, Refund, Task } from '../../generated/prisma/client';
import type { afterSalesCaseWorkflow } from '../../workflows';
import { caseWorkflowId, completeTaskUpdate, getCaseStateQuery, type CaseState } from '../../workflows/definitions';
import type { CaseEventType } from '../../workflows/case-events';
import { workerCaughtUp } from './caught-up';
import { eventually } from './eventually';
import { orderRules, type PlacedOrder } from './order-rules';
import { runPaymentPeerDuringTests } from './payment-peer';
import type { WorkerHarness } from './worker-harness';

export interface OpenedCase {
  caseId: string;
  order: PlacedOrder;
  handle: WorkflowHandle<typeof afterSalesCaseWorkflow>;
  accessToken: string;
  /** The id of the task or log entry of one of the case's steps. */
  id: (step: string) => string;
}

export function caseRules(t: WorkerHarness, shopId: string) {
  const orders = orderRules(t, shopId);
  const payments = runPaymentPeerDuringTests(t, shopId);
  const started: OpenedCase[] = [];
  // Cancelled, not terminated, for the same reason as orders (see order-rules.ts).
  afterEach(async () => {
    await Promise.all(started.splice(0).map((kase) => kase.handle.cancel().catch(() => undefined)));
  });

  const rules = {
    orders,
    payments,

    /** An order placed and paid at `hhmm` on the shop's clock, not shipped. */
    async paidOrder(hhmm = '10:00'): Promise<PlacedOrder> {
      const placed = await orders.place(hhmm);
      await orders.event(placed, 'paid');
      await orders.rowWhere(placed, (r) => r.status === 'AWAITING_SHIPMENT', 'AWAITING_SHIPMENT');
      return placed;
    },

    /** An order paid, shipped, delivered and received by the buyer. */
    async receivedOrder(hhmm = '10:00'): Promise<PlacedOrder> {
      const placed = await rules.paidOrder(hhmm);
      await orders.event(placed, 'shipped', { courier: '中通快递', trackingNumber: '75312345678901' });
      await orders.event(placed, 'delivered', {}, { actor: 'courier' });
      await orders.event(placed, 'receipt_confirmed', {}, { actor: 'buyer' });
      await orders.rowWhere(placed, (r) => r.status === 'RECEIVED', 'RECEIVED');
      return placed;
    },

    /** Opens a case on the order as POST /cases does, and waits until its workflow has recorded it. */
    async open(order: PlacedOrder, type: CaseIntake['type'], fields: Partial<CaseIntake> = {}): Promise<OpenedCase> {
      const caseId = `case-${randomUUID().slice(0, 8)}`;
      const receipt = await openCase(
        { temporal: t.env.client, prisma: t.prisma, taskQueue: t.worker.options.taskQueue },
        {
          shopId,
          caseId,
          orderId: order.order.orderId,
          type,
          situation: 'no_reason',
          channel: 'platform',
          openedBy: 'buyer',
          ...fields,
        },
      );
      if (receipt.outcome !== 'opened') throw new Error(`case not opened: ${receipt.outcome}`);
      const handle = t.env.client.workflow.getHandle<typeof afterSalesCaseWorkflow>(receipt.workflowId);
      const kase = {
        caseId,
        order,
        handle,
        accessToken: receipt.accessToken,
        id: (step: string) => `${receipt.workflowId}:${step}`,
      };
      started.push(kase);
      // A query before the first workflow task has run is refused; that is not yet started.
      await eventually(
        () => rules.state(kase).catch(() => undefined),
        (state) => !!state && (state.log.length > 0 || state.deadlines.length > 0),
        `${caseId} to start`,
      );
      return kase;
    },

    /** A case the order's workflow opened (a lost parcel), by its id. */
    adopt(order: PlacedOrder, caseId: string, accessToken = ''): OpenedCase {
      const workflowId = caseWorkflowId(shopId, caseId);
      const kase = {
        caseId,
        order,
        handle: t.env.client.workflow.getHandle<typeof afterSalesCaseWorkflow>(workflowId),
        accessToken,
        id: (step: string) => `${workflowId}:${step}`,
      };
      started.push(kase);
      return kase;
    },

    async event(kase: OpenedCase, type: CaseEventType, data: Record<string, unknown> = {}, actor = 'buyer') {
      const occurredAt = new Date(await t.env.currentTimeMs()).toISOString();
      const body: CaseEventBody = { eventId: `${type}-${randomUUID().slice(0, 8)}`, type, occurredAt, actor, data };
      return receiveCaseEvent({ temporal: t.env.client, prisma: t.prisma }, shopId, kase.caseId, body);
    },

    skipTo: orders.skipTo,
    /** Before checking that something did not happen: the worker has acted on all that did. */
    caughtUp: (kase: OpenedCase) => workerCaughtUp(kase.handle),
    state: (kase: OpenedCase): Promise<CaseState> => kase.handle.query(getCaseStateQuery),
    stateWhere: (kase: OpenedCase, ok: (state: CaseState) => boolean, what: string) =>
      eventually(() => rules.state(kase), ok, what),

    row: (kase: OpenedCase): Promise<AfterSalesCase> =>
      t.prisma.afterSalesCase.findUniqueOrThrow({ where: { shopId_caseId: { shopId, caseId: kase.caseId } } }),
    // A case a workflow opens (a lost parcel's) has no row until that workflow writes it: wait for the row too.
    rowWhere: (kase: OpenedCase, ok: (row: AfterSalesCase) => boolean, what: string): Promise<AfterSalesCase> =>
      eventually(
        () => t.prisma.afterSalesCase.findUnique({ where: { shopId_caseId: { shopId, caseId: kase.caseId } } }),
        (row) => !!row && ok(row),
        `case row ${what}`,
      ).then((row) => row!),
    status: (kase: OpenedCase, status: AfterSalesCase['status']) =>
      rules.rowWhere(kase, (row) => row.status === status, status),

    task: (kase: OpenedCase, step: string): Promise<Task | null> =>
      t.prisma.task.findUnique({ where: { id: kase.id(step) } }),
    taskWhere: (kase: OpenedCase, step: string, ok: (task: Task) => boolean, what: string): Promise<Task> =>
      eventually(
        () => rules.task(kase, step),
        (task) => !!task && ok(task),
        `task ${step} ${what}`,
      ).then((task) => task!),
    openTask: (kase: OpenedCase, step: string) => rules.taskWhere(kase, step, (task) => task.status === 'OPEN', 'open'),
    complete: (kase: OpenedCase, step: string, agentId: string, outcome: unknown) =>
      kase.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: kase.id(step), agentId, outcome }] }),

    message: (kase: OpenedCase, step: string): Promise<Message | null> =>
      t.prisma.message.findUnique({ where: { id: `${kase.id(step)}:WEBHOOK` } }),
    messageIn: (kase: OpenedCase, step: string, statuses: string[] = ['SENT']): Promise<Message> =>
      eventually(
        () => rules.message(kase, step),
        (row) => !!row && statuses.includes(row.status),
        `message ${step} to be ${statuses.join('/')}`,
      ).then((row) => row!),

    refunds: (kase: OpenedCase): Promise<Refund[]> =>
      t.prisma.refund.findMany({ where: { shopId, caseId: kase.caseId }, orderBy: { requestedAt: 'asc' } }),
  };
  return rules;
}
