// The workflow checks a task's outcome with plain code (no zod in the bundle); the OpenAPI document
// shows it as a zod schema built from the same rules. Both must read every outcome alike: the
// same accepted values, trimmed alike, and the same fields named when refused.
import { outcomeSchema } from '../../api/field-schema';
import { parseOutcome, TASK_KINDS, type TaskKind } from '../../workflows/task-kinds';

const SAMPLES: Record<TaskKind, unknown[]> = {
  call_buyer: [
    { reached: true, answer: 'agreed' },
    { reached: false, note: '  no answer  ' },
    { reached: 'maybe', answer: 'perhaps' },
    {},
    { reached: true, extra: 1 },
    null,
    [],
    'yes',
  ],
  chase_payment: [
    { reached: true },
    { reached: true, note: 'x'.repeat(2001) },
    { reached: true, note: `  ${'x'.repeat(2000)}  ` },
    { reached: 1 },
  ],
  confirm_duplicate: [{ close: 'this' }, { close: 'both' }, { close: 'other', note: '' }],
  resolve_out_of_stock: [{ resolution: 'restocked' }, { resolution: 'RESTOCKED' }],
  ship_order: [
    { courier: ' 中通快递 ', trackingNumber: 'ZT-123456' },
    { courier: '   ', trackingNumber: 'ZT1' },
    { courier: 'x'.repeat(21), trackingNumber: ' ZT123456' },
    { trackingNumber: 'ZT123456' },
  ],
  follow_parcel: [
    { finding: 'lost', claimAmount: '59.00' },
    { finding: 'lost', claimAmount: '59' },
    { finding: 'lost', claimAmount: 59 },
  ],
  handle_case: [
    { decision: 'approve', fault: 'COURIER', refundAmount: '10.00' },
    { decision: 'investigate' },
    { decision: 'approve', fault: 'NOBODY' },
  ],
  decide_case: [{ decision: 'reject', note: 'photos show wear' }, { decision: 'investigate' }],
  inspect_return: [{ condition: 'as_sold', restocked: true }, { condition: 'damaged' }],
  settle_refund: [
    { action: 'paid_by_hand', reference: ' TX-1 ' },
    { action: 'void', reference: '  ' },
    { action: 'retry', reference: 'r'.repeat(65) },
  ],
  appeal_review: [
    { appealed: true, appealId: 'AP-1' },
    { appealed: false, appealId: '' },
  ],
  repair_review: [{ result: 'repaired' }, { result: 'malicious', note: 3 }],
};

function fieldsOf(problems: { field: string }[]): string[] {
  return [...new Set(problems.map((problem) => problem.field))].sort();
}

describe('task outcomes (T1): the workflow check and the documented schema agree', () => {
  it('has samples of every kind', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(TASK_KINDS).sort());
  });

  it.each(
    Object.entries(SAMPLES).flatMap(([kind, samples]) => samples.map((sample) => [kind as TaskKind, sample] as const)),
  )('%s %j', (kind, sample) => {
    const checked = parseOutcome(kind, sample);
    const documented = outcomeSchema(TASK_KINDS[kind].outcome).safeParse(sample);
    if (documented.success) expect(checked).toEqual({ ok: true, outcome: documented.data });
    else
      expect(checked.ok ? [] : fieldsOf(checked.problems)).toEqual(
        fieldsOf(documented.error.issues.map((issue) => ({ field: ['outcome', ...issue.path].join('.') }))),
      );
  });
});
