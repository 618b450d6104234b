// GET/PUT/DELETE /shops/:shopId/channels/:channel: how the shop reaches buyers (M1). Secrets are
// accepted and stored but never shown again; a secret sent back as "(set)", as GET shows it, keeps
// the stored one, so a settings form can send back the configuration it read.
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import type { PrismaClient } from '../../activities/prisma-client';
import {
  CHANNEL_CONFIG_SCHEMAS,
  channelConfigSchema,
  MESSAGE_CHANNELS,
  sealChannelSecrets,
  SECRET_FIELDS,
} from '../../activities/messages/channels';
import { invalidRequest } from '../errors';
import { idSchema } from '../field-rules';
import { inputSchema } from '../json-schema';
import { error, isoTime, jsonValue, noContent } from '../response-schemas';
import { fail, ok, route } from '../route-table';
import { ADMIN } from './roles';

const channelPath = z.object({ shopId: idSchema, channel: z.enum(MESSAGE_CHANNELS) });
const channelView = z.object({
  channel: z.enum(MESSAGE_CHANNELS),
  config: z.record(z.string(), jsonValue).describe('The configuration, each secret shown as "(set)"'),
  updatedAt: isoTime,
});

function withoutSecrets(config: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config as Record<string, unknown>).map(([key, value]) => [
      key,
      (SECRET_FIELDS as readonly string[]).includes(key) ? '(set)' : value,
    ]),
  );
}

const SET = '(set)';

/** `body` with each secret sent as "(set)" replaced by the stored one, or the fields that have no stored secret to keep. */
async function keepingStoredSecrets(
  prisma: PrismaClient,
  where: { shopId: string; channel: (typeof MESSAGE_CHANNELS)[number] },
  body: unknown,
): Promise<{ config: unknown } | { missing: string[] }> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { config: body };
  const sent = body as Record<string, unknown>;
  const kept = SECRET_FIELDS.filter((field) => sent[field] === SET);
  if (!kept.length) return { config: body };
  const row = await prisma.shopChannel.findUnique({ where: { shopId_channel: where } });
  const stored = (row?.config ?? {}) as Record<string, unknown>;
  const missing = kept.filter((field) => typeof stored[field] !== 'string');
  return missing.length
    ? { missing }
    : { config: { ...sent, ...Object.fromEntries(kept.map((field) => [field, stored[field]])) } };
}

const view = (row: { channel: (typeof MESSAGE_CHANNELS)[number]; config: unknown; updatedAt: Date }) => ({
  channel: row.channel,
  config: withoutSecrets(row.config),
  updatedAt: row.updatedAt.toISOString(),
});

export function shopChannelRoutes(deps: { prisma: PrismaClient; outboundAllowedHosts: readonly string[] }) {
  const { prisma } = deps;
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/channels',
      tag: 'settings',
      summary: "The shop's channels (M1), secrets hidden",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: channelPath.pick({ shopId: true }),
      responses: { 200: { description: 'Channels', schema: z.object({ channels: z.array(channelView) }) } },
      handler: async ({ params }) => {
        const channels = await prisma.shopChannel.findMany({
          where: { shopId: params.shopId },
          orderBy: { channel: 'asc' },
        });
        return ok(200, { channels: channels.map(view) });
      },
    }),
    route({
      method: 'put',
      path: '/shops/:shopId/channels/:channel',
      tag: 'settings',
      summary: 'Configure a channel: EMAIL (SMTP), SMS (Alibaba Cloud) or WEBHOOK (signed)',
      description:
        'A webhook URL or SMS endpoint must be https on a public address, unless its host is in the deployment\'s OUTBOUND_ALLOWED_HOSTS. Secrets are stored sealed and shown as "(set)"; ' +
        'a secret sent as "(set)" keeps the one stored (400 secret_not_stored when there is none).',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: channelPath,
      body: z.unknown(),
      bodyDocument: { oneOf: Object.values(CHANNEL_CONFIG_SCHEMAS).map(inputSchema) },
      audited: true,
      responses: {
        200: { description: 'Stored; secrets are shown as "(set)"', schema: channelView },
        400: error('Invalid configuration; every bad field is named'),
      },
      handler: async ({ params, body: sent }) => {
        const body = await keepingStoredSecrets(prisma, params, sent);
        if ('missing' in body) {
          const fields = body.missing.map((field) => ({
            field,
            code: 'secret_not_stored',
            message: 'no secret is stored yet to keep: give it',
          }));
          return fail(
            400,
            'secret_not_stored',
            `No ${body.missing.join(', ')} is stored for ${params.channel} yet: "(set)" keeps a stored secret only`,
            fields,
          );
        }
        const parsed = channelConfigSchema(params.channel, deps.outboundAllowedHosts).safeParse(body.config);
        if (!parsed.success) {
          const { code, message, fields } = invalidRequest(parsed.error);
          return fail(400, code, message, fields);
        }
        // Secrets are sealed with the deployment's key (config/secret-box.ts) before they reach the database.
        const data = { config: sealChannelSecrets(params.channel, parsed.data) as Prisma.InputJsonValue };
        const row = await prisma.shopChannel.upsert({
          where: { shopId_channel: params },
          create: { ...params, ...data },
          update: data,
        });
        return ok(200, view(row));
      },
    }),
    route({
      method: 'delete',
      path: '/shops/:shopId/channels/:channel',
      tag: 'settings',
      summary: 'Remove a channel',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: channelPath,
      audited: true,
      responses: { 204: noContent('Removed'), 404: error('Not configured (channel_not_configured)') },
      handler: async ({ params }) => {
        const { count } = await prisma.shopChannel.deleteMany({ where: params });
        if (!count)
          return fail(404, 'channel_not_configured', `Shop ${params.shopId} has no ${params.channel} channel`);
        return ok(204);
      },
    }),
  ];
}
