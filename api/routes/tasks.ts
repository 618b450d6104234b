// The agents' inbox (T1-T3): list tasks, claim one, hand it on, complete it. Completion goes to the
// waiting workflow as an update, which records it; the API never writes an outcome itself, so the
// database and the workflow cannot disagree. The acting agent is always the signed-in caller.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { loadShopPolicy } from '../../activities/shop-settings';
import type { Prisma, Task } from '../../generated/prisma/client';
import { taskCompletion } from '../../activities/task-activities';
import { caseWorkflowId, completeTaskUpdate, type TaskCompletion } from '../../workflows/definitions';
import { cents } from '../../workflows/money';
import { LOCALES, type Locale } from '../../workflows/shop-policy';
import {
  isTaskKind,
  parseOutcome,
  TASK_KINDS,
  TASK_QUEUES,
  type TaskKind,
  type TaskQueue,
} from '../../workflows/task-kinds';
import type { FieldProblem } from '../errors';
import { casePathIdSchema } from '../case-schema';
import { idSchema } from '../field-rules';
import { outcomeSchema } from '../field-schema';
import { inputSchema } from '../json-schema';
import { error, jsonValue } from '../response-schemas';
import { fail, ok, route, type Reply, type ShopCaller } from '../route-table';
import { moneyDecided, refundBeyondPaid } from '../task-refund-check';
import { taskContext, taskContextSchema } from '../task-context';
import { taskShowing, taskView, taskViewSchema } from '../task-view';
import { TASK_WORKERS } from './roles';

const identityId = z.string().regex(/^(person|machine):[A-Za-z0-9_.@-]{1,80}$/, 'an identity id such as person:li-lei');
const taskPath = z.object({ taskId: z.string().min(1).max(300) });
const TASK_STATUSES = ['OPEN', 'CLAIMED', 'DONE', 'CANCELLED'] as const;
const lang = z
  .enum(LOCALES)
  .optional()
  .describe("The language of the tasks' texts (display); default the shop's messages.defaultLocale");
const listQuery = z.strictObject({
  shopId: idSchema,
  queue: z.enum(TASK_QUEUES).optional(),
  status: z.enum(TASK_STATUSES).optional(),
  kind: z.enum(Object.keys(TASK_KINDS) as [TaskKind, ...TaskKind[]]).optional(),
  assignee: identityId.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  open: z
    .enum(['true'])
    .optional()
    .describe('true: the tasks still to be done (OPEN and CLAIMED), as a queue shows them'),
  escalated: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: tasks that went to their escalation queue (T3); false: those that did not'),
  orderId: idSchema.optional().describe("An order's tasks"),
  caseId: casePathIdSchema.optional().describe("An after-sales case's tasks"),
  lang,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const oneQuery = z.strictObject({ lang });
export const reassignBody = z.strictObject({
  /** T3: to a colleague (assignee) or to another queue, such as the supervisor's. */
  to: z.union([z.strictObject({ assignee: identityId }), z.strictObject({ queue: z.enum(TASK_QUEUES) })]),
});
export const completeBody = z.strictObject({ outcome: z.unknown() });

const completion = z.object({
  taskId: z.string(),
  kind: z.string(),
  outcome: jsonValue,
  completedBy: z.string(),
  completedAt: z.string(),
});
const completed = z.object({ task: taskViewSchema, completion });
const awaitingApproval = z.object({ task: taskViewSchema, message: z.string() });

/** The queues a caller works: a supervisor (or admin) every queue; an agent the queues given, or every queue but the supervisor's. */
export function workedQueues(caller: ShopCaller): readonly TaskQueue[] {
  if (caller.role === 'supervisor' || caller.role === 'admin') return TASK_QUEUES;
  const given = TASK_QUEUES.filter((queue) => caller.queues.includes(queue));
  return given.length ? given : TASK_QUEUES.filter((queue) => queue !== 'SUPERVISOR');
}

/** The outcome of each kind, titled by the kind (GET /tasks/{taskId} says which kind a task is). */
const completeDocument = {
  type: 'object',
  required: ['outcome'],
  additionalProperties: false,
  properties: {
    outcome: {
      oneOf: (Object.keys(TASK_KINDS) as TaskKind[]).map((kind) => ({
        title: kind,
        ...inputSchema(outcomeSchema(TASK_KINDS[kind].outcome)),
      })),
    },
  },
};

export function taskRoutes(deps: { temporal: Client; prisma: PrismaClient }) {
  const { temporal, prisma } = deps;

  const shown = async (task: Task, lang?: Locale) => taskView(task, await taskShowing(prisma, task.shopId, lang));

  /** The task, once the caller may act on it; else the answer. Its shop was checked by the guard. */
  async function workableTask(
    caller: ShopCaller,
    taskId: string,
  ): Promise<{ task: Task } | { refusal: Reply<403 | 404> }> {
    const task = await prisma.task.findUnique({ where: { id: taskId } });
    if (!task) return { refusal: fail(404, 'task_not_found', `No task ${taskId}`) };
    if (!workedQueues(caller).includes(task.queue))
      return {
        refusal: fail(403, 'not_your_queue', `Task ${task.id} is in the ${task.queue} queue, which you do not work.`),
      };
    return { task };
  }

  const closed = (task: Task): Reply<409> | undefined =>
    task.status === 'DONE' || task.status === 'CANCELLED'
      ? fail(
          409,
          task.status === 'DONE' ? 'task_already_completed' : 'task_cancelled',
          `Task ${task.id} is ${task.status.toLowerCase()}`,
        )
      : undefined;

  const access = { kind: 'shop', from: 'task', roles: TASK_WORKERS } as const;
  return [
    route({
      method: 'get',
      path: '/tasks',
      tag: 'tasks',
      summary:
        "A shop's tasks in the queues the caller works, soonest due first; filter by queue, status, kind, assignee, overdue or escalated",
      access: { kind: 'shop', from: 'query', roles: TASK_WORKERS },
      query: listQuery,
      responses: { 200: { description: 'Tasks', schema: z.object({ tasks: z.array(taskViewSchema) }) } },
      handler: async ({ query, caller }) => {
        const queues = workedQueues(caller).filter((queue) => !query.queue || queue === query.queue);
        const tasks = await prisma.task.findMany({
          where: {
            shopId: query.shopId,
            queue: { in: [...queues] },
            status: query.overdue === 'true' || query.open ? { in: ['OPEN', 'CLAIMED'] } : query.status,
            kind: query.kind,
            assignee: query.assignee,
            orderId: query.orderId,
            workflowId: query.caseId ? caseWorkflowId(query.shopId, query.caseId) : undefined,
            ...(query.overdue === 'true' ? { dueAt: { lt: new Date() } } : {}),
            ...(query.escalated ? { escalatedAt: query.escalated === 'true' ? { not: null } : null } : {}),
          },
          orderBy: { dueAt: 'asc' },
          take: query.limit,
        });
        const how = await taskShowing(prisma, query.shopId, query.lang);
        return ok(200, { tasks: tasks.map((task) => taskView(task, how)) });
      },
    }),
    route({
      method: 'get',
      path: '/tasks/:taskId',
      tag: 'tasks',
      summary: 'One task',
      access,
      params: taskPath,
      query: oneQuery,
      responses: {
        200: { description: 'The task', schema: taskViewSchema },
        403: error('Not in a queue you work (not_your_queue)'),
        404: error('No such task'),
      },
      handler: async ({ params, query, caller }) => {
        const found = await workableTask(caller, params.taskId);
        return 'refusal' in found ? found.refusal : ok(200, await shown(found.task, query.lang));
      },
    }),
    route({
      method: 'get',
      path: '/tasks/:taskId/context',
      tag: 'tasks',
      summary:
        "What the agent needs to work a task: the buyer, the order, its log so far, the messages the buyer got and, for a case's task, the case",
      description:
        "Read from the database, never from the workflow. The buyer's phone is shown only for a task whose job is to call (call_buyer, chase_payment), " +
        'the e-mail only for a case that came in by e-mail; the log shows no personal data (the order itself does, to whom it may).',
      access,
      params: taskPath,
      responses: {
        200: { description: "The task's context", schema: taskContextSchema },
        403: error('Not in a queue you work (not_your_queue)'),
        404: error('No such task'),
      },
      handler: async ({ params, caller }) => {
        const found = await workableTask(caller, params.taskId);
        return 'refusal' in found ? found.refusal : ok(200, await taskContext(prisma, found.task));
      },
    }),
    route({
      method: 'post',
      path: '/tasks/:taskId/claim',
      tag: 'tasks',
      summary: 'Claim an open task for yourself (T1)',
      access,
      params: taskPath,
      audited: true,
      limited: 'perTarget',
      responses: {
        200: { description: 'Claimed by you', schema: taskViewSchema },
        403: error('Not in a queue you work (not_your_queue)'),
        404: error('No such task'),
        409: error('Claimed by someone else, completed or cancelled'),
      },
      handler: async ({ params, caller }) => {
        const found = await workableTask(caller, params.taskId);
        if ('refusal' in found) return found.refusal;
        const { task } = found;
        const refused = closed(task);
        if (refused) return refused;
        await prisma.task.updateMany({
          where: { id: task.id, status: 'OPEN' },
          data: { status: 'CLAIMED', assignee: caller.identityId, claimedAt: new Date() },
        });
        const now = await prisma.task.findUniqueOrThrow({ where: { id: task.id } });
        if (now.assignee !== caller.identityId)
          return fail(
            409,
            'task_claimed_by_other',
            `Task ${task.id} is ${now.status.toLowerCase()}${now.assignee ? ` by ${now.assignee}` : ''}`,
          );
        return ok(200, await shown(now));
      },
    }),
    route({
      method: 'post',
      path: '/tasks/:taskId/reassign',
      tag: 'tasks',
      summary: "Hand a task to a colleague of the shop (assignee) or to another queue, such as the supervisor's (T3)",
      access,
      params: taskPath,
      body: reassignBody,
      audited: true,
      limited: 'perTarget',
      responses: {
        200: { description: 'Handed on', schema: taskViewSchema },
        403: error('Not in a queue you work (not_your_queue)'),
        404: error('No such task'),
        409: error('Completed or cancelled'),
        422: error('The colleague does not work tasks in this shop (unknown_assignee, field to.assignee)'),
      },
      handler: async ({ params, body, caller }) => {
        const found = await workableTask(caller, params.taskId);
        if ('refusal' in found) return found.refusal;
        const { task } = found;
        const refused = closed(task);
        if (refused) return refused;
        if ('assignee' in body.to) {
          const colleague = await prisma.shopMembership.findUnique({
            where: { identityId_shopId: { identityId: body.to.assignee, shopId: task.shopId } },
          });
          if (!colleague || !TASK_WORKERS.includes(colleague.role)) {
            return fail(422, 'unknown_assignee', `${body.to.assignee} does not work tasks in shop ${task.shopId}.`, [
              { field: 'to.assignee', code: 'unknown_assignee', message: 'not a colleague in this shop' },
            ]);
          }
        }
        const data =
          'assignee' in body.to
            ? { assignee: body.to.assignee, status: 'CLAIMED' as const, claimedAt: task.claimedAt ?? new Date() }
            : { queue: body.to.queue, assignee: null, status: 'OPEN' as const };
        await prisma.task.updateMany({ where: { id: task.id, status: { in: ['OPEN', 'CLAIMED'] } }, data });
        return ok(200, await shown(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })));
      },
    }),
    route({
      method: 'post',
      path: '/tasks/:taskId/complete',
      tag: 'tasks',
      summary: 'Complete a task with its outcome: the waiting workflow records it and moves on',
      description:
        "The outcome must fit the task kind's schema (one per kind below). An agent's approval of a refund above the shop's " +
        'cases.supervisorApprovalAbove is not recorded: the task goes to the SUPERVISOR queue with the proposal (202) for a supervisor to complete.',
      access,
      params: taskPath,
      body: completeBody,
      bodyDocument: completeDocument,
      audited: true,
      limited: 'perTarget',
      responses: {
        200: { description: 'Recorded by the workflow (or, repeated, the first completion)', schema: completed },
        202: {
          description:
            "An approval above the shop's threshold: the task waits in the SUPERVISOR queue with your proposal",
          schema: awaitingApproval,
        },
        400: error('The outcome does not fit the task kind (invalid_outcome); every bad field is named'),
        403: error('Not in a queue you work (not_your_queue)'),
        404: error('No such task'),
        409: error('Already completed, cancelled, claimed by someone else, or its workflow no longer waits on it'),
        422: error('A refund over what is still refundable (exceeds_refundable)'),
      },
      handler: async ({ params, body, caller }) => {
        const found = await workableTask(caller, params.taskId);
        if ('refusal' in found) return found.refusal;
        const { task } = found;
        if (!isTaskKind(task.kind))
          return fail(
            409,
            'unknown_task_kind',
            `Task ${task.id} is of kind ${task.kind}, which this version cannot complete`,
          );
        const outcome = parseOutcome(task.kind, body.outcome);
        if (!outcome.ok)
          return fail(400, 'invalid_outcome', `Invalid outcome for a ${task.kind} task`, outcome.problems);
        const beyondPaid = await refundBeyondPaid(prisma, task, outcome.outcome);
        if (beyondPaid)
          return fail(422, 'exceeds_refundable', beyondPaid.message, [beyondPaid.field], beyondPaid.facts);
        const done = taskCompletion(task);
        if (done && isDeepStrictEqual(done.outcome, outcome.outcome) && done.completedBy === caller.identityId)
          return ok(200, { task: await shown(task), completion: done });
        const refused = closed(task);
        if (refused) return refused;
        if (task.status === 'CLAIMED' && task.assignee !== caller.identityId)
          return fail(409, 'task_claimed_by_other', `Task ${task.id} is claimed by ${task.assignee}`);

        const amount = moneyDecided(task, outcome.outcome);
        if (amount !== undefined && caller.role === 'agent') {
          const { supervisorApprovalAbove } = (await loadShopPolicy(prisma, task.shopId)).cases;
          if (cents(amount) > cents(supervisorApprovalAbove)) {
            await prisma.task.updateMany({
              where: { id: task.id, status: { in: ['OPEN', 'CLAIMED'] } },
              data: {
                queue: 'SUPERVISOR',
                status: 'OPEN',
                assignee: null,
                proposedOutcome: outcome.outcome as Prisma.InputJsonValue,
                proposedBy: caller.identityId,
              },
            });
            const waiting = await prisma.task.findUniqueOrThrow({ where: { id: task.id } });
            return ok(202, {
              task: await shown(waiting),
              message: `${amount} is above the shop's ${supervisorApprovalAbove} without a supervisor: the task waits in the SUPERVISOR queue with your proposal.`,
            });
          }
        }

        let recorded: TaskCompletion;
        try {
          recorded = await temporal.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
            args: [{ taskId: task.id, agentId: caller.identityId, outcome: outcome.outcome }],
            updateId: `${task.id}:complete`,
          });
        } catch (err) {
          return refuseUpdate(task, err);
        }
        // The update id makes a repeated completion return the first one; say so when it differs.
        if (!isDeepStrictEqual(recorded.outcome, outcome.outcome))
          return fail(409, 'task_already_completed', `Task ${task.id} was completed with another outcome`);
        return ok(200, {
          task: await shown(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })),
          completion: recorded,
        });
      },
    }),
  ];
}

function refuseUpdate(task: Task, err: unknown): Reply<400 | 409> {
  if (err instanceof WorkflowNotFoundError)
    return fail(409, 'workflow_closed', `The workflow ${task.workflowId} that waited on task ${task.id} has ended`);
  if (err instanceof WorkflowUpdateFailedError) {
    if (err.cause instanceof ApplicationFailure && err.cause.type === 'InvalidTaskOutcome') {
      return fail(400, 'invalid_outcome', err.cause.message, err.cause.details?.[0] as FieldProblem[]);
    }
    // Refused by the validator (the workflow no longer waits on it) or, rarely, the task was
    // cancelled while its outcome was being recorded: either way nothing was recorded.
    return fail(409, 'task_not_open', err.cause?.message ?? err.message);
  }
  throw err;
}
