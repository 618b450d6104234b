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
export const TASK_KIND_NAMES = Object.keys(TASK_KINDS) as TaskKind[];
export type TaskOutcome<K extends TaskKind> = z.output<(typeof TASK_KINDS)[K]['outcome']>;

export function isTaskKind(kind: string): kind is TaskKind {
  return Object.hasOwn(TASK_KINDS, kind);
}

export function outcomeSchema(kind: TaskKind): z.ZodType<TaskOutcome<TaskKind>> {
  return TASK_KINDS[kind].outcome;
}
