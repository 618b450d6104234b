// GET /shops/:shopId/templates and PUT/DELETE /shops/:shopId/templates/:template/:locale: the
// default wording of every message (M2) and the shop's own, checked against the template's variables.
import { Router } from 'express';
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { TEMPLATE_NAMES, TEMPLATES, templateTextProblems } from '../../activities/messages/templates';
import { LOCALES } from '../../workflows/shop-policy';
import { sendError, validated } from '../errors';
import { idSchema, textSchema } from '../field-rules';
import { shopPath } from './shop-policy';

const templatePath = z.object({ shopId: idSchema, template: z.enum(TEMPLATE_NAMES), locale: z.enum(LOCALES) });
export const templateOverrideBody = z.strictObject({ subject: textSchema(200).optional(), body: textSchema(1000) });

export function shopTemplatesRouter(deps: { prisma: PrismaClient }): Router {
  const { prisma } = deps;
  const router = Router();

  router.get('/shops/:shopId/templates', async (req, res) => {
    const path = validated(res, shopPath, req.params, 'params');
    if (!path) return;
    const overrides = await prisma.messageTemplateOverride.findMany({ where: { shopId: path.shopId } });
    res.json({
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
  });

  router.put('/shops/:shopId/templates/:template/:locale', async (req, res) => {
    const path = validated(res, templatePath, req.params, 'params');
    const text = path && validated(res, templateOverrideBody, req.body, 'body');
    if (!path || !text) return;
    const problems = templateTextProblems(path.template, text);
    if (problems.length) {
      return sendError(res, 400, 'invalid_template_text', `The text does not fit template ${path.template}`, problems.map((p) => ({ field: p.field, code: 'invalid_placeholder', message: p.message })));
    }
    const data = { subject: text.subject ?? null, body: text.body };
    await prisma.messageTemplateOverride.upsert({ where: { shopId_template_locale: path }, create: { ...path, ...data }, update: data });
    res.json({ ...path, source: 'shop', ...data });
  });

  router.delete('/shops/:shopId/templates/:template/:locale', async (req, res) => {
    const path = validated(res, templatePath, req.params, 'params');
    if (!path) return;
    await prisma.messageTemplateOverride.deleteMany({ where: path });
    res.status(204).end();
  });

  return router;
}
