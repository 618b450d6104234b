// Tasks as the API shows them, and the words for their kinds and queues: the API's own
// (api/task-texts.ts), so the page and the API's texts name them alike.
import { kindName, queueName } from '../api/task-texts';
import type { TaskKind, TaskQueue } from '../workflows/task-kinds';
import { TASK_KINDS, TASK_QUEUES } from '../workflows/task-kinds';

export { kindName, queueName };

export type TaskStatus = 'OPEN' | 'CLAIMED' | 'DONE' | 'CANCELLED';
type Words = Record<'zh-CN' | 'en', string>;

export interface FormField {
  name: string;
  type: 'flag' | 'choice' | 'text' | 'pattern';
  required: boolean;
  label: Words;
  choices: { value: string; label: Words }[] | null;
}

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
  caseId: string | null;
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
  display: {
    locale: 'zh-CN' | 'en';
    title: string;
    whatToDo: string;
    kindName: string;
    queueName: string;
    escalateToName: string | null;
    dueAtLocal: string;
  };
  form: { schema: { properties: Record<string, { maxLength?: number }> }; fields: FormField[] } | null;
}

export const TASK_QUEUE_LIST: readonly TaskQueue[] = TASK_QUEUES;
export const TASK_KIND_LIST = Object.keys(TASK_KINDS) as TaskKind[];
