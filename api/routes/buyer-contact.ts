// A buyer's opt-outs (M3, honoured from the next send on) and the messages the outbox holds for
// an order, for the shop's agents to answer "did they get it?".
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { MESSAGE_CHANNELS } from '../../activities/messages/channels';
import { idSchema, textSchema } from '../field-rules';
import { isoTime, noContent } from '../response-schemas';
import { ok, route } from '../route-table';
import { PEOPLE_WHO_READ, PLATFORM } from './roles';

const buyerPath = z.object({ shopId: idSchema, buyerId: textSchema(128) });
const optOutPath = buyerPath.extend({ channel: z.enum(MESSAGE_CHANNELS) });
export const optOutBody = z.strictObject({ reason: textSchema(500).optional() });
const MESSAGE_STATUSES = ['QUEUED', 'HELD', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED'] as const;
const messagesQuery = z.strictObject({
  orderId: idSchema.optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  channel: z.enum(MESSAGE_CHANNELS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const optOut = z.object({ channel: z.enum(MESSAGE_CHANNELS), reason: z.string().nullable(), createdAt: isoTime });
const message = z.looseObject({
  id: z.string(),
  shopId: z.string(),
  orderId: z.string().nullable(),
  channel: z.enum(MESSAGE_CHANNELS),
  template: z.string(),
  subject: z.string(),
  body: z.string().describe("The text as sent, with any case's access token shown as (hidden)"),
  status: z.enum(MESSAGE_STATUSES),
  reason: z.string().nullable(),
});

/** The buyer's progress link carries the case's credential; the shop's people need the text, not the key. */
export const withoutAccessTokens = (text: string) => text.replace(/([?&]token=)[^&\s]+/g, '$1(hidden)');

export function buyerContactRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  const optOutAccess = { kind: 'shop', from: 'params', roles: [...PLATFORM, ...PEOPLE_WHO_READ] } as const;
  return [
    route({
      method: 'get',
      path: '/shops/:shopId/buyers/:buyerId/opt-outs',
      tag: 'messages',
      summary: 'The channels a buyer asked not to be messaged on (M3)',
      access: optOutAccess,
      params: buyerPath,
      responses: { 200: { description: 'Opt-outs', schema: z.object({ optOuts: z.array(optOut) }) } },
      handler: async ({ params }) => {
        const optOuts = await prisma.optOut.findMany({ where: params, orderBy: { channel: 'asc' } });
        return ok(200, {
          optOuts: optOuts.map(({ channel, reason, createdAt }) => ({
            channel,
            reason,
            createdAt: createdAt.toISOString(),
          })),
        });
      },
    }),
    route({
      method: 'put',
      path: '/shops/:shopId/buyers/:buyerId/opt-outs/:channel',
      tag: 'messages',
      summary: 'Record that a buyer wants no more messages on a channel; honoured from the next send on',
      access: optOutAccess,
      params: optOutPath,
      body: optOutBody,
      audited: true,
      responses: { 200: { description: 'Recorded (the first record stands)', schema: optOut } },
      handler: async ({ params, body }) => {
        const row = await prisma.optOut.upsert({
          where: { shopId_buyerId_channel: params },
          create: { ...params, reason: body.reason ?? null },
          update: {},
        });
        return ok(200, { channel: row.channel, reason: row.reason, createdAt: row.createdAt.toISOString() });
      },
    }),
    route({
      method: 'delete',
      path: '/shops/:shopId/buyers/:buyerId/opt-outs/:channel',
      tag: 'messages',
      summary: 'The buyer may be messaged on the channel again',
      access: optOutAccess,
      params: optOutPath,
      audited: true,
      responses: { 204: noContent('Removed') },
      handler: async ({ params }) => {
        await prisma.optOut.deleteMany({ where: params });
        return ok(204);
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/messages',
      tag: 'messages',
      summary: 'The outbox, newest first: each message with its status and why (held, suppressed, failed)',
      description:
        "The recipient's address is left out (the order shows it to those who may see it), and so are cases' access tokens in bodies.",
      access: { kind: 'shop', from: 'params', roles: PEOPLE_WHO_READ },
      params: buyerPath.pick({ shopId: true }),
      query: messagesQuery,
      responses: { 200: { description: 'Messages', schema: z.object({ messages: z.array(message) }) } },
      handler: async ({ params, query }) => {
        const messages = await prisma.message.findMany({
          where: { shopId: params.shopId, orderId: query.orderId, status: query.status, channel: query.channel },
          orderBy: { createdAt: 'desc' },
          take: query.limit,
          omit: { recipient: true, leaseUntil: true },
        });
        return ok(200, {
          messages: messages.map((row) => ({
            ...row,
            body: withoutAccessTokens(row.body),
            subject: withoutAccessTokens(row.subject),
          })),
        });
      },
    }),
  ];
}
