// The plain field rules the workflow bundle checks with (workflows/field-rules.ts, task-kinds.ts)
// as zod schemas, for the API's bodies and the OpenAPI document.
import { z } from 'zod';
import type { FieldRule, PatternRule, TextRule } from '../workflows/field-rules';
import type { OutcomeField } from '../workflows/outcome-check';

export const trimmedTextSchema = (rule: TextRule) => z.string().trim().min(rule.min).max(rule.max);
export const patternSchema = (rule: PatternRule) => z.string().regex(rule.pattern, rule.message);

function fieldSchema(rule: FieldRule): z.ZodType {
  switch (rule.type) {
    case 'text':
      return trimmedTextSchema(rule);
    case 'pattern':
      return patternSchema(rule);
    case 'choice':
      return z.enum(rule.values as [string, ...string[]]);
    case 'flag':
      return z.boolean();
  }
}

/** A task kind's outcome as the document shows it; workflows/outcome-check.ts validates it. */
export function outcomeSchema(fields: Readonly<Record<string, OutcomeField>>): z.ZodType {
  return z.strictObject(
    Object.fromEntries(
      Object.entries(fields).map(([name, rule]) => [
        name,
        rule.optional ? fieldSchema(rule).optional() : fieldSchema(rule),
      ]),
    ),
  );
}
