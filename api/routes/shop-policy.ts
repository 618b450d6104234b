// GET/PUT /shops/:shopId/policy: the shop's settings of every rule's numbers (domain.md), with
// their defaults until the shop changes them.
import { Router } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { loadShopPolicy } from '../../activities/shop-settings';
import { shopPolicySchema } from '../../workflows/shop-policy';
import { validated } from '../errors';
import { idSchema } from '../field-rules';

export const shopPath = z.object({ shopId: idSchema });

const APPLIES =
  'Order rules (orders.*) apply to orders placed from now on: each order keeps the policy it started with, so promises already made stay as made. ' +
  'Message and task limits (messages.*, tasks.*) are read when a message or task goes out, so they apply from the next one on.';

export function shopPolicyRouter(deps: { prisma: PrismaClient }): Router {
  const { prisma } = deps;
  const router = Router();

  router.get('/shops/:shopId/policy', async (req, res) => {
    const path = validated(res, shopPath, req.params, 'params');
    if (!path) return;
    const stored = await prisma.shop.findUnique({ where: { shopId: path.shopId } });
    res.json({ shopId: path.shopId, source: stored ? 'shop' : 'defaults', updatedAt: stored?.updatedAt.toISOString() ?? null, policy: await loadShopPolicy(prisma, path.shopId) });
  });

  router.put('/shops/:shopId/policy', async (req, res) => {
    const path = validated(res, shopPath, req.params, 'params');
    const policy = path && validated(res, shopPolicySchema, req.body, 'body');
    if (!path || !policy) return;
    const data = { policy: policy as Prisma.InputJsonValue };
    const stored = await prisma.shop.upsert({ where: { shopId: path.shopId }, create: { shopId: path.shopId, ...data }, update: data });
    res.json({ shopId: path.shopId, source: 'shop', updatedAt: stored.updatedAt.toISOString(), policy, applies: APPLIES });
  });

  return router;
}
