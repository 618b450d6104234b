// Checks a task's outcome against its fields (task-kinds.ts) with plain code: the API and the
// waiting workflow both call it, so they accept exactly the same outcomes. It reads an outcome the
// way zod's strictObject did before (strings trimmed, unknown keys refused, every problem named),
// so outcomes recorded before it and after it are the same.
import type { FieldRule } from './field-rules';

/** A field of an outcome; an `optional` one may be left out. */
export type OutcomeField = FieldRule & { optional?: true };

export interface OutcomeProblem {
  /** The path in the API's request body, e.g. `outcome.reached`. */
  field: string;
  code: string;
  message: string;
}

type Checked = { ok: true; value: unknown } | { ok: false; code: string; message: string };

function checkField(rule: FieldRule, value: unknown): Checked {
  switch (rule.type) {
    case 'flag':
      return typeof value === 'boolean'
        ? { ok: true, value }
        : { ok: false, code: 'invalid_type', message: 'expected true or false' };
    case 'choice':
      return typeof value === 'string' && rule.values.includes(value)
        ? { ok: true, value }
        : { ok: false, code: 'invalid_value', message: `expected one of ${rule.values.join(', ')}` };
    case 'text': {
      if (typeof value !== 'string') return { ok: false, code: 'invalid_type', message: 'expected a string' };
      const text = value.trim();
      if (text.length < rule.min) return { ok: false, code: 'too_small', message: `at least ${rule.min} characters` };
      if (text.length > rule.max) return { ok: false, code: 'too_big', message: `at most ${rule.max} characters` };
      return { ok: true, value: text };
    }
    case 'pattern':
      if (typeof value !== 'string') return { ok: false, code: 'invalid_type', message: 'expected a string' };
      return rule.pattern.test(value)
        ? { ok: true, value }
        : { ok: false, code: 'invalid_format', message: rule.message };
  }
}

/** The outcome with its fields in their declared order, or every problem named by its field. */
export function checkOutcome(
  fields: Readonly<Record<string, OutcomeField>>,
  outcome: unknown,
): { ok: true; outcome: Record<string, unknown> } | { ok: false; problems: OutcomeProblem[] } {
  if (typeof outcome !== 'object' || outcome === null || Array.isArray(outcome)) {
    return { ok: false, problems: [{ field: 'outcome', code: 'invalid_type', message: 'expected an object' }] };
  }
  const given = outcome as Record<string, unknown>;
  const read: Record<string, unknown> = {};
  const problems: OutcomeProblem[] = [];
  for (const [name, rule] of Object.entries(fields)) {
    const value = given[name];
    if (value === undefined) {
      if (!rule.optional) problems.push({ field: `outcome.${name}`, code: 'invalid_type', message: 'required' });
      continue;
    }
    const checked = checkField(rule, value);
    if (checked.ok) read[name] = checked.value;
    else problems.push({ field: `outcome.${name}`, code: checked.code, message: checked.message });
  }
  const unknown = Object.keys(given).filter((name) => !Object.hasOwn(fields, name));
  if (unknown.length)
    problems.push({ field: 'outcome', code: 'unrecognized_keys', message: `unknown fields: ${unknown.join(', ')}` });
  return problems.length ? { ok: false, problems } : { ok: true, outcome: read };
}
