// Field rules that an agent's task outcome (task-kinds.ts) shares with the API's bodies, as plain
// data: the workflow bundle checks outcomes with them (task-outcome.ts) without zod, which costs
// every new workflow its module set-up; the API builds its zod schemas from the same rules
// (api/field-rules.ts), so the two accept exactly the same values.

/** A string, trimmed, then between `min` and `max` characters long. */
export interface TextRule {
  type: 'text';
  min: number;
  max: number;
}
/** A string that matches `pattern` as it is (not trimmed). */
export interface PatternRule {
  type: 'pattern';
  pattern: RegExp;
  message: string;
}
export interface ChoiceRule<V extends string = string> {
  type: 'choice';
  values: readonly V[];
}
export interface FlagRule {
  type: 'flag';
}
export type FieldRule = TextRule | PatternRule | ChoiceRule | FlagRule;

export const courierRule: TextRule = { type: 'text', min: 1, max: 20 };
export const trackingNumberRule: PatternRule = {
  type: 'pattern',
  pattern: /^[A-Za-z0-9-]{6,40}$/,
  message: '6-40 letters, digits or "-"',
};
/** An amount as a person types it into a decision, and as the API stores it: yuan with exactly two decimals. */
export const exactAmountRule: PatternRule = {
  type: 'pattern',
  pattern: /^\d{1,10}\.\d{2}$/,
  message: 'an amount in yuan with two decimals such as 59.00',
};
