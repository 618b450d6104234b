// GET /shops/:shopId/templates and PUT/DELETE /shops/:shopId/templates/:template/:locale: the
// default wording of every message (M2) and the shop's own, checked against the template's variables;
// POST …/preview: a text filled with sample values, with its problems and the tone advice of M2.
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { previewTemplateText, templateTextWarnings } from '../../activities/messages/template-preview';
import { TEMPLATE_NAMES, TEMPLATES, templateTextProblems } from '../../activities/messages/templates';
import { LOCALES } from '../../workflows/shop-policy';
import { idSchema, textSchema } from '../field-rules';
import { error, noContent } from '../response-schemas';
import { fail, ok, route } from '../route-table';
import { ADMIN, PEOPLE_WHO_READ } from './roles';
import { shopPath } from './shop-policy';

const templatePath = z.object({ shopId: idSchema, template: z.enum(TEMPLATE_NAMES), locale: z.enum(LOCALES) });
export const templateOverrideBody = z.strictObject({ subject: textSchema(200).optional(), body: textSchema(1000) });

const text = z.object({ subject: z.string().nullable().optional(), body: z.string() });
const templateList = z.object({
  templates: z.array(
    z.object({
      template: z.enum(TEMPLATE_NAMES),
      rule: z.string(),
      audience: z.enum(['buyer', 'staff']),
      messageClass: z.enum(['SERVICE', 'FOLLOW_UP']),
      variables: z.array(z.string()),
      texts: z.array(text.extend({ locale: z.enum(LOCALES), source: z.enum(['shop', 'default']) })),
    }),
  ),
});
const problem = z.object({
  field: z.enum(['subject', 'body']),
  severity: z
    .enum(['error', 'warning'])
    .describe('error: PUT refuses the text; warning: advice, stored if the shop wants it'),
  check: z
    .enum(['placeholders', 'tone', 'length'])
    .describe(
      "placeholders: {{…}} that are not the template's, or an empty body; tone: seed 004's 客服的态度 (您, no bare 不, no blame, thanks with a reason); length: longer than two SMS with sample values",
    ),
  message: z.string(),
});
const stored = text.extend({
  shopId: z.string(),
  template: z.enum(TEMPLATE_NAMES),
  locale: z.enum(LOCALES),
  source: z.literal('shop'),
  warnings: z.array(problem).describe('Tone and length advice on the stored text (M2); empty when there is none'),
});
const preview = z.object({
  template: z.enum(TEMPLATE_NAMES),
  locale: z.enum(LOCALES),
  audience: z.enum(['buyer', 'staff']).describe('Tone and length are checked on buyer texts only'),
  variables: z
    .record(z.string(), z.string())
    .describe("The sample value of each of the template's variables, as filled in"),
  rendered: z
    .object({ subject: z.string(), body: z.string() })
    .describe(
      "The text as the buyer would read it; a subject left out is the template's default one; a placeholder that is not the template's is shown as typed",
    ),
  acceptable: z.boolean().describe('PUT would store this text: no problem is an error'),
  problems: z.array(problem),
});

export function shopTemplateRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/templates',
      tag: 'settings',
      summary: "Every message template (M2) with its variables, in each language: the shop's own text or the default",
      access: { kind: 'shop', from: 'params', roles: PEOPLE_WHO_READ },
      params: shopPath,
      responses: { 200: { description: 'The templates', schema: templateList } },
      handler: async ({ params }) => {
        const overrides = await prisma.messageTemplateOverride.findMany({ where: { shopId: params.shopId } });
        return ok(200, {
          templates: TEMPLATE_NAMES.map((name) => ({
            template: name,
            rule: TEMPLATES[name].rule,
            audience: TEMPLATES[name].audience,
            messageClass: TEMPLATES[name].messageClass,
            variables: Object.keys(TEMPLATES[name].variables.shape),
            texts: LOCALES.map((locale) => {
              const own = overrides.find((row) => row.template === name && row.locale === locale);
              const fallback = TEMPLATES[name].text[locale];
              return {
                locale,
                source: own ? 'shop' : 'default',
                subject: own?.subject ?? fallback.subject,
                body: own?.body ?? fallback.body,
              };
            }),
          })),
        });
      },
    }),
    route({
      method: 'put',
      path: '/shops/:shopId/templates/:template/:locale',
      tag: 'settings',
      summary:
        "Set the shop's own text of a template in one language; {{variable}} placeholders must be the template's",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: templatePath,
      body: templateOverrideBody,
      audited: true,
      responses: {
        200: { description: 'Stored', schema: stored },
        400: error('An unknown placeholder or a missing required one (invalid_template_text)'),
      },
      handler: async ({ params, body }) => {
        const problems = templateTextProblems(params.template, body);
        if (problems.length) {
          return fail(
            400,
            'invalid_template_text',
            `The text does not fit template ${params.template}`,
            problems.map((p) => ({ field: p.field, code: 'invalid_placeholder', message: p.message })),
          );
        }
        const data = { subject: body.subject ?? null, body: body.body };
        await prisma.messageTemplateOverride.upsert({
          where: { shopId_template_locale: params },
          create: { ...params, ...data },
          update: data,
        });
        return ok(200, {
          ...params,
          source: 'shop',
          ...data,
          warnings: templateTextWarnings(params.template, params.locale, body),
        });
      },
    }),
    route({
      method: 'post',
      path: '/shops/:shopId/templates/:template/:locale/preview',
      tag: 'settings',
      summary:
        'Fill a text for a template with sample values and check it, without storing it: the placeholder check PUT makes, and the tone of M2 as advice',
      description:
        'The body is the same as PUT takes. Nothing is stored or sent; the samples are made up (no real person).',
      access: { kind: 'shop', from: 'params', roles: PEOPLE_WHO_READ },
      params: templatePath,
      body: templateOverrideBody,
      responses: { 200: { description: 'The text filled in, and its problems', schema: preview } },
      handler: async ({ params, body }) => {
        const { rendered, variables, problems } = previewTemplateText(params.template, params.locale, body);
        return ok(200, {
          template: params.template,
          locale: params.locale,
          audience: TEMPLATES[params.template].audience,
          variables,
          rendered,
          acceptable: !problems.some((p) => p.severity === 'error'),
          problems,
        });
      },
    }),
    route({
      method: 'delete',
      path: '/shops/:shopId/templates/:template/:locale',
      tag: 'settings',
      summary: "Go back to the template's default text in that language",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: templatePath,
      audited: true,
      responses: { 204: noContent('The default applies') },
      handler: async ({ params }) => {
        await prisma.messageTemplateOverride.deleteMany({ where: params });
        return ok(204);
      },
    }),
  ];
}
