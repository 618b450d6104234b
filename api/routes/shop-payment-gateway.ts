// GET/PUT /shops/:shopId/payment-gateway: where the shop's refunds are paid (A5). The secret signs
// every refund request; it is accepted and stored but never shown again ("(set)" sent back keeps it).
import { z } from 'zod';
import type { ShopPaymentGateway } from '../../generated/prisma/client';
import { outboundUrlSchema } from '../../activities/outbound-url';
import type { PrismaClient } from '../../activities/prisma-client';
import { sealSecret } from '../../config/secret-box';
import { idSchema } from '../field-rules';
import { error, isoTime } from '../response-schemas';
import { fail, ok, route } from '../route-table';
import { ADMIN } from './roles';

const gatewayPath = z.object({ shopId: idSchema });

// timeoutMs is capped so one call, with its database writes, stays inside the refund activity's
// time limit: an attempt must have given up before Temporal starts the next one.
export const paymentGatewayBody = (allowedHosts: readonly string[]) =>
  z.strictObject({
    url: outboundUrlSchema(allowedHosts).describe(
      "https on a public address, unless its host is in the deployment's OUTBOUND_ALLOWED_HOSTS",
    ),
    secret: z
      .union([z.literal('(set)'), z.string().min(16).max(200)])
      .describe('At least 16 characters; "(set)", as GET shows it, keeps the stored secret'),
    timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  });

const gatewayView = z.object({
  shopId: z.string(),
  url: z.string(),
  secret: z.literal('(set)'),
  timeoutMs: z.number().int(),
  updatedAt: isoTime,
});

function view(row: ShopPaymentGateway) {
  return {
    shopId: row.shopId,
    url: row.url,
    secret: '(set)',
    timeoutMs: row.timeoutMs,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function shopPaymentGatewayRoutes(deps: { prisma: PrismaClient; outboundAllowedHosts: readonly string[] }) {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/payment-gateway',
      tag: 'settings',
      summary: 'Where the shop\'s refunds are paid (A5); the secret is shown as "(set)"',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: gatewayPath,
      responses: {
        200: { description: 'The gateway', schema: gatewayView },
        404: error('No gateway configured (payment_gateway_not_configured): refunds wait until one is'),
      },
      handler: async ({ params }) => {
        const row = await prisma.shopPaymentGateway.findUnique({ where: params });
        if (!row)
          return fail(
            404,
            'payment_gateway_not_configured',
            `Shop ${params.shopId} has no payment gateway: PUT /shops/${params.shopId}/payment-gateway`,
          );
        return ok(200, view(row));
      },
    }),
    route({
      method: 'put',
      path: '/shops/:shopId/payment-gateway',
      tag: 'settings',
      summary:
        "Configure the shop's payment gateway: refunds are POSTed to url, signed with secret, keyed by Idempotency-Key",
      description:
        'Each refund is a JSON POST {idempotencyKey, shopId, caseId, orderId, amount, currency} with the headers Idempotency-Key, ' +
        'X-Backoffice-Timestamp (unix seconds) and X-Backoffice-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")> (as webhooks). ' +
        'The gateway answers 2xx {refundId}; the same key again must answer the first refund, never make a second. ' +
        'A timeout, 5xx, 408, 409 or 429 is retried with the same key; any other 4xx is a refusal ({error} says why).',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: gatewayPath,
      body: paymentGatewayBody(deps.outboundAllowedHosts),
      audited: true,
      responses: {
        200: { description: 'Stored; the secret is shown as "(set)"', schema: gatewayView },
        400: error('Invalid body; every bad field is named; "(set)" with no secret stored (secret_not_stored)'),
      },
      handler: async ({ params, body: gateway }) => {
        const before =
          gateway.secret === '(set)' ? await prisma.shopPaymentGateway.findUnique({ where: params }) : null;
        if (gateway.secret === '(set)' && !before) {
          return fail(
            400,
            'secret_not_stored',
            `Shop ${params.shopId} has no gateway secret stored yet: "(set)" keeps a stored secret only`,
            [{ field: 'secret', code: 'secret_not_stored', message: 'no secret is stored yet to keep: give it' }],
          );
        }
        const stored = { ...gateway, secret: before ? before.secret : sealSecret(gateway.secret) };
        const row = await prisma.shopPaymentGateway.upsert({
          where: params,
          create: { ...params, ...stored },
          update: stored,
        });
        return ok(200, view(row));
      },
    }),
  ];
}
