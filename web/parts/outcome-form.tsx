// A task's outcome as a form made from its kind's schema: a choice is a row of buttons, a yes/no a
// pair of them, text an input (a note a text area); a refused field shows its error beside it.
import { useState } from 'preact/hooks';
import type { FieldProblem } from '../api';
import { useWorkbench } from '../session';

export interface OutcomeSchema {
  type?: string;
  properties: Record<string, { type?: string; enum?: string[]; maxLength?: number; pattern?: string }>;
  required?: string[];
}

export interface OutcomeFormProps {
  schema: OutcomeSchema;
  /** The field's label, or a choice's when `value` is given. */
  label(field: string, value?: string): string;
  problems: FieldProblem[];
  busy: boolean;
  onSubmit(outcome: Record<string, unknown>): void;
}

export function OutcomeForm({ schema, label, problems, busy, onSubmit }: OutcomeFormProps) {
  const { t } = useWorkbench();
  const [values, setValues] = useState<Record<string, unknown>>({});
  const set = (field: string, value: unknown) => setValues((old) => ({ ...old, [field]: value }));
  const required = new Set(schema.required ?? []);
  const problemOf = (field: string) => problems.find((p) => p.field === field || p.field === `outcome.${field}`);

  function submit(event: Event) {
    event.preventDefault();
    const outcome = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '' && value !== undefined));
    onSubmit(outcome);
  }

  return (
    <form class="stack outcome" onSubmit={submit} aria-label={t.outcome}>
      {Object.entries(schema.properties).map(([field, property]) => {
        const problem = problemOf(field);
        const choices = property.enum ?? (property.type === 'boolean' ? ['true', 'false'] : undefined);
        return (
          <div class="field" key={field} data-field={field}>
            <span class="label">
              {label(field)}
              {required.has(field) ? ' *' : ''}
            </span>
            {choices ? (
              <div class="choices" role="group" aria-label={label(field)}>
                {choices.map((choice) => {
                  const value = property.type === 'boolean' ? choice === 'true' : choice;
                  const text = property.type === 'boolean' ? (choice === 'true' ? t.yes : t.no) : label(field, choice);
                  return (
                    <button type="button" key={choice} class={values[field] === value ? 'chosen' : ''} aria-pressed={values[field] === value} onClick={() => set(field, values[field] === value ? undefined : value)}>
                      {text}
                    </button>
                  );
                })}
              </div>
            ) : (property.maxLength ?? 0) > 200 ? (
              <textarea aria-label={label(field)} rows={3} maxLength={property.maxLength} value={String(values[field] ?? '')} onInput={(e) => set(field, (e.target as HTMLTextAreaElement).value)} />
            ) : (
              <input aria-label={label(field)} maxLength={property.maxLength} value={String(values[field] ?? '')} onInput={(e) => set(field, (e.target as HTMLInputElement).value)} />
            )}
            {problem ? (
              <span class="field-error" role="alert">
                {problem.message}
              </span>
            ) : null}
          </div>
        );
      })}
      <button type="submit" class="primary" disabled={busy}>
        {t.complete}
      </button>
    </form>
  );
}
