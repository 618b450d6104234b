// A task's outcome as a form made from its kind's form (the API's): a choice is a row of buttons, a
// yes/no a pair of them, text an input (a long one a text area); a refused field shows its error
// beside it.
import { useState } from 'preact/hooks';
import type { FieldProblem } from '../api';
import { useWorkbench } from '../session';
import type { TaskView } from '../tasks';

type Form = NonNullable<TaskView['form']>;

export function OutcomeForm({
  form,
  problems,
  busy,
  onSubmit,
}: {
  form: Form;
  problems: FieldProblem[];
  busy: boolean;
  onSubmit(outcome: Record<string, unknown>): void;
}) {
  const { t, locale } = useWorkbench();
  const [values, setValues] = useState<Record<string, unknown>>({});
  const set = (field: string, value: unknown) => setValues((old) => ({ ...old, [field]: value }));
  const problemOf = (field: string) => problems.find((p) => p.field === field || p.field === `outcome.${field}`);

  function submit(event: Event) {
    event.preventDefault();
    onSubmit(Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '' && value !== undefined)));
  }

  return (
    <form class="stack outcome" onSubmit={submit} aria-label={t.outcome}>
      {form.fields.map((field) => {
        const problem = problemOf(field.name);
        const label = field.label[locale];
        const choices =
          field.type === 'flag'
            ? [
                { value: true, text: t.yes },
                { value: false, text: t.no },
              ]
            : field.choices?.map((c) => ({ value: c.value, text: c.label[locale] }));
        const long = (form.schema.properties[field.name]?.maxLength ?? 0) > 200;
        return (
          <div class="field" key={field.name} data-field={field.name}>
            <span class="label">
              {label}
              {field.required ? ' *' : ''}
            </span>
            {choices ? (
              <div class="choices" role="group" aria-label={label}>
                {choices.map((choice) => (
                  <button
                    type="button"
                    key={String(choice.value)}
                    class={values[field.name] === choice.value ? 'chosen' : ''}
                    aria-pressed={values[field.name] === choice.value}
                    onClick={() => set(field.name, values[field.name] === choice.value ? undefined : choice.value)}
                  >
                    {choice.text}
                  </button>
                ))}
              </div>
            ) : long ? (
              <textarea
                aria-label={label}
                rows={3}
                value={String(values[field.name] ?? '')}
                onInput={(e) => set(field.name, (e.target as HTMLTextAreaElement).value)}
              />
            ) : (
              <input
                aria-label={label}
                value={String(values[field.name] ?? '')}
                onInput={(e) => set(field.name, (e.target as HTMLInputElement).value)}
              />
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
