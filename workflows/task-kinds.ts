// The kinds of work a workflow hands to a person (T1), each with the outcome an agent must report
// to finish it. The API and the waiting workflow's update validator check a completion with the
// same parseOutcome, so the database and the workflow accept exactly the same outcomes. The kinds
// are plain data (no zod in the workflow bundle); api/field-schema.ts documents them.
import { CASE_FAULTS } from './case-vocabulary';
import {
  courierRule,
  exactAmountRule,
  trackingNumberRule,
  type ChoiceRule,
  type FieldRule,
  type FlagRule,
} from './field-rules';
import { checkOutcome, type OutcomeField, type OutcomeProblem } from './outcome-check';

export const TASK_QUEUES = ['PRE_SALES', 'AFTER_SALES', 'WAREHOUSE', 'SUPERVISOR'] as const;
export type TaskQueue = (typeof TASK_QUEUES)[number];

const flag: FlagRule = { type: 'flag' };
const choice = <const V extends string>(...values: V[]): ChoiceRule<V> => ({ type: 'choice', values });
const optional = <R extends FieldRule>(rule: R): R & { optional: true } => ({ ...rule, optional: true });
const reference = { type: 'text', min: 1, max: 64 } as const;
const note = optional({ type: 'text', min: 0, max: 2000 } as const);

export const TASK_KINDS = {
  /** M1: a phone call is not a message but an agent's job; the script is the step's template. */
  call_buyer: {
    outcome: {
      reached: flag,
      /** What the buyer said to the question the call was for, when they were reached. */
      answer: optional(choice('agreed', 'declined', 'undecided')),
      note,
    },
  },
  /** O2: any agent may chase an order unpaid for a day; reaching the buyer earns the credit if they pay. */
  chase_payment: { outcome: { reached: flag, note } },
  /** O3: which of two look-alike orders of one buyer to close ('this' is the later one, the task's order). */
  confirm_duplicate: { outcome: { close: choice('neither', 'this', 'other'), note } },
  /** O7: how customer service settled an item the warehouse does not have. */
  resolve_out_of_stock: { outcome: { resolution: choice('restocked', 'exchanged', 'cancelled'), note } },
  /**
   * O8: the warehouse ships a late order; its completion is the shipment (the platform's `shipped`
   * event also closes it). A4: the same for an exchange's or a reissue's new parcel.
   */
  ship_order: { outcome: { courier: courierRule, trackingNumber: trackingNumberRule, note } },
  /** O10: what the courier said about a problem parcel; lost and damaged parcels become a claim. */
  follow_parcel: {
    outcome: {
      finding: choice('moving', 'delivered', 'returned', 'damaged', 'lost'),
      /** What the shop claims from the courier (yuan) for a lost or damaged parcel. */
      claimAmount: optional(exactAmountRule),
      note,
    },
  },
  /**
   * A2/A3: the first response to an after-sales case: the decision, or `investigate` when the agent
   * needs longer (a decide_case task then waits until the platform's deadline). A7: whose fault.
   */
  handle_case: {
    outcome: {
      decision: choice('approve', 'reject', 'investigate'),
      fault: optional(choice(...CASE_FAULTS)),
      refundAmount: optional(exactAmountRule),
      note,
    },
  },
  /** A3: the decision after an investigation. */
  decide_case: {
    outcome: {
      decision: choice('approve', 'reject'),
      fault: optional(choice(...CASE_FAULTS)),
      refundAmount: optional(exactAmountRule),
      note,
    },
  },
  /** A4: the warehouse inspects and restocks a return (退货验收入库). */
  inspect_return: { outcome: { condition: choice('as_sold', 'damaged', 'incomplete'), restocked: flag, note } },
  /**
   * A5: a refund the payment gateway kept refusing, or that the ledger refused as more than the
   * buyer paid: paid by hand (with the payment's reference), tried again, or voided (given up,
   * which frees its amount and closes the case without it).
   */
  settle_refund: { outcome: { action: choice('paid_by_hand', 'retry', 'void'), reference: optional(reference), note } },
  /** R4: the evidence against a malicious review, and whether the appeal went to the platform. */
  appeal_review: { outcome: { appealed: flag, appealId: optional(reference), note } },
  /** R1/R2: why the buyer left a bad review and whether it was put right. */
  repair_review: { outcome: { result: choice('repaired', 'not_repaired', 'malicious'), note } },
} as const satisfies Record<string, { outcome: Record<string, OutcomeField> }>;

export type TaskKind = keyof typeof TASK_KINDS;
type FieldValue<F> = F extends FlagRule ? boolean : F extends ChoiceRule<infer V> ? V : string;
type RequiredFields<S> = { [N in keyof S as S[N] extends { optional: true } ? never : N]: FieldValue<S[N]> };
type OptionalFields<S> = { [N in keyof S as S[N] extends { optional: true } ? N : never]?: FieldValue<S[N]> };
/** A kind's outcome; for a union of kinds, one of their outcomes. */
export type TaskOutcome<K extends TaskKind> = K extends TaskKind
  ? RequiredFields<(typeof TASK_KINDS)[K]['outcome']> & OptionalFields<(typeof TASK_KINDS)[K]['outcome']>
  : never;

export function isTaskKind(kind: string): kind is TaskKind {
  return Object.hasOwn(TASK_KINDS, kind);
}

/** The outcome as the kind reads it, or every problem named by its field. */
export function parseOutcome(
  kind: TaskKind,
  outcome: unknown,
): { ok: true; outcome: TaskOutcome<TaskKind> } | { ok: false; problems: OutcomeProblem[] } {
  const checked = checkOutcome(TASK_KINDS[kind].outcome, outcome);
  return checked.ok ? { ok: true, outcome: checked.outcome as TaskOutcome<TaskKind> } : checked;
}
