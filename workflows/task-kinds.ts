// The kinds of work a workflow hands to a person (T1), each with the outcome an agent must report
// to finish it. The API validates a completion against the kind's schema and so does the waiting
// workflow's update validator, so the database and the workflow accept exactly the same outcomes.
import { z } from 'zod';

export const TASK_QUEUES = ['PRE_SALES', 'AFTER_SALES', 'WAREHOUSE', 'SUPERVISOR'] as const;
export type TaskQueue = (typeof TASK_QUEUES)[number];

const note = z.string().trim().max(2000).optional();

export const TASK_KINDS = {
  /** M1: a phone call is not a message but an agent's job; the script is the step's template. */
  call_buyer: {
    outcome: z.strictObject({
      reached: z.boolean(),
      /** What the buyer said to the question the call was for, when they were reached. */
      answer: z.enum(['agreed', 'declined', 'undecided']).optional(),
      note,
    }),
  },
} as const;

export type TaskKind = keyof typeof TASK_KINDS;
export type TaskOutcome<K extends TaskKind> = z.output<(typeof TASK_KINDS)[K]['outcome']>;

export function isTaskKind(kind: string): kind is TaskKind {
  return Object.hasOwn(TASK_KINDS, kind);
}

export interface OutcomeProblem {
  /** The path in the API's request body, e.g. `outcome.reached`. */
  field: string;
  code: string;
  message: string;
}

/** The outcome as the kind reads it, or every problem named by its field. */
export function parseOutcome(kind: TaskKind, outcome: unknown): { ok: true; outcome: TaskOutcome<TaskKind> } | { ok: false; problems: OutcomeProblem[] } {
  const parsed = TASK_KINDS[kind].outcome.safeParse(outcome);
  if (parsed.success) return { ok: true, outcome: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: ['outcome', ...issue.path].join('.'), code: issue.code, message: issue.message })) };
}
