// Activities of the task inbox (T1-T3): the `tasks` rows the API lists and agents work from. Each
// is idempotent on the task id (`<workflow id>:<step>`): a retry or a repeated step changes nothing twice.
import { ApplicationFailure } from '@temporalio/common';
import type { Prisma, Task } from '../generated/prisma/client';
import type { TaskCompletion } from '../workflows/definitions';
import type { TaskQueue } from '../workflows/task-kinds';
import type { PrismaClient } from './prisma-client';

export interface OpenTaskRequest {
  taskId: string;
  workflowId: string;
  shopId: string;
  kind: string;
  queue: TaskQueue;
  title: string;
  dueAt: string;
  escalateTo?: TaskQueue;
  orderId?: string;
  details: Record<string, string | number | boolean>;
}

export function taskCompletion(task: Task): TaskCompletion | undefined {
  if (task.status !== 'DONE' || !task.completedAt) return undefined;
  return {
    taskId: task.id,
    kind: task.kind,
    outcome: task.outcome,
    completedBy: task.completedBy ?? '',
    completedAt: task.completedAt.toISOString(),
  };
}

export function createTaskActivities(prisma: PrismaClient) {
  return {
    /**
     * Opens the task, or finds it: a task already done hands back its outcome, one still open its
     * stored due time (the workflow waits for that one), one cancelled earlier is opened again.
     */
    async openTask(request: OpenTaskRequest): Promise<{ dueAt: string; completion?: TaskCompletion }> {
      await prisma.task.createMany({
        skipDuplicates: true,
        data: {
          id: request.taskId,
          workflowId: request.workflowId,
          shopId: request.shopId,
          kind: request.kind,
          queue: request.queue,
          title: request.title,
          dueAt: new Date(request.dueAt),
          escalateTo: request.escalateTo ?? null,
          orderId: request.orderId ?? null,
          details: request.details,
        },
      });
      await prisma.task.updateMany({
        where: { id: request.taskId, status: 'CANCELLED' },
        data: {
          status: 'OPEN',
          queue: request.queue,
          assignee: null,
          claimedAt: null,
          escalatedAt: null,
          dueAt: new Date(request.dueAt),
        },
      });
      const task = await prisma.task.findUniqueOrThrow({ where: { id: request.taskId } });
      return { dueAt: task.dueAt.toISOString(), completion: taskCompletion(task) };
    },

    /** T3: a late task goes to its escalation queue, unassigned, for whoever there takes it first. */
    async escalateTask({ taskId }: { taskId: string }): Promise<{ queue: TaskQueue }> {
      const task = await prisma.task.findUniqueOrThrow({ where: { id: taskId } });
      if (task.escalateTo && !task.escalatedAt) {
        await prisma.task.updateMany({
          where: { id: taskId, status: { in: ['OPEN', 'CLAIMED'] }, escalatedAt: null },
          data: { queue: task.escalateTo, assignee: null, claimedAt: null, status: 'OPEN', escalatedAt: new Date() },
        });
      }
      return { queue: task.escalateTo ?? task.queue };
    },

    /** Called by the workflow's update handler only, after it has validated the outcome. */
    async recordTaskOutcome({
      taskId,
      agentId,
      outcome,
    }: {
      taskId: string;
      agentId: string;
      outcome: unknown;
    }): Promise<TaskCompletion> {
      const task = await prisma.task.findUniqueOrThrow({ where: { id: taskId } });
      const now = new Date();
      await prisma.task.updateMany({
        where: { id: taskId, status: { in: ['OPEN', 'CLAIMED'] } },
        data: {
          status: 'DONE',
          outcome: outcome as Prisma.InputJsonValue,
          completedBy: agentId,
          completedAt: now,
          claimedAt: task.claimedAt ?? now,
          assignee: task.assignee ?? agentId,
        },
      });
      const completion = taskCompletion(await prisma.task.findUniqueOrThrow({ where: { id: taskId } }));
      if (!completion)
        throw ApplicationFailure.nonRetryable(
          `Task ${taskId} was cancelled before its outcome was recorded`,
          'TaskNotOpen',
        );
      return completion;
    },

    /** The workflow no longer needs the task (the buyer paid, the order closed). */
    async cancelTask({ taskId }: { taskId: string }): Promise<void> {
      await prisma.task.updateMany({
        where: { id: taskId, status: { in: ['OPEN', 'CLAIMED'] } },
        data: { status: 'CANCELLED' },
      });
    },
  };
}
