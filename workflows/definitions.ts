// What the API, the worker and the workflows agree on: ids, task queue, search attributes,
// inputs, state and query definitions. Imported by workflow code, so it stays free of I/O.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus, CaseStep, CaseType } from './case-vocabulary';
import type { Deadline } from './deadlines';
import type { OrderEvent } from './order-events';
import type { CaseEvent } from './case-events';
import type { ReviewRating, ShopPolicy } from './shop-policy';

export const ORDER_TASK_QUEUE = 'orders';

/** The log entry's type of a status change (an order's or a case's), which readers of the log look for. */
export function statusChangeType(status: string): string {
  return `status ${status}`;
}

/** One workflow per order; the id says what it is and makes a repeated start collide. */
export function orderWorkflowId(shopId: string, orderId: string): string {
  return `order:${shopId}:${orderId}`;
}

export const PAYMENT_METHODS = ['ONLINE', 'CASH_ON_DELIVERY'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const ORDER_STATUSES = [
  'AWAITING_PAYMENT',
  'AWAITING_COD_CONFIRMATION',
  'AWAITING_SHIPMENT',
  'PACKED',
  'SHIPPED',
  'DELIVERED',
  'RECEIVED',
  /** O10/O11: the parcel was lost or went back; the order waits for the case that settles it. */
  'AWAITING_SETTLEMENT',
  'COMPLETED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Statuses after which nothing more happens to an order. */
export const CLOSED_ORDER_STATUSES: readonly OrderStatus[] = ['COMPLETED', 'CANCELLED'];
/** A workflow started by an event that came before its order (paid before placed) waits in this status. */
export const AWAITING_ORDER = 'AWAITING_ORDER';

/** A cash-on-delivery order is confirmed with the buyer before anything else (O4). */
export function initialOrderStatus(paymentMethod: PaymentMethod): OrderStatus {
  return paymentMethod === 'CASH_ON_DELIVERY' ? 'AWAITING_COD_CONFIRMATION' : 'AWAITING_PAYMENT';
}

/** Review repair (R1-R4): one case per order, started by the order's workflow (O12). */
export function reviewRepairWorkflowId(shopId: string, orderId: string): string {
  return `review:${shopId}:${orderId}`;
}

// Typed search attributes, so ops can filter orders in the Web UI and `temporal workflow list`.
// The worker registers every key listed in SEARCH_ATTRIBUTE_KEYS at start; the workflow sets them.
export const ShopIdAttribute = defineSearchAttributeKey('ShopId', SearchAttributeType.KEYWORD);
export const OrderStatusAttribute = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const PaymentMethodAttribute = defineSearchAttributeKey('PaymentMethod', SearchAttributeType.KEYWORD);
export const BuyerTierAttribute = defineSearchAttributeKey('BuyerTier', SearchAttributeType.KEYWORD);
/** The earliest moment a rule of the order acts next (a reminder, a close, an escalation). */
export const NextDeadlineAttribute = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
/** O8: paid, past its shipping cut-off and not shipped. */
export const LateToShipAttribute = defineSearchAttributeKey('LateToShip', SearchAttributeType.BOOL);
/** After-sales cases: the type and where it stands (ShopId and NextDeadline are shared with orders). */
export const CaseTypeAttribute = defineSearchAttributeKey('CaseType', SearchAttributeType.KEYWORD);
export const CaseStatusAttribute = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
/**
 * What needs a person now, one flag per condition, on while it lasts (workflows/attention.ts).
 * One keyword list holds every flag: SQL visibility allows only three Bool attributes.
 */
export const ATTENTION_FLAGS = [
  /** O8: paid, past its shipping cut-off and not shipped (as LateToShip). */
  'LATE_TO_SHIP',
  /** O10: a problem scan or no scan for too long, from the follow-up until the parcel moves, arrives or is received. */
  'PROBLEM_PARCEL',
  /** T1: a task of the workflow is open past its due time. */
  'TASK_OVERDUE',
  /** T3: a task of the workflow was moved to its escalation queue and is still open. */
  'TASK_ESCALATED',
  /** A1-A6: an after-sales case's task for the step the buyer waits for is past due. */
  'CASE_LATE',
] as const;
export type AttentionFlag = (typeof ATTENTION_FLAGS)[number];
export const AttentionAttribute = defineSearchAttributeKey('Attention', SearchAttributeType.KEYWORD_LIST);
export const SEARCH_ATTRIBUTE_KEYS = [
  ShopIdAttribute,
  OrderStatusAttribute,
  PaymentMethodAttribute,
  BuyerTierAttribute,
  NextDeadlineAttribute,
  LateToShipAttribute,
  CaseTypeAttribute,
  CaseStatusAttribute,
  AttentionAttribute,
];

/**
 * The workflow's input carries ids and the shop's policy when the order's workflow started (its
 * promises keep those numbers). Facts of the order come with its `placed` event; the buyer's name,
 * phone and address never enter the workflow: activities read them from the database.
 */
export interface OrderWorkflowInput {
  shopId: string;
  orderId: string;
  policy: ShopPolicy;
}

/** What the `placed` event tells the workflow: non-personal facts only. */
export interface PlacedOrder {
  paymentMethod: PaymentMethod;
  /** ISO-8601 time the buyer placed the order on the platform. */
  placedAt: string;
  totalAmount: string;
  currency: string;
  buyerTier: string;
}

/** One line of what the workflow did or learnt, newest last (the database keeps the full O6 log). */
export interface OrderLogEntry {
  at: string;
  what: string;
  rule?: string;
  by?: string;
  reason?: string;
}

export interface OrderState {
  shopId: string;
  orderId: string;
  status: OrderStatus | typeof AWAITING_ORDER;
  placed?: PlacedOrder;
  /** Whether the order row has been written to the database. */
  recorded: boolean;
  paidAt?: string;
  /** O8: when the order must leave, by the shop's cut-off. */
  shipDueAt?: string;
  lateToShip: boolean;
  courier?: string;
  trackingNumber?: string;
  /** O2: the agent whose chase preceded payment. */
  creditedAgent?: string;
  closedReason?: string;
  deadlines: Deadline[];
  log: OrderLogEntry[];
  /** Ids of the events applied, so that a repeated event has one effect. */
  eventIds: string[];
}

export const getOrderStateQuery = defineQuery<OrderState>('getOrderState');
/** Events of the platform and the shop, delivered (and the workflow started if need be) by the API. */
export const orderEventSignal = defineSignal<[OrderEvent]>('orderEvent');

/** An agent's report that finishes a task (T1); the API sends it to the workflow waiting on the task. */
export interface CompleteTaskRequest {
  taskId: string;
  agentId: string;
  /** Validated against the task kind's schema (task-kinds.ts) by the API and again by the workflow. */
  outcome: unknown;
}

export interface TaskCompletion {
  taskId: string;
  kind: string;
  outcome: unknown;
  completedBy: string;
  completedAt: string;
}

/** Refused (and nothing recorded) when the task is not open in the workflow or the outcome is invalid. */
export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTaskRequest]>('completeTask');

/** Review repair's own events: the buyer changed (or deleted) the review (R3). */
export interface ReviewChange {
  eventId: string;
  rating: ReviewRating | 'deleted';
  at: string;
  by: string;
}
export const reviewChangedSignal = defineSignal<[ReviewChange]>('reviewChanged');

// After-sales cases (A1-A7): one workflow per case, on the same task queue as orders.

// The cases' vocabularies live apart from the SDK's definitions, so the workbench page can read them.
export * from './case-vocabulary';

export function caseWorkflowId(shopId: string, caseId: string): string {
  return `case:${shopId}:${caseId}`;
}

/** A1: the buyer's link, on the shop's page (policy cases.progressPageUrl) or the API's own progress answer. */
export function caseProgressUrl(pageUrl: string, shopId: string, caseId: string, accessToken: string): string {
  return `${pageUrl}/${shopId}/${caseId}/progress?token=${accessToken}`;
}

/** A case's facts as the workflow may hold them: the buyer's own words stay in the `cases` row. */
export interface CaseWorkflowInput {
  shopId: string;
  caseId: string;
  orderId: string;
  type: CaseType;
  /** A6/A7: what happened (lost_parcel, quality_defect, no_reason, ...). */
  situation: string;
  /** What the buyer asks back (yuan, two decimals); the order's total when absent. */
  requestedAmount?: string;
  /** The order's item line the case is about (1-based): its refunds are capped by that line's share of the payment. */
  lineNo?: number;
  /** A1: where it came from, and who opened it (an id). */
  channel: string;
  openedBy: string;
  policy: ShopPolicy;
}

export interface CaseState {
  shopId: string;
  caseId: string;
  orderId: string;
  type: CaseType;
  situation: string;
  status: CaseStatus;
  openedAt: string;
  /** What the buyer waits for next and by when (A1). */
  next: { step: CaseStep; by?: string };
  decision?: { approved: boolean; by: string; at: string; rule: string };
  refund?: { amount: string; currency: string; status: string };
  compensation?: { offer: string; amount?: string };
  closedReason?: string;
  deadlines: Deadline[];
  log: OrderLogEntry[];
  eventIds: string[];
}

export const getCaseStateQuery = defineQuery<CaseState>('getCaseState');
export const caseEventSignal = defineSignal<[CaseEvent]>('caseEvent');

// Connectors: one workflow per shop and platform (connectors/), on the same task queue.

export function connectorWorkflowId(shopId: string, platform: string): string {
  return `connector:${shopId}:${platform}`;
}

/** A backfill is named by its range, so asking for the same range twice runs it once. */
export function connectorBackfillWorkflowId(shopId: string, platform: string, from: string, to: string): string {
  return `connector-backfill:${shopId}:${platform}:${from}:${to}`;
}

/** Something is waiting for the connector now (a webhook kept, settings changed, a backfill done): start the next round. */
export const connectorWakeSignal = defineSignal('connectorWake');

/**
 * The id a workflow of `type` runs under, made from its start input's ids, as the code that starts it
 * names it. Replaying a recorded history needs it: task, message and ledger ids carry the workflow id.
 */
export function workflowIdFromStart(type: string, input: Record<string, string>): string | undefined {
  switch (type) {
    case 'orderWorkflow':
      return orderWorkflowId(input.shopId, input.orderId);
    case 'afterSalesCaseWorkflow':
      return caseWorkflowId(input.shopId, input.caseId);
    case 'reviewRepairWorkflow':
      return reviewRepairWorkflowId(input.shopId, input.orderId);
    case 'connectorWorkflow':
      return connectorWorkflowId(input.shopId, input.platform);
    default:
      return undefined;
  }
}
