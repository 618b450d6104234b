// GET/PUT/DELETE /shops/:shopId/channels/:channel: how the shop reaches buyers (M1). Secrets are
// accepted and stored but never shown again.
import { Router } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { CHANNEL_CONFIG_SCHEMAS, MESSAGE_CHANNELS, SECRET_FIELDS } from '../../activities/messages/channels';
import { sendError, validated } from '../errors';
import { idSchema } from '../field-rules';

const channelPath = z.object({ shopId: idSchema, channel: z.enum(MESSAGE_CHANNELS) });

function withoutSecrets(config: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config as Record<string, unknown>).map(([key, value]) => [key, (SECRET_FIELDS as readonly string[]).includes(key) ? '(set)' : value]));
}

export function shopChannelsRouter(deps: { prisma: PrismaClient }): Router {
  const { prisma } = deps;
  const router = Router();

  router.get('/shops/:shopId/channels', async (req, res) => {
    const path = validated(res, channelPath.pick({ shopId: true }), req.params, 'params');
    if (!path) return;
    const channels = await prisma.shopChannel.findMany({ where: { shopId: path.shopId }, orderBy: { channel: 'asc' } });
    res.json({ channels: channels.map((row) => ({ channel: row.channel, config: withoutSecrets(row.config), updatedAt: row.updatedAt.toISOString() })) });
  });

  router.put('/shops/:shopId/channels/:channel', async (req, res) => {
    const path = validated(res, channelPath, req.params, 'params');
    const config = path && validated(res, CHANNEL_CONFIG_SCHEMAS[path.channel], req.body, 'body');
    if (!path || !config) return;
    const data = { config: config as Prisma.InputJsonValue };
    const row = await prisma.shopChannel.upsert({ where: { shopId_channel: path }, create: { ...path, ...data }, update: data });
    res.json({ channel: row.channel, config: withoutSecrets(row.config), updatedAt: row.updatedAt.toISOString() });
  });

  router.delete('/shops/:shopId/channels/:channel', async (req, res) => {
    const path = validated(res, channelPath, req.params, 'params');
    if (!path) return;
    const { count } = await prisma.shopChannel.deleteMany({ where: path });
    if (!count) return sendError(res, 404, 'channel_not_configured', `Shop ${path.shopId} has no ${path.channel} channel`);
    res.status(204).end();
  });

  return router;
}
