// GET/PUT/DELETE /shops/:shopId/platform-signing: the secret a shop's platform integration signs its
// event posts with (access/platform-signature.ts). While one is set, unsigned posts are refused.
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { sealSecret } from '../../config/secret-box';
import { error, isoTime, noContent } from '../response-schemas';
import { fail, ok, route } from '../route-table';
import { ADMIN } from './roles';
import { shopPath } from './shop-policy';

const signingBody = z.strictObject({
  secret: z.string().min(32, 'at least 32 characters of a random secret').max(200),
});
const signingView = z.object({ shopId: z.string(), secret: z.literal('(set)'), updatedAt: isoTime });

export function platformSigningRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  const access = { kind: 'shop', from: 'params', roles: ADMIN } as const;
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/platform-signing',
      tag: 'access',
      summary: 'Whether the shop\'s platform posts must be signed, and since when; the secret is shown as "(set)"',
      access,
      params: shopPath,
      responses: {
        200: { description: 'Posts must be signed', schema: signingView },
        404: error('No signing secret is set (signing_not_configured): platform keys alone are enough'),
      },
      handler: async ({ params }) => {
        const row = await prisma.platformSigningSecret.findUnique({ where: { shopId: params.shopId } });
        if (!row) return fail(404, 'signing_not_configured', `Shop ${params.shopId} has no platform signing secret.`);
        return ok(200, { shopId: row.shopId, secret: '(set)', updatedAt: row.updatedAt.toISOString() });
      },
    }),
    route({
      method: 'put',
      path: '/shops/:shopId/platform-signing',
      tag: 'access',
      summary: "Require the shop's platform posts (orders, events, cases) to be signed with this secret",
      description:
        'Each post then carries X-Backoffice-Timestamp (unix seconds, within 5 minutes of now) and X-Backoffice-Signature: ' +
        'v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>. An unsigned, wrongly signed or stale post is refused with 401 and logged. ' +
        "A valid signature alone is also accepted as the platform's credential.",
      access,
      params: shopPath,
      body: signingBody,
      audited: true,
      responses: { 200: { description: 'Stored (sealed); posts must be signed from now on', schema: signingView } },
      handler: async ({ params, body }) => {
        const data = { secret: sealSecret(body.secret) };
        const row = await prisma.platformSigningSecret.upsert({
          where: { shopId: params.shopId },
          create: { shopId: params.shopId, ...data },
          update: data,
        });
        return ok(200, { shopId: row.shopId, secret: '(set)', updatedAt: row.updatedAt.toISOString() });
      },
    }),
    route({
      method: 'delete',
      path: '/shops/:shopId/platform-signing',
      tag: 'access',
      summary: 'Stop requiring signatures: platform keys alone are enough again',
      access,
      params: shopPath,
      audited: true,
      responses: { 204: noContent('Removed'), 404: error('No signing secret was set (signing_not_configured)') },
      handler: async ({ params }) => {
        const { count } = await prisma.platformSigningSecret.deleteMany({ where: { shopId: params.shopId } });
        return count
          ? ok(204)
          : fail(404, 'signing_not_configured', `Shop ${params.shopId} has no platform signing secret.`);
      },
    }),
  ];
}
