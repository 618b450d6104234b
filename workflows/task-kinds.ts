// The kinds of work a workflow hands to a person (T1), each with the outcome an agent must report
// to finish it. The API validates a completion against the kind's schema and so does the waiting
// workflow's update validator, so the database and the workflow accept exactly the same outcomes.
import { z } from 'zod';
import { CASE_FAULTS } from './definitions';
import { courierSchema, exactAmountSchema, trackingNumberSchema } from './field-rules';

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
  /** O2: any agent may chase an order unpaid for a day; reaching the buyer earns the credit if they pay. */
  chase_payment: { outcome: z.strictObject({ reached: z.boolean(), note }) },
  /** O3: which of two look-alike orders of one buyer to close ('this' is the later one, the task's order). */
  confirm_duplicate: { outcome: z.strictObject({ close: z.enum(['neither', 'this', 'other']), note }) },
  /** O7: how customer service settled an item the warehouse does not have. */
  resolve_out_of_stock: { outcome: z.strictObject({ resolution: z.enum(['restocked', 'exchanged', 'cancelled']), note }) },
  /**
   * O8: the warehouse ships a late order; its completion is the shipment (the platform's `shipped`
   * event also closes it). A4: the same for an exchange's or a reissue's new parcel.
   */
  ship_order: { outcome: z.strictObject({ courier: courierSchema, trackingNumber: trackingNumberSchema, note }) },
  /** O10: what the courier said about a problem parcel; lost and damaged parcels become a claim. */
  follow_parcel: {
    outcome: z.strictObject({
      finding: z.enum(['moving', 'delivered', 'returned', 'damaged', 'lost']),
      /** What the shop claims from the courier (yuan) for a lost or damaged parcel. */
      claimAmount: exactAmountSchema.optional(),
      note,
    }),
  },
  /**
   * A2/A3: the first response to an after-sales case: the decision, or `investigate` when the agent
   * needs longer (a decide_case task then waits until the platform's deadline). A7: whose fault.
   */
  handle_case: { outcome: z.strictObject({ decision: z.enum(['approve', 'reject', 'investigate']), fault: z.enum(CASE_FAULTS).optional(), refundAmount: exactAmountSchema.optional(), note }) },
  /** A3: the decision after an investigation. */
  decide_case: { outcome: z.strictObject({ decision: z.enum(['approve', 'reject']), fault: z.enum(CASE_FAULTS).optional(), refundAmount: exactAmountSchema.optional(), note }) },
  /** A4: the warehouse inspects and restocks a return (退货验收入库). */
  inspect_return: { outcome: z.strictObject({ condition: z.enum(['as_sold', 'damaged', 'incomplete']), restocked: z.boolean(), note }) },
  /**
   * A5: a refund the payment gateway kept refusing, or that the ledger refused as more than the
   * buyer paid: paid by hand (with the payment's reference), tried again, or voided (given up,
   * which frees its amount and closes the case without it).
   */
  settle_refund: { outcome: z.strictObject({ action: z.enum(['paid_by_hand', 'retry', 'void']), reference: z.string().trim().min(1).max(64).optional(), note }) },
  /** R4: the evidence against a malicious review, and whether the appeal went to the platform. */
  appeal_review: { outcome: z.strictObject({ appealed: z.boolean(), appealId: z.string().trim().min(1).max(64).optional(), note }) },
  /** R1/R2: why the buyer left a bad review and whether it was put right. */
  repair_review: { outcome: z.strictObject({ result: z.enum(['repaired', 'not_repaired', 'malicious']), note }) },
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
