// A task as the API shows it: the row, with whether it is overdue now.
import { z } from 'zod';
import type { Task } from '../generated/prisma/client';
import { TASK_QUEUES } from '../workflows/task-kinds';
import { isoTime, jsonValue } from './response-schemas';

const time = isoTime.nullable();
export const taskViewSchema = z.object({
  taskId: z.string(),
  shopId: z.string(),
  kind: z.string(),
  queue: z.enum(TASK_QUEUES),
  status: z.enum(['OPEN', 'CLAIMED', 'DONE', 'CANCELLED']),
  assignee: z.string().nullable(),
  title: z.string(),
  details: jsonValue,
  orderId: z.string().nullable(),
  workflowId: z.string(),
  dueAt: isoTime,
  overdue: z.boolean(),
  escalateTo: z.enum(TASK_QUEUES).nullable(),
  escalatedAt: time,
  outcome: jsonValue,
  proposedOutcome: jsonValue.describe("An agent's approval above the shop's threshold, waiting for a supervisor"),
  proposedBy: z.string().nullable(),
  completedBy: z.string().nullable(),
  createdAt: isoTime,
  claimedAt: time,
  completedAt: time,
});

export function taskView(task: Task) {
  const open = task.status === 'OPEN' || task.status === 'CLAIMED';
  return {
    taskId: task.id,
    shopId: task.shopId,
    kind: task.kind,
    queue: task.queue,
    status: task.status,
    assignee: task.assignee,
    title: task.title,
    details: task.details,
    orderId: task.orderId,
    workflowId: task.workflowId,
    dueAt: task.dueAt.toISOString(),
    overdue: open && task.dueAt.getTime() < Date.now(),
    escalateTo: task.escalateTo,
    escalatedAt: task.escalatedAt?.toISOString() ?? null,
    outcome: task.outcome,
    proposedOutcome: task.proposedOutcome,
    proposedBy: task.proposedBy,
    completedBy: task.completedBy,
    createdAt: task.createdAt.toISOString(),
    claimedAt: task.claimedAt?.toISOString() ?? null,
    completedAt: task.completedAt?.toISOString() ?? null,
  };
}
