// What the API, the worker and the workflows agree on: ids, task queue, search attributes,
// inputs, state and query definitions. Imported by workflow code, so it stays free of I/O.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const ORDER_TASK_QUEUE = 'orders';

/** One workflow per order; the id says what it is and makes a repeated start collide. */
export function orderWorkflowId(shopId: string, orderId: string): string {
  return `order:${shopId}:${orderId}`;
}

export const PAYMENT_METHODS = ['ONLINE', 'CASH_ON_DELIVERY'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const ORDER_STATUSES = ['AWAITING_PAYMENT', 'AWAITING_COD_CONFIRMATION', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Statuses after which nothing more happens to an order. */
export const CLOSED_ORDER_STATUSES: readonly OrderStatus[] = ['CANCELLED'];

/** A cash-on-delivery order is confirmed with the buyer before anything else (O4). */
export function initialOrderStatus(paymentMethod: PaymentMethod): OrderStatus {
  return paymentMethod === 'CASH_ON_DELIVERY' ? 'AWAITING_COD_CONFIRMATION' : 'AWAITING_PAYMENT';
}

// Typed search attributes, so ops can filter orders in the Web UI and `temporal workflow list`.
// The worker registers every key listed in SEARCH_ATTRIBUTE_KEYS at start; the workflow sets them.
export const ShopIdAttribute = defineSearchAttributeKey('ShopId', SearchAttributeType.KEYWORD);
export const OrderStatusAttribute = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const PaymentMethodAttribute = defineSearchAttributeKey('PaymentMethod', SearchAttributeType.KEYWORD);
export const SEARCH_ATTRIBUTE_KEYS = [ShopIdAttribute, OrderStatusAttribute, PaymentMethodAttribute];

/**
 * The workflow's input carries ids and non-personal facts only: the buyer's name, phone and
 * address stay in the database, where activities read them.
 */
export interface OrderWorkflowInput {
  shopId: string;
  orderId: string;
  paymentMethod: PaymentMethod;
  /** ISO-8601 time the buyer placed the order on the platform. */
  placedAt: string;
}

export interface OrderState extends OrderWorkflowInput {
  status: OrderStatus;
  /** Whether the order row has been written to the database. */
  recorded: boolean;
}

export const getOrderStateQuery = defineQuery<OrderState>('getOrderState');

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
