// The shop policy as a form: each field with its rule, its default and what it means; a refused
// value is marked where it was entered, with the API's reason.
import { useEffect, useState } from 'preact/hooks';
import { call, read, type FieldProblem } from '../api';
import type { Locale } from '../i18n';
import { useLoad } from '../load';
import { Loading, Refusal } from '../parts/notices';
import { useWorkbench } from '../session';

type Words = Record<Locale, string>;

export interface PolicyField {
  path: string;
  section: string;
  type:
    | 'duration'
    | 'timeOfDay'
    | 'timeZone'
    | 'integer'
    | 'number'
    | 'amount'
    | 'enum'
    | 'list'
    | 'boolean'
    | 'url'
    | 'text'
    | 'record';
  default: unknown;
  value: unknown;
  rule: string;
  label: Words;
  description?: Words;
  constraint?: Words;
  /** An enum's values (a list's, for a list of them). */
  values?: string[];
}

interface PolicySection {
  path: string;
  label: Words;
  description?: Words;
}

/** What a field holds as text in its input: lists and tables as JSON, the rest as they are. */
const asText = (value: unknown) =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

function fromText(field: PolicyField, text: string): unknown {
  switch (field.type) {
    case 'integer':
    case 'number':
      return text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text);
    case 'boolean':
      return text === 'true';
    case 'list':
    case 'record':
      if (text.trim() === '') return field.default;
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    case 'duration':
    case 'timeOfDay':
    case 'timeZone':
    case 'amount':
    case 'enum':
    case 'url':
    case 'text':
      // A field without a default (an optional text) is left out when emptied.
      return text === '' && field.default === null ? undefined : text;
  }
}

function nest(entries: [string, unknown][]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of entries) {
    if (value === undefined) continue;
    const keys = path.split('.');
    let at = root;
    for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]] = value;
  }
  return root;
}

export function PolicySettings() {
  const { t, shop, locale } = useWorkbench();
  const path = `/shops/${encodeURIComponent(shop.shopId)}/policy`;
  const fields = useLoad(() => read<{ fields: PolicyField[]; sections: PolicySection[] }>(`${path}/fields`), [path]);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [said, setSaid] = useState<string>();

  useEffect(() => {
    if (fields.value)
      setTexts(Object.fromEntries(fields.value.fields.map((field) => [field.path, asText(field.value)])));
  }, [fields.value]);

  async function save(event: Event) {
    event.preventDefault();
    const list = fields.value?.fields ?? [];
    const body = nest(list.map((field) => [field.path, fromText(field, texts[field.path] ?? asText(field.value))]));
    const answer = await call('PUT', path, body);
    if (answer.ok) {
      setProblems([]);
      setSaid(t.saved);
      fields.reload();
    } else {
      setProblems(answer.error.fields ?? []);
      setSaid(answer.error.message);
    }
  }

  if (fields.error) return <Refusal error={fields.error.detail} onRetry={fields.reload} />;
  if (!fields.value) return <Loading />;
  // A problem is the field's when it names the field or a part of it (a list's entry).
  const problemOf = (fieldPath: string) =>
    problems.filter((p) => p.field === fieldPath || p.field.startsWith(`${fieldPath}.`));
  const unplaced = problems.filter((p) => !fields.value!.fields.some((field) => problemOf(field.path).includes(p)));

  return (
    <form class="policy" onSubmit={save} data-testid="policy-form">
      {said ? (
        <p class={`notice ${problems.length ? 'error' : 'ok'}`} role="status">
          {said}
        </p>
      ) : null}
      {unplaced.map((p) => (
        <p class="field-error" key={p.field}>
          <code>{p.field}</code> {p.message}
        </p>
      ))}
      {fields.value.fields.map((field) => {
        const own = problemOf(field.path);
        const id = `policy-${field.path.replace(/\./g, '-')}`;
        return (
          <div class={`field ${own.length ? 'invalid' : ''}`} key={field.path} data-path={field.path}>
            {field.section !== previousSection(fields.value!.fields, field) ? (
              <SectionHeading section={fields.value!.sections.find((x) => x.path === field.section)} />
            ) : null}
            <label for={id}>
              <span class="rule">{field.rule}</span> {field.label[locale]} <code class="muted small">{field.path}</code>
            </label>
            {field.values && field.type === 'enum' ? (
              <select
                id={id}
                value={texts[field.path]}
                onChange={(e) => setTexts({ ...texts, [field.path]: (e.target as HTMLSelectElement).value })}
              >
                {field.values.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            ) : field.type === 'boolean' ? (
              <select
                id={id}
                value={texts[field.path]}
                onChange={(e) => setTexts({ ...texts, [field.path]: (e.target as HTMLSelectElement).value })}
              >
                <option value="true">{t.yes}</option>
                <option value="false">{t.no}</option>
              </select>
            ) : (
              <input
                id={id}
                aria-invalid={own.length > 0}
                value={texts[field.path] ?? ''}
                onInput={(e) => setTexts({ ...texts, [field.path]: (e.target as HTMLInputElement).value })}
              />
            )}
            <span class="muted small">
              {t.defaultValue}: <code>{asText(field.default)}</code>
              {field.constraint ? ` · ${field.constraint[locale]}` : ''}
              {field.description ? ` · ${field.description[locale]}` : ''}
            </span>
            {own.map((p) => (
              <span class="field-error" role="alert" key={p.field}>
                {p.message}
              </span>
            ))}
          </div>
        );
      })}
      <button type="submit" class="primary">
        {t.save}
      </button>
    </form>
  );
}

function previousSection(fields: PolicyField[], field: PolicyField): string | undefined {
  const index = fields.indexOf(field);
  return index > 0 ? fields[index - 1].section : undefined;
}

function SectionHeading({ section }: { section: PolicySection | undefined }) {
  const { locale } = useWorkbench();
  if (!section) return null;
  return (
    <h3 class="section">
      {section.label[locale]}
      {section.description ? <span class="muted small"> · {section.description[locale]}</span> : null}
    </h3>
  );
}
