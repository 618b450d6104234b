// GET /shops/:shopId/templates and PUT/DELETE /shops/:shopId/templates/:template/:locale: the
// default wording of every message (M2) and the shop's own, checked against the template's variables.
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
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
const stored = text.extend({ shopId: z.string(), template: z.enum(TEMPLATE_NAMES), locale: z.enum(LOCALES), source: z.literal('shop') });

export function shopTemplateRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/templates',
      tag: 'settings',
      summary: 'Every message template (M2) with its variables, in each language: the shop\'s own text or the default',
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
              return { locale, source: own ? 'shop' : 'default', subject: own?.subject ?? fallback.subject, body: own?.body ?? fallback.body };
            }),
          })),
        });
      },
    }),
    route({
      method: 'put',
      path: '/shops/:shopId/templates/:template/:locale',
      tag: 'settings',
      summary: "Set the shop's own text of a template in one language; {{variable}} placeholders must be the template's",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: templatePath,
      body: templateOverrideBody,
      audited: true,
      responses: { 200: { description: 'Stored', schema: stored }, 400: error('An unknown placeholder or a missing required one (invalid_template_text)') },
      handler: async ({ params, body }) => {
        const problems = templateTextProblems(params.template, body);
        if (problems.length) {
          return fail(400, 'invalid_template_text', `The text does not fit template ${params.template}`, problems.map((p) => ({ field: p.field, code: 'invalid_placeholder', message: p.message })));
        }
        const data = { subject: body.subject ?? null, body: body.body };
        await prisma.messageTemplateOverride.upsert({ where: { shopId_template_locale: params }, create: { ...params, ...data }, update: data });
        return ok(200, { ...params, source: 'shop', ...data });
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
