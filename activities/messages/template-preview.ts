// A shop's own wording of a template (M2) as the buyer would read it: filled with the template's
// sample values, and checked. Errors are what PUT /shops/:shopId/templates refuses (placeholders
// that are not the template's, an empty body: the buyer would see raw {{…}}); warnings are advice
// the shop may overrule: the tone of seed 004 (tone.ts) and a body too long for an SMS or two.
import type { Locale } from '../../workflows/shop-policy';
import { MAX_RENDERED_BODY, templateSamples } from './template-samples';
import {
  renderTemplate,
  TEMPLATES,
  templateTextProblems,
  TemplateVariablesError,
  type TemplateName,
} from './templates';
import { toneProblems } from './tone';

export interface TemplateTextCheck {
  field: 'subject' | 'body';
  severity: 'error' | 'warning';
  check: 'placeholders' | 'tone' | 'length';
  message: string;
}

export interface TemplateText {
  subject?: string | null;
  body: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Tone and length advice for a buyer's text (staff notices are exempt, as in the template tests); `renderedBody` is the body filled with samples. */
function advice(name: TemplateName, locale: Locale, text: TemplateText, renderedBody: string): TemplateTextCheck[] {
  if (TEMPLATES[name].audience !== 'buyer') return [];
  const tone = toneProblems(locale, text).map((problem): TemplateTextCheck => ({
    ...problem,
    severity: 'warning',
    check: 'tone',
  }));
  const length = [...renderedBody].length;
  const max = MAX_RENDERED_BODY[locale];
  return length > max
    ? [
        ...tone,
        {
          field: 'body',
          severity: 'warning',
          check: 'length',
          message: `is ${length} characters with sample values, more than the ${max} that fit in two SMS`,
        },
      ]
    : tone;
}

/** The text filled with samples, and everything the checks find in it; a subject left out is the template's default one. */
export function previewTemplateText(name: TemplateName, locale: Locale, text: TemplateText) {
  const variables = templateSamples(name, locale);
  const errors = templateTextProblems(name, text).map((problem): TemplateTextCheck => ({
    ...problem,
    severity: 'error',
    check: 'placeholders',
  }));
  // What cannot be sent is still shown, its unknown placeholders as typed.
  const fill = (value: string) =>
    value.replace(PLACEHOLDER, (whole, placeholder: string) => variables[placeholder] ?? whole);
  let rendered = { subject: fill(text.subject ?? TEMPLATES[name].text[locale].subject), body: fill(text.body) };
  if (!errors.length) {
    try {
      // As the outbox renders it.
      const filled = renderTemplate(name, locale, variables, text);
      rendered = { subject: filled.subject, body: filled.text };
    } catch (err) {
      // A variable without a sample (template-samples.ts): shown as {{name}}.
      if (!(err instanceof TemplateVariablesError)) throw err;
    }
  }
  return { rendered, variables, problems: [...errors, ...advice(name, locale, text, rendered.body)] };
}

/** The advice alone, for a text that is being stored. */
export function templateTextWarnings(name: TemplateName, locale: Locale, text: TemplateText): TemplateTextCheck[] {
  return previewTemplateText(name, locale, text).problems.filter((problem) => problem.severity === 'warning');
}
