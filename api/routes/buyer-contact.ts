// A buyer's opt-outs (M3, honoured from the next send on) and the messages the outbox holds for
// an order, for the shop's agents to answer "did they get it?".
import { Router } from 'express';
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { MESSAGE_CHANNELS } from '../../activities/messages/channels';
import { validated } from '../errors';
import { idSchema, textSchema } from '../field-rules';

const buyerPath = z.object({ shopId: idSchema, buyerId: textSchema(128) });
const optOutPath = buyerPath.extend({ channel: z.enum(MESSAGE_CHANNELS) });
export const optOutBody = z.strictObject({ reason: textSchema(500).optional() });
const messagesQuery = z.strictObject({
  orderId: idSchema.optional(),
  status: z.enum(['QUEUED', 'HELD', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED']).optional(),
  channel: z.enum(MESSAGE_CHANNELS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function buyerContactRouter(deps: { prisma: PrismaClient }): Router {
  const { prisma } = deps;
  const router = Router();

  router.get('/shops/:shopId/buyers/:buyerId/opt-outs', async (req, res) => {
    const path = validated(res, buyerPath, req.params, 'params');
    if (!path) return;
    const optOuts = await prisma.optOut.findMany({ where: path, orderBy: { channel: 'asc' } });
    res.json({ optOuts: optOuts.map(({ channel, reason, createdAt }) => ({ channel, reason, createdAt: createdAt.toISOString() })) });
  });

  router.put('/shops/:shopId/buyers/:buyerId/opt-outs/:channel', async (req, res) => {
    const path = validated(res, optOutPath, req.params, 'params');
    const body = path && validated(res, optOutBody, req.body ?? {}, 'body');
    if (!path || !body) return;
    const row = await prisma.optOut.upsert({ where: { shopId_buyerId_channel: path }, create: { ...path, reason: body.reason ?? null }, update: {} });
    res.json({ channel: row.channel, reason: row.reason, createdAt: row.createdAt.toISOString() });
  });

  router.delete('/shops/:shopId/buyers/:buyerId/opt-outs/:channel', async (req, res) => {
    const path = validated(res, optOutPath, req.params, 'params');
    if (!path) return;
    await prisma.optOut.deleteMany({ where: path });
    res.status(204).end();
  });

  router.get('/shops/:shopId/messages', async (req, res) => {
    const path = validated(res, buyerPath.pick({ shopId: true }), req.params, 'params');
    const query = path && validated(res, messagesQuery, req.query, 'query');
    if (!path || !query) return;
    const messages = await prisma.message.findMany({
      where: { shopId: path.shopId, orderId: query.orderId, status: query.status, channel: query.channel },
      orderBy: { createdAt: 'desc' },
      take: query.limit,
      // The recipient's address is personal data the agent can read on the order itself.
      omit: { recipient: true, leaseUntil: true },
    });
    res.json({ messages });
  });

  return router;
}
