// The message templates (M2): the default wording and the shop's own, in each language, with a
// preview rendered with sample values and the tone check before anything is saved.
import { useState } from 'preact/hooks';
import { call, read } from '../api';
import { LOCALES, type Locale } from '../i18n';
import { useLoad } from '../load';
import { Loading, Refusal } from '../parts/notices';
import { useWorkbench } from '../session';

interface TemplateText {
  locale: Locale;
  source: 'shop' | 'default';
  subject?: string | null;
  body: string;
}

interface Template {
  template: string;
  rule: string;
  audience: 'buyer' | 'staff';
  variables: string[];
  texts: TemplateText[];
}

interface Preview {
  rendered: { subject: string | null; body: string };
  acceptable: boolean;
  problems: {
    field: 'subject' | 'body';
    severity: 'error' | 'warning';
    check: 'placeholders' | 'tone' | 'length';
    message: string;
  }[];
}

export function TemplateSettings() {
  const { shop } = useWorkbench();
  const base = `/shops/${encodeURIComponent(shop.shopId)}/templates`;
  const templates = useLoad(() => read<{ templates: Template[] }>(base), [base]);
  const [chosen, setChosen] = useState<string>();
  if (templates.error) return <Refusal error={templates.error.detail} onRetry={templates.reload} />;
  if (!templates.value) return <Loading />;
  const current = templates.value.templates.find((tpl) => tpl.template === chosen) ?? templates.value.templates[0];
  return (
    <div class="columns">
      <ul class="template-list">
        {templates.value.templates.map((tpl) => (
          <li key={tpl.template}>
            <button
              type="button"
              class={`link ${tpl === current ? 'active' : ''}`}
              onClick={() => setChosen(tpl.template)}
            >
              <span class="rule">{tpl.rule}</span> {tpl.template}
            </button>
          </li>
        ))}
      </ul>
      {current ? (
        <TemplateEditor key={current.template} base={base} template={current} onSaved={templates.reload} />
      ) : null}
    </div>
  );
}

function TemplateEditor({ base, template, onSaved }: { base: string; template: Template; onSaved(): void }) {
  const { t, locale: pageLocale } = useWorkbench();
  const [locale, setLocale] = useState<Locale>(pageLocale);
  const text = template.texts.find((x) => x.locale === locale);
  const [subject, setSubject] = useState(text?.subject ?? '');
  const [body, setBody] = useState(text?.body ?? '');
  const [preview, setPreview] = useState<Preview>();
  const [said, setSaid] = useState<string>();
  const path = `${base}/${encodeURIComponent(template.template)}/${locale}`;
  const payload = () => ({ ...(subject ? { subject } : {}), body });

  function switchLocale(next: Locale) {
    const other = template.texts.find((x) => x.locale === next);
    setLocale(next);
    setSubject(other?.subject ?? '');
    setBody(other?.body ?? '');
    setPreview(undefined);
  }
  async function showPreview() {
    const answer = await call<Preview>('POST', `${path}/preview`, payload());
    if (answer.ok) setPreview(answer.body);
    else setSaid(answer.error.message);
  }
  async function save(event: Event) {
    event.preventDefault();
    const answer = await call('PUT', path, payload());
    setSaid(
      answer.ok ? t.saved : `${answer.error.message} ${(answer.error.fields ?? []).map((f) => f.message).join('; ')}`,
    );
    if (answer.ok) onSaved();
  }

  return (
    <form class="card stack" onSubmit={save} data-template={template.template}>
      <h2>
        {template.template}{' '}
        <span class="muted small">
          ({template.audience}, {template.rule})
        </span>
      </h2>
      <label>
        {t.language}{' '}
        <select value={locale} onChange={(e) => switchLocale((e.target as HTMLSelectElement).value as Locale)}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>{' '}
        <span class="muted small">{text?.source}</span>
      </label>
      <p class="muted small">{template.variables.map((v) => `{{${v}}}`).join(' ')}</p>
      <input aria-label="subject" value={subject} onInput={(e) => setSubject((e.target as HTMLInputElement).value)} />
      <textarea
        aria-label="body"
        rows={5}
        value={body}
        onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
      />
      <div class="actions">
        <button type="button" onClick={() => void showPreview()}>
          {t.preview}
        </button>
        <button type="submit" class="primary">
          {t.save}
        </button>
      </div>
      {said ? <p role="status">{said}</p> : null}
      {preview ? (
        <div class="preview" data-testid="template-preview">
          {preview.rendered.subject ? <strong>{preview.rendered.subject}</strong> : null}
          <p>{preview.rendered.body}</p>
          <h3>{t.toneCheck}</h3>
          <ul>
            {preview.problems.map((p, i) => (
              <li key={i} class={p.severity === 'error' ? 'field-error' : 'warning'}>
                {p.field} · {p.check}: {p.message}
              </li>
            ))}
            {!preview.problems.length ? <li>✔</li> : null}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
