// GET/PUT /shops/:shopId/payment-gateway: where the shop's refunds are paid (A5). The secret signs
// every refund request; it is accepted and stored but never shown again.
import { Router } from 'express';
import { z } from 'zod';
import type { ShopPaymentGateway } from '../../generated/prisma/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { sendError, validated } from '../errors';
import { idSchema } from '../field-rules';

const gatewayPath = z.object({ shopId: idSchema });

// timeoutMs is capped so one call, with its database writes, stays inside the refund activity's
// time limit: an attempt must have given up before Temporal starts the next one.
export const paymentGatewayBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(16).max(200),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});

function view(row: ShopPaymentGateway) {
  return { shopId: row.shopId, url: row.url, secret: '(set)', timeoutMs: row.timeoutMs, updatedAt: row.updatedAt.toISOString() };
}

export function shopPaymentGatewayRouter(deps: { prisma: PrismaClient }): Router {
  const { prisma } = deps;
  const router = Router();

  router.get('/shops/:shopId/payment-gateway', async (req, res) => {
    const path = validated(res, gatewayPath, req.params, 'params');
    if (!path) return;
    const row = await prisma.shopPaymentGateway.findUnique({ where: path });
    if (!row) return sendError(res, 404, 'payment_gateway_not_configured', `Shop ${path.shopId} has no payment gateway: PUT /shops/${path.shopId}/payment-gateway`);
    res.json(view(row));
  });

  router.put('/shops/:shopId/payment-gateway', async (req, res) => {
    const path = validated(res, gatewayPath, req.params, 'params');
    const gateway = path && validated(res, paymentGatewayBody, req.body, 'body');
    if (!path || !gateway) return;
    const row = await prisma.shopPaymentGateway.upsert({ where: path, create: { ...path, ...gateway }, update: gateway });
    res.json(view(row));
  });

  return router;
}
