// The agents' inbox (T1-T3): list tasks, claim one, hand it on, complete it. Completion goes to the
// waiting workflow as an update, which records it; the API never writes an outcome itself, so the
// database and the workflow cannot disagree.
import { isDeepStrictEqual } from 'node:util';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';
import type { Task } from '../../generated/prisma/client';
import { taskCompletion } from '../../activities/task-activities';
import { completeTaskUpdate, type TaskCompletion } from '../../workflows/definitions';
import { isTaskKind, parseOutcome, TASK_QUEUES } from '../../workflows/task-kinds';
import { type FieldProblem, sendError, validated } from '../errors';
import { idSchema } from '../field-rules';
import { refundBeyondPaid } from '../task-refund-check';
import { taskView } from '../task-view';

const agentId = idSchema;
const taskPath = z.object({ taskId: z.string().min(1).max(300) });
const listQuery = z.strictObject({
  shopId: idSchema,
  queue: z.enum(TASK_QUEUES).optional(),
  status: z.enum(['OPEN', 'CLAIMED', 'DONE', 'CANCELLED']).optional(),
  assignee: agentId.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const claimBody = z.strictObject({ agentId });
export const reassignBody = z.strictObject({
  agentId,
  /** T3: to a colleague (assignee) or to another queue, such as the supervisor's. */
  to: z.union([z.strictObject({ assignee: agentId }), z.strictObject({ queue: z.enum(TASK_QUEUES) })]),
});
export const completeBody = z.strictObject({ agentId, outcome: z.unknown() });

export function tasksRouter(deps: { temporal: Client; prisma: PrismaClient }): Router {
  const { temporal, prisma } = deps;
  const router = Router();

  async function findTask(res: Response, params: unknown): Promise<Task | undefined> {
    const path = validated(res, taskPath, params, 'params');
    if (!path) return undefined;
    const task = await prisma.task.findUnique({ where: { id: path.taskId } });
    if (!task) sendError(res, 404, 'task_not_found', `No task ${path.taskId}`);
    return task ?? undefined;
  }

  function refuseClosed(res: Response, task: Task): boolean {
    if (task.status === 'DONE' || task.status === 'CANCELLED') {
      sendError(res, 409, task.status === 'DONE' ? 'task_already_completed' : 'task_cancelled', `Task ${task.id} is ${task.status.toLowerCase()}`);
      return true;
    }
    return false;
  }

  router.get('/tasks', async (req, res) => {
    const query = validated(res, listQuery, req.query, 'query');
    if (!query) return;
    const tasks = await prisma.task.findMany({
      where: {
        shopId: query.shopId,
        queue: query.queue,
        status: query.overdue === 'true' ? { in: ['OPEN', 'CLAIMED'] } : query.status,
        assignee: query.assignee,
        ...(query.overdue === 'true' ? { dueAt: { lt: new Date() } } : {}),
      },
      orderBy: { dueAt: 'asc' },
      take: query.limit,
    });
    res.json({ tasks: tasks.map(taskView) });
  });

  router.get('/tasks/:taskId', async (req, res) => {
    const task = await findTask(res, req.params);
    if (task) res.json(taskView(task));
  });

  router.post('/tasks/:taskId/claim', async (req, res) => {
    const body = validated(res, claimBody, req.body, 'body');
    const task = body && (await findTask(res, req.params));
    if (!body || !task || refuseClosed(res, task)) return;
    await prisma.task.updateMany({ where: { id: task.id, status: 'OPEN' }, data: { status: 'CLAIMED', assignee: body.agentId, claimedAt: new Date() } });
    const now = await prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    if (now.assignee !== body.agentId) return sendError(res, 409, 'task_claimed_by_other', `Task ${task.id} is ${now.status.toLowerCase()}${now.assignee ? ` by ${now.assignee}` : ''}`);
    res.json(taskView(now));
  });

  router.post('/tasks/:taskId/reassign', async (req, res) => {
    const body = validated(res, reassignBody, req.body, 'body');
    const task = body && (await findTask(res, req.params));
    if (!body || !task || refuseClosed(res, task)) return;
    const data = 'assignee' in body.to
      ? { assignee: body.to.assignee, status: 'CLAIMED' as const, claimedAt: task.claimedAt ?? new Date() }
      : { queue: body.to.queue, assignee: null, status: 'OPEN' as const };
    await prisma.task.updateMany({ where: { id: task.id, status: { in: ['OPEN', 'CLAIMED'] } }, data });
    res.json(taskView(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })));
  });

  router.post('/tasks/:taskId/complete', async (req, res) => {
    const body = validated(res, completeBody, req.body, 'body');
    const task = body && (await findTask(res, req.params));
    if (!body || !task) return;
    if (!isTaskKind(task.kind)) return sendError(res, 409, 'unknown_task_kind', `Task ${task.id} is of kind ${task.kind}, which this version cannot complete`);
    const outcome = parseOutcome(task.kind, body.outcome);
    if (!outcome.ok) return sendError(res, 400, 'invalid_outcome', `Invalid outcome for a ${task.kind} task`, outcome.problems);
    const beyondPaid = await refundBeyondPaid(prisma, task, outcome.outcome);
    if (beyondPaid) return sendError(res, 422, 'exceeds_refundable', beyondPaid.message, [beyondPaid.field], beyondPaid.facts);
    const done = taskCompletion(task);
    if (done && isDeepStrictEqual(done.outcome, outcome.outcome) && done.completedBy === body.agentId) return res.json({ task: taskView(task), completion: done });
    if (refuseClosed(res, task)) return;
    if (task.status === 'CLAIMED' && task.assignee !== body.agentId) return sendError(res, 409, 'task_claimed_by_other', `Task ${task.id} is claimed by ${task.assignee}`);

    let completion: TaskCompletion;
    try {
      completion = await temporal.workflow
        .getHandle(task.workflowId)
        .executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, agentId: body.agentId, outcome: outcome.outcome }], updateId: `${task.id}:complete` });
    } catch (err) {
      return refuseUpdate(res, task, err);
    }
    // The update id makes a repeated completion return the first one; say so when it differs.
    if (!isDeepStrictEqual(completion.outcome, outcome.outcome)) return sendError(res, 409, 'task_already_completed', `Task ${task.id} was completed with another outcome`);
    res.json({ task: taskView(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })), completion });
  });

  return router;
}

function refuseUpdate(res: Response, task: Task, err: unknown): void {
  if (err instanceof WorkflowNotFoundError) return sendError(res, 409, 'workflow_closed', `The workflow ${task.workflowId} that waited on task ${task.id} has ended`);
  if (err instanceof WorkflowUpdateFailedError) {
    if (err.cause instanceof ApplicationFailure && err.cause.type === 'InvalidTaskOutcome') {
      return sendError(res, 400, 'invalid_outcome', err.cause.message, err.cause.details?.[0] as FieldProblem[]);
    }
    // Refused by the validator (the workflow no longer waits on it) or, rarely, the task was
    // cancelled while its outcome was being recorded: either way nothing was recorded.
    return sendError(res, 409, 'task_not_open', err.cause?.message ?? err.message);
  }
  throw err;
}
