// GET/PUT /shops/:shopId/policy: the shop's settings of every rule's numbers (domain.md), with
// their defaults until the shop changes them; GET /shops/:shopId/policy/fields: the same as a form.
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { loadShopPolicy } from '../../activities/shop-settings';
import { shopPolicySchema } from '../../activities/shop-policy-schema';
import { idSchema } from '../field-rules';
import { policyFields, policyFieldSchema, policySectionSchema } from '../policy-fields';
import { error, isoTime } from '../response-schemas';
import { ok, route } from '../route-table';
import { ADMIN, PEOPLE_WHO_READ } from './roles';

export const shopPath = z.object({ shopId: idSchema });

const APPLIES =
  'Order rules (orders.*) apply to orders placed from now on: each order keeps the policy it started with, so promises already made stay as made. ' +
  'Message and task limits (messages.*, tasks.*) are read when a message or task goes out, so they apply from the next one on.';

const policyView = z.object({
  shopId: z.string(),
  source: z.enum(['shop', 'defaults']),
  updatedAt: isoTime.nullable(),
  policy: shopPolicySchema.describe('Every field, with its default where the shop set none'),
  applies: z.string().optional(),
});

const policyForm = z.object({
  shopId: z.string(),
  source: z.enum(['shop', 'defaults']),
  locales: z.array(z.string()).describe('The languages of every label, description and constraint'),
  sections: z.array(policySectionSchema).describe('The groups of fields, parents before their children'),
  fields: z.array(policyFieldSchema).describe('Every field of the policy, in the order of the policy document'),
});

export function shopPolicyRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/policy',
      tag: 'settings',
      summary: "The shop's policy (defaults until changed)",
      access: { kind: 'shop', from: 'params', roles: PEOPLE_WHO_READ },
      params: shopPath,
      responses: { 200: { description: 'The policy and whether it is the defaults', schema: policyView } },
      handler: async ({ params }) => {
        const stored = await prisma.shop.findUnique({ where: { shopId: params.shopId } });
        return ok(200, {
          shopId: params.shopId,
          source: stored ? 'shop' : 'defaults',
          updatedAt: stored?.updatedAt.toISOString() ?? null,
          policy: await loadShopPolicy(prisma, params.shopId),
        });
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/policy/fields',
      tag: 'settings',
      summary:
        'The policy as a form: every field with its type, limits, default, current value, rule id and texts in zh-CN and en',
      description:
        "One entry per field, flat, by the path PUT /shops/{shopId}/policy takes and names in its 400 (error.fields[].field); a problem inside a list or record field is named below the field's path (orders.reviews.repairRatings.0, cases.compensation.late_delivery.percent). " +
        APPLIES,
      access: { kind: 'shop', from: 'params', roles: PEOPLE_WHO_READ },
      params: shopPath,
      responses: { 200: { description: 'The form', schema: policyForm } },
      handler: async ({ params }) => {
        const stored = await prisma.shop.findUnique({ where: { shopId: params.shopId }, select: { shopId: true } });
        return ok(200, {
          shopId: params.shopId,
          source: stored ? 'shop' : 'defaults',
          ...policyFields(await loadShopPolicy(prisma, params.shopId)),
        });
      },
    }),
    route({
      method: 'put',
      path: '/shops/:shopId/policy',
      tag: 'settings',
      summary: 'Replace the policy; fields left out take their defaults',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: shopPath,
      body: shopPolicySchema,
      audited: true,
      responses: { 200: { description: 'Stored', schema: policyView }, 400: error('Every invalid field, by path') },
      handler: async ({ params, body: policy }) => {
        const data = { policy: policy as Prisma.InputJsonValue };
        const stored = await prisma.shop.upsert({
          where: { shopId: params.shopId },
          create: { shopId: params.shopId, ...data },
          update: data,
        });
        return ok(200, {
          shopId: params.shopId,
          source: 'shop',
          updatedAt: stored.updatedAt.toISOString(),
          policy,
          applies: APPLIES,
        });
      },
    }),
  ];
}
