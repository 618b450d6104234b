// How a workflow gives a person a job (T1-T3): open the task, wait for its outcome until it is
// due, escalate it (another queue, a notice to staff) and keep waiting. The outcome arrives as the
// `completeTask` update, validated here before anything is recorded, so an invalid or late outcome
// is refused and the database and the workflow never disagree.
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { TaskActivities } from '../activities';
import type { Attention } from './attention';
import { completeTaskUpdate, type AttentionFlag, type TaskCompletion } from './definitions';
import { opsWebUi } from './lean-history';
import { notifyStaff } from './messaging';
import { durationMs } from './shop-policy';
import { recordActivities } from './record-activities';
import type { SearchAttributeWriter } from './search-attributes';
import { localDateTime } from './shop-clock';
import { parseOutcome, type TaskKind, type TaskOutcome, type TaskQueue } from './task-kinds';

export interface TaskSpec<K extends TaskKind> {
  shopId: string;
  kind: K;
  queue: TaskQueue;
  title: string;
  /** How long the queue has: a policy duration ("2h"), or `{ at }` a moment (ISO-8601) another rule fixed. */
  due: string | { at: string };
  /** T3: who takes it over when it is late. */
  escalateTo?: TaskQueue;
  orderId?: string;
  /** Non-personal facts for the agent (ids, amounts, deadlines). */
  details?: Record<string, string | number | boolean>;
}

export interface TaskResult<K extends TaskKind> extends TaskCompletion {
  outcome: TaskOutcome<K>;
}

interface WaitingTask {
  kind: TaskKind;
  completing: boolean;
  completion?: TaskCompletion;
}

/** The outcome as the task's kind reads it; refuses (the update, not the workflow) an invalid one. */
function validOutcome(kind: TaskKind, outcome: unknown): TaskOutcome<TaskKind> {
  const parsed = parseOutcome(kind, outcome);
  if (parsed.ok) return parsed.outcome;
  throw ApplicationFailure.create({
    type: 'InvalidTaskOutcome',
    message: `Invalid outcome for a ${kind} task`,
    details: [parsed.problems],
    nonRetryable: true,
  });
}

export interface TaskInboxOptions {
  /** The shop's time zone, in which the Web UI's timer summaries give due times. */
  timeZone: string;
  /** The workflow's Attention flags: TASK_OVERDUE while a task is past due, TASK_ESCALATED while an escalated one is open. */
  attention: Attention;
  /** Raised too while a task is past due (an after-sales case's tasks: CASE_LATE). */
  overdueAlso?: AttentionFlag;
}

/** Call once per workflow: it registers the update handler that completions arrive through. */
export function createTaskInbox(
  attributes: SearchAttributeWriter,
  { timeZone, attention, overdueAlso }: TaskInboxOptions,
) {
  const { openTask, escalateTask, recordTaskOutcome, cancelTask } = recordActivities<TaskActivities>(attributes);
  const waiting = new Map<string, WaitingTask>();

  setHandler(
    completeTaskUpdate,
    async ({ taskId, agentId, outcome }) => {
      const task = waiting.get(taskId)!;
      task.completing = true;
      try {
        task.completion = await recordTaskOutcome({ taskId, agentId, outcome: validOutcome(task.kind, outcome) });
        return task.completion;
      } finally {
        task.completing = false;
      }
    },
    {
      validator: ({ taskId, outcome }) => {
        const task = waiting.get(taskId);
        if (!task || task.completion || task.completing) {
          throw ApplicationFailure.create({
            type: 'TaskNotOpen',
            message: `Task ${taskId} is not waiting for an outcome in this workflow`,
            nonRetryable: true,
          });
        }
        validOutcome(task.kind, outcome);
      },
    },
  );

  return {
    /**
     * Finishes the open task of `step` for its waiter, as an event did the job (the platform
     * reports the parcel shipped): recorded with `by` as the completer. No-op when none is open.
     */
    async settle(step: string, by: string, outcome: unknown): Promise<void> {
      const taskId = `${workflowInfo().workflowId}:${step}`;
      const task = waiting.get(taskId);
      if (!task || task.completion || task.completing) return;
      task.completing = true;
      try {
        task.completion = await recordTaskOutcome({ taskId, agentId: by, outcome: validOutcome(task.kind, outcome) });
      } finally {
        task.completing = false;
      }
    },

    /**
     * Opens the task of `step` (once: a repeated step finds it) and resolves with its outcome.
     * Cancelling the calling scope withdraws the task.
     */
    async run<K extends TaskKind>(step: string, spec: TaskSpec<K>): Promise<TaskResult<K>> {
      const { workflowId } = workflowInfo();
      const taskId = `${workflowId}:${step}`;
      const dueAt =
        typeof spec.due === 'string' ? new Date(Date.now() + durationMs(spec.due)).toISOString() : spec.due.at;
      // Waiting before the row exists: an agent may complete the task the moment it is listed as
      // OPEN, before this workflow has heard that the activity wrote it.
      const task: WaitingTask = { kind: spec.kind, completing: false };
      waiting.set(taskId, task);
      const opened = await openTask({ ...spec, details: spec.details ?? {}, taskId, workflowId, dueAt }).catch(
        (err: unknown) => {
          waiting.delete(taskId);
          throw err;
        },
      );
      if (opened.completion) {
        waiting.delete(taskId);
        return opened.completion as TaskResult<K>;
      }
      // Lowers the task's Attention flags when it ends, however it ends.
      const lowerers: (() => void)[] = [];
      try {
        const dueAt = Date.parse(opened.dueAt);
        const summary = opsWebUi()
          ? `${spec.kind} task due at ${localDateTime(dueAt, timeZone)} (${timeZone})`
          : `${spec.kind} task due at ${opened.dueAt}`;
        const inTime = await condition(() => task.completion !== undefined, Math.max(1, dueAt - Date.now()), {
          summary,
        });
        if (!inTime && !task.completing) {
          lowerers.push(attention.raise('TASK_OVERDUE'));
          if (overdueAlso) lowerers.push(attention.raise(overdueAlso));
        }
        if (!inTime && !task.completing && spec.escalateTo) {
          const escalated = await escalateTask({ taskId });
          lowerers.push(attention.raise('TASK_ESCALATED'));
          await notifyStaff(`${step}:escalated`, {
            shopId: spec.shopId,
            orderId: spec.orderId,
            channel: 'WEBHOOK',
            template: 'task_escalated',
            variables: { taskId, kind: spec.kind, queue: escalated.queue, dueAt: opened.dueAt },
          });
        }
        await condition(() => task.completion !== undefined);
        return task.completion as unknown as TaskResult<K>;
      } catch (err) {
        if (!isCancellation(err)) throw err;
        // An agent's completion already being recorded wins over the step's withdrawal: the agent
        // was told it counted, so the caller gets it. (Histories from before this rule withdrew it.)
        if (task.completing && patched('completion-wins-over-withdrawal')) {
          await CancellationScope.nonCancellable(() => condition(() => !task.completing));
          if (task.completion) return task.completion as unknown as TaskResult<K>;
        }
        await CancellationScope.nonCancellable(() => cancelTask({ taskId }));
        throw err;
      } finally {
        waiting.delete(taskId);
        for (const lower of lowerers) lower();
      }
    },
  };
}

export type TaskInbox = ReturnType<typeof createTaskInbox>;
