// Tasks as the API shows them, and the words the page needs for them.
import type { TaskKind, TaskQueue } from '../workflows/task-kinds';
import { QUEUE_NAMES, type Locale } from './i18n';

export type TaskStatus = 'OPEN' | 'CLAIMED' | 'DONE' | 'CANCELLED';

export interface TaskView {
  taskId: string;
  shopId: string;
  kind: TaskKind;
  queue: TaskQueue;
  status: TaskStatus;
  assignee: string | null;
  title: string;
  details: Record<string, unknown> | null;
  orderId: string | null;
  workflowId: string;
  dueAt: string;
  overdue: boolean;
  escalateTo: TaskQueue | null;
  escalatedAt: string | null;
  outcome: unknown;
  proposedOutcome: unknown;
  proposedBy: string | null;
  completedBy: string | null;
  createdAt: string;
}

export const queueName = (queue: TaskQueue, locale: Locale) => QUEUE_NAMES[queue][locale];
export const TASK_QUEUE_LIST = Object.keys(QUEUE_NAMES) as TaskQueue[];
