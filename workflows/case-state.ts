// What one after-sales case's workflow knows and shows: the facts its events brought (latched),
// its status, log and deadlines, what the buyer waits for next (A1), and how each change reaches the
// case's log, its row, the search attributes and the Web UI.
import { setHandler, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';
import type { CaseFacts, CaseFields } from '../activities/case-activities';
import {
  caseEventSignal,
  CaseStatusAttribute,
  CaseTypeAttribute,
  getCaseStateQuery,
  INITIAL_CASE_STATUS,
  ShopIdAttribute,
  statusChangeType,
  type CaseState,
  type CaseStatus,
  type CaseStep,
  type CaseWorkflowInput,
} from './definitions';
import type { CaseEventOf } from './case-events';
import { createAttention } from './attention';
import { createDeadlines } from './deadlines';
import { createSearchAttributeWriter } from './search-attributes';
import { durationMs } from './shop-policy';
import { notifyBuyer } from './messaging';
import type { TemplateName, TemplateVariables } from '../activities/messages/templates';
import { createTaskInbox } from './task-inbox';
import { recordActivities } from './record-activities';

export interface CaseEventFacts {
  returnShipped?: CaseEventOf<'return_shipped'>;
  returnReceived?: CaseEventOf<'return_received'>;
  withdrawn?: CaseEventOf<'withdrawn'>;
}

export type Case = ReturnType<typeof createCase>;

/** Call once, first thing in the workflow: it registers the event signal and the state query. */
export function createCase(input: CaseWorkflowInput) {
  const { shopId, caseId, orderId, type, situation, policy } = input;
  const attributes = createSearchAttributeWriter();
  const records = recordActivities<CaseActivities>(attributes);
  const now = () => new Date(Date.now()).toISOString();
  const events: CaseEventFacts = {};
  const state: CaseState = {
    shopId,
    caseId,
    orderId,
    type,
    situation,
    status: INITIAL_CASE_STATUS,
    openedAt: now(),
    // A2: what the buyer may expect from the first moment the case exists.
    next: {
      step: 'first_response',
      by: new Date(Date.now() + durationMs(policy.cases.firstResponseWithin)).toISOString(),
    },
    deadlines: [],
    log: [],
    eventIds: [],
  };
  const attention = createAttention(attributes);
  // A1: every task of a case is the step its buyer waits for, so a task past due is a case late.
  const inbox = createTaskInbox(attributes, { timeZone: policy.timeZone, attention, overdueAlso: 'CASE_LATE' });
  const deadlines = createDeadlines(
    state.deadlines,
    policy.timeZone,
    () => `Case ${state.status}; nothing scheduled.`,
    attributes,
  );
  // Messages run beside the rules (one held for quiet hours must not hold up a decision); the
  // workflow waits for them before it ends.
  const messages: Promise<unknown>[] = [];
  let facts: CaseFacts | undefined;

  setHandler(getCaseStateQuery, () => state);
  setHandler(caseEventSignal, (event) => {
    if (state.eventIds.includes(event.eventId)) return;
    state.eventIds.push(event.eventId);
    state.log.push({ at: now(), what: `event ${event.type}`, by: event.by });
    switch (event.type) {
      case 'return_shipped':
        events.returnShipped ??= event;
        break;
      case 'return_received':
        events.returnReceived ??= event;
        break;
      case 'withdrawn':
        events.withdrawn ??= event;
        break;
      default:
        event satisfies never;
    }
  });
  attributes.setFromStart([
    { key: ShopIdAttribute, value: shopId },
    { key: CaseTypeAttribute, value: type },
    { key: CaseStatusAttribute, value: state.status },
  ]);

  const kase = {
    input,
    policy: policy.cases,
    timeZone: policy.timeZone,
    events,
    state,
    inbox,
    ref: { shopId, caseId },
    /** For tasks and messages, which are filed under the order. */
    orderRef: { shopId, orderId },
    now,
    attributes,
    attention,
    records,
    deadline: deadlines.deadline,
    waitUntil: deadlines.waitUntil,

    get facts(): CaseFacts {
      return facts!;
    },

    /** Writes (or finds) the case's row and learns the order's facts. */
    async record(): Promise<CaseFacts> {
      const { requestedAmount, channel, openedBy } = input;
      const recorded = await records.recordCase({
        shopId,
        caseId,
        orderId,
        type,
        situation,
        requestedAmount,
        channel,
        openedBy,
        workflowId: workflowInfo().workflowId,
        at: state.openedAt,
      });
      facts = recorded;
      return recorded;
    },

    /** Appends a change to the case's log (and sets columns), keyed by the step. */
    async change(
      step: string,
      what: string,
      change: { by: string; rule: string; data?: Record<string, string | number | boolean>; set?: CaseFields },
    ) {
      const { by, rule, data, set } = change;
      await records.changeCase({
        shopId,
        caseId,
        entryId: `${workflowInfo().workflowId}:${step}`,
        type: what,
        at: now(),
        actor: by,
        data: { ...data, rule },
        set,
      });
      state.log.push({ at: now(), what, rule, by });
    },

    /** Sets the status everywhere: state, search attribute, the case's row and its log. */
    async setStatus(
      step: string,
      status: CaseStatus,
      change: { by: string; rule: string; reason?: string; set?: CaseFields },
    ) {
      await kase.change(step, statusChangeType(status), {
        ...change,
        data: change.reason ? { reason: change.reason } : undefined,
        set: { ...change.set, status },
      });
      state.status = status;
      attributes.set([{ key: CaseStatusAttribute, value: status }]);
      deadlines.show();
    },

    /** What the buyer waits for next, and by when (A1's progress answer). */
    expect(step: CaseStep, by?: number) {
      state.next = by === undefined ? { step } : { step, by: new Date(by).toISOString() };
    },

    /** Tells the buyer, once per step, in the buyer's language; does not wait for quiet hours to end. */
    tell<N extends TemplateName>(step: string, template: N, variables: TemplateVariables<N>) {
      const sending = notifyBuyer(step, {
        ...kase.orderRef,
        channel: policy.cases.notifyChannel,
        template,
        variables,
        locale: facts?.locale,
      });
      sending.catch(() => undefined); // awaited by settleMessages
      messages.push(sending);
    },

    /** Waits for every message of the case to be sent, held to the end, suppressed or failed. */
    async settleMessages(): Promise<void> {
      await Promise.allSettled(messages);
    },
  };
  return kase;
}
