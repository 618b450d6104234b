// A task as the API shows it: the row, with whether it is overdue now.
import type { Task } from '../generated/prisma/client';

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
    completedBy: task.completedBy,
    createdAt: task.createdAt.toISOString(),
    claimedAt: task.claimedAt?.toISOString() ?? null,
    completedAt: task.completedAt?.toISOString() ?? null,
  };
}
