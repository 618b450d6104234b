// A task as the API shows it: the row, with whether it is overdue now, what it says in the shop's
// language (title, what to do, kind and queue in words: task-texts.ts) and the form of its
// outcome (the kind's JSON schema, and a label for every field and choice in zh-CN and en).
import { z } from 'zod';
import type { PrismaClient } from '../activities/prisma-client';
import { loadShopPolicy } from '../activities/shop-settings';
import type { Task } from '../generated/prisma/client';
import { LOCALES, type Locale } from '../workflows/shop-policy';
import { isTaskKind, TASK_KINDS, TASK_QUEUES, type TaskKind } from '../workflows/task-kinds';
import { outcomeSchema } from './field-schema';
import { inputSchema } from './json-schema';
import { isoTime, jsonValue } from './response-schemas';
import { kindName, localTime, queueName, TASK_TEXTS, taskCaseId, taskText, type Words } from './task-texts';

const time = isoTime.nullable();
const words = z.object({ 'zh-CN': z.string(), en: z.string() });

export const formFieldSchema = z.object({
  name: z.string().meta({ examples: ['answer'] }),
  type: z
    .enum(['flag', 'choice', 'text', 'pattern'])
    .describe(
      "flag: true or false (a checkbox); choice: one of `choices` (buttons); text: free text; pattern: text that must match the schema's pattern (an amount, a tracking number)",
    ),
  required: z.boolean(),
  label: words,
  /** For a choice, each value in the order the buttons go. */
  choices: z.array(z.object({ value: z.string(), label: words })).nullable(),
});

export const taskFormSchema = z
  .object({
    schema: z
      .looseObject({ type: z.literal('object'), properties: z.record(z.string(), z.unknown()) })
      .describe('The JSON schema of the outcome POST /tasks/{taskId}/complete takes for this kind'),
    fields: z.array(formFieldSchema).describe('Every field of the outcome, in order, with its labels'),
  })
  .describe("The outcome's form; null for a kind this version does not know");

export const taskViewSchema = z.object({
  taskId: z.string(),
  shopId: z.string(),
  kind: z.string(),
  queue: z.enum(TASK_QUEUES),
  status: z.enum(['OPEN', 'CLAIMED', 'DONE', 'CANCELLED']),
  assignee: z.string().nullable(),
  title: z.string().describe("The workflow's own title (English); `display.title` is the shop's language"),
  details: jsonValue,
  orderId: z.string().nullable(),
  caseId: z.string().nullable(),
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
  display: z
    .object({
      locale: z.enum(LOCALES),
      title: z.string().meta({ examples: ['致电买家确认货到付款金额'] }),
      whatToDo: z.string(),
      kindName: z.string().meta({ examples: ['致电买家'] }),
      queueName: z.string().meta({ examples: ['售前客服'] }),
      escalateToName: z.string().nullable(),
      dueAtLocal: z.string().meta({ examples: ['2026-11-24 10:00 (Asia/Shanghai)'] }),
    })
    .describe("What the task says, in the shop's language (policy messages.defaultLocale) or the `lang` asked for"),
  form: taskFormSchema.nullable(),
});

export type TaskView = z.output<typeof taskViewSchema>;

/** The outcome's form of each kind, made once: it is the same for every task of the kind. */
const forms = new Map<TaskKind, z.output<typeof taskFormSchema>>();

export function taskForm(kind: TaskKind): z.output<typeof taskFormSchema> {
  let form = forms.get(kind);
  if (!form) {
    const fields = TASK_KINDS[kind].outcome;
    const labels = TASK_TEXTS[kind].outcome as Record<string, { label: Words; choices?: Record<string, Words> }>;
    form = {
      schema: inputSchema(outcomeSchema(fields)) as z.output<typeof taskFormSchema>['schema'],
      fields: Object.entries(fields).map(([name, rule]) => ({
        name,
        type: rule.type,
        required: !rule.optional,
        label: labels[name].label,
        choices:
          rule.type === 'choice'
            ? rule.values.map((value: string) => ({ value, label: labels[name].choices![value] }))
            : null,
      })),
    };
    forms.set(kind, form);
  }
  return form;
}

/** How a shop's tasks are shown: in its language, on its clock. */
export interface TaskShowing {
  locale: Locale;
  timeZone: string;
}

/** How a shop's tasks are shown: in `lang` or the shop's language, on the shop's clock. */
export async function taskShowing(prisma: PrismaClient, shopId: string, lang?: Locale): Promise<TaskShowing> {
  const policy = await loadShopPolicy(prisma, shopId);
  return { locale: lang ?? policy.messages.defaultLocale, timeZone: policy.timeZone };
}

export function taskView(task: Task, showing: TaskShowing): TaskView {
  const open = task.status === 'OPEN' || task.status === 'CLAIMED';
  const { locale, timeZone } = showing;
  const caseId = taskCaseId(task);
  const details =
    task.details !== null && typeof task.details === 'object' && !Array.isArray(task.details)
      ? (task.details as Record<string, unknown>)
      : {};
  const text = taskText(task.kind, { orderId: task.orderId, caseId, details, timeZone }, locale, task.title);
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
    caseId,
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
    display: {
      locale,
      title: text.title,
      whatToDo: text.whatToDo,
      kindName: kindName(task.kind, locale),
      queueName: queueName(task.queue, locale),
      escalateToName: task.escalateTo ? queueName(task.escalateTo, locale) : null,
      dueAtLocal: localTime(task.dueAt, timeZone),
    },
    form: isTaskKind(task.kind) ? taskForm(task.kind) : null,
  };
}
