// A shop's marketplace connectors (connectors/), for its admin: their settings (secrets sealed,
// shown as "(set)"), their health, the messages they kept and could not map, and a backfill of a
// time range. What platforms send to the API (webhooks, an install's redirect) is connector-inbound.ts.
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Connector as ConnectorRow } from '../../generated/prisma/client';
import { ConnectorMessageStatus } from '../../generated/prisma/enums';
import { SECRET_SHOWN_AS, sealedSettings, shownSettings } from '../../activities/connector-context';
import type { PrismaClient } from '../../activities/prisma-client';
import { openSecret } from '../../config/secret-box';
import { CONNECTOR_PLATFORMS, type ConnectorPlatform } from '../../connectors/platforms';
import { connectorFor } from '../../connectors/registry';
import { durationMs } from '../../workflows/shop-policy';
import { connectorBackfillWorkflowId, connectorWorkflowId, ORDER_TASK_QUEUE } from '../../workflows/definitions';
import type { connectorBackfillWorkflow } from '../../workflows';
import { wakeConnector } from '../connector-workflows';
import { invalidRequest } from '../errors';
import { idSchema } from '../field-rules';
import { inputSchema } from '../json-schema';
import { error, isoTime, jsonValue } from '../response-schemas';
import { fail, ok, route } from '../route-table';
import { ADMIN } from './roles';

const shopPath = z.object({ shopId: idSchema });
export const connectorPath = shopPath.extend({ platform: z.enum(CONNECTOR_PLATFORMS) });

const MESSAGE_STATUSES = Object.values(ConnectorMessageStatus);
const BACKFILL_MAX_DAYS = 90;

const pollEverySchema = z
  .string()
  .regex(/^[1-9]\d*(s|m|h)$/, { message: 'a duration in seconds, minutes or hours, e.g. 15s, 1m', abort: true })
  .refine((value) => durationMs(value) >= 5_000 && durationMs(value) <= 3_600_000, 'between 5s and 1h');

const connectorBody = z.strictObject({
  enabled: z.boolean().default(true),
  pollEvery: pollEverySchema
    .default('15s')
    .describe('How long the connector waits between rounds when no webhook wakes it (5s to 1h)'),
  settings: z
    .unknown()
    .describe('The platform\'s settings (see the description); a secret sent as "(set)" keeps the one stored'),
});

/** The body as documented: `settings` is one of the platforms' own settings. */
function connectorBodyDocument(): object {
  const document = inputSchema(connectorBody) as { properties: Record<string, object> };
  document.properties.settings = {
    description: 'The settings of the platform in the path',
    oneOf: CONNECTOR_PLATFORMS.map((platform) => ({
      title: platform,
      ...inputSchema(connectorFor(platform).settingsSchema([])),
    })),
  };
  return document;
}

const connectorView = z.object({
  platform: z.enum(CONNECTOR_PLATFORMS),
  enabled: z.boolean(),
  pollEvery: z.string(),
  settings: z.record(z.string(), jsonValue).describe('The settings, each secret shown as "(set)"'),
  workflowId: z.string(),
  updatedAt: isoTime,
});

const healthView = z.object({
  platform: z.enum(CONNECTOR_PLATFORMS),
  enabled: z.boolean(),
  pollEvery: z.string(),
  lastContactAt: isoTime.nullable().describe('The last time the platform answered a fetch or took a push'),
  lastError: z.string().nullable().describe("The last round's problem, cleared by a round without one"),
  lastMessageAt: isoTime.nullable().describe('When the last message was received'),
  backlog: z.int().describe('Messages kept and not yet applied'),
  unmapped: z.int().describe('Messages kept that nothing in the product means: see their reasons'),
  pendingPushes: z.int().describe('Shipments not yet told to the platform'),
  refusedPushes: z.int().describe('Shipments the platform refused: see GET …/pushes'),
});

const messageView = z.object({
  messageId: z.string(),
  topic: z.string(),
  platformOrderId: z.string().nullable(),
  occurredAt: isoTime,
  status: z.enum(MESSAGE_STATUSES),
  reason: z.string().nullable(),
  attempts: z.int(),
  lastError: z.string().nullable(),
  receivedAt: isoTime,
  settledAt: isoTime.nullable(),
});

function canOpen(sealed: string): boolean {
  try {
    openSecret(sealed);
    return true;
  } catch {
    return false;
  }
}

export const notConfigured = (shopId: string, platform: string) =>
  fail(
    404,
    'connector_not_configured',
    `Shop ${shopId} has no ${platform} connector: PUT /shops/${shopId}/connectors/${platform}`,
  );

function view(row: ConnectorRow) {
  const connector = connectorFor(row.platform as ConnectorPlatform);
  return {
    platform: row.platform as ConnectorPlatform,
    enabled: row.enabled,
    pollEvery: row.pollEvery,
    settings: shownSettings(connector, row.settings as object),
    workflowId: connectorWorkflowId(row.shopId, row.platform),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function connectorRoutes(deps: {
  temporal: Client;
  prisma: PrismaClient;
  outboundAllowedHosts: readonly string[];
}) {
  const { prisma } = deps;
  const find = (where: { shopId: string; platform: string }) =>
    prisma.connector.findUnique({ where: { shopId_platform: where } });

  return [
    route({
      method: 'get',
      path: '/shops/:shopId/connectors',
      tag: 'connectors',
      summary: "The shop's connectors and their health: last contact, backlog, unmapped messages, shipments waiting",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: shopPath,
      responses: {
        200: { description: 'Each configured connector', schema: z.object({ connectors: z.array(healthView) }) },
      },
      handler: async ({ params }) => {
        const rows = await prisma.connector.findMany({ where: params, orderBy: { platform: 'asc' } });
        const [messages, last, pushes] = await Promise.all([
          prisma.connectorMessage.groupBy({
            by: ['platform', 'status'],
            where: { ...params, status: { in: ['RECEIVED', 'UNMAPPED'] } },
            _count: { _all: true },
          }),
          prisma.connectorMessage.groupBy({ by: ['platform'], where: params, _max: { receivedAt: true } }),
          prisma.connectorPush.groupBy({
            by: ['platform', 'status'],
            where: { ...params, status: { in: ['PENDING', 'REFUSED'] } },
            _count: { _all: true },
          }),
        ]);
        const count = <T extends { platform: string; status: string; _count: { _all: number } }>(
          of: T[],
          platform: string,
          status: string,
        ) => of.find((g) => g.platform === platform && g.status === status)?._count._all ?? 0;
        return ok(200, {
          connectors: rows.map((row) => ({
            platform: row.platform as ConnectorPlatform,
            enabled: row.enabled,
            pollEvery: row.pollEvery,
            lastContactAt: row.lastContactAt?.toISOString() ?? null,
            lastError: row.lastError,
            lastMessageAt: last.find((g) => g.platform === row.platform)?._max.receivedAt?.toISOString() ?? null,
            backlog: count(messages, row.platform, 'RECEIVED'),
            unmapped: count(messages, row.platform, 'UNMAPPED'),
            pendingPushes: count(pushes, row.platform, 'PENDING'),
            refusedPushes: count(pushes, row.platform, 'REFUSED'),
          })),
        });
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/connectors/:platform',
      tag: 'connectors',
      summary: 'A connector\'s settings, secrets shown as "(set)"',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: connectorPath,
      responses: {
        200: { description: 'The connector', schema: connectorView },
        404: error('Not configured (connector_not_configured)'),
      },
      handler: async ({ params }) => {
        const row = await find(params);
        return row ? ok(200, view(row)) : notConfigured(params.shopId, params.platform);
      },
    }),
    route({
      method: 'put',
      path: '/shops/:shopId/connectors/:platform',
      tag: 'connectors',
      summary: 'Connect the shop to a platform (or change or switch off the connection); its workflow starts at once',
      description:
        'settings is the platform\'s own (README, "Connecting a marketplace"). Every URL in it must be https on a public address, unless its host is in the deployment\'s OUTBOUND_ALLOWED_HOSTS. ' +
        'Secrets are stored sealed and shown as "(set)"; a secret sent as "(set)" keeps the one stored (400 secret_not_stored when there is none). enabled: false ends the connector\'s workflow after its round; what the platform sends meanwhile is refused (404).',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: connectorPath,
      body: connectorBody,
      bodyDocument: connectorBodyDocument(),
      audited: true,
      responses: {
        200: { description: 'Stored, and its workflow running (or ending, when switched off)', schema: connectorView },
        400: error('Invalid settings; every bad field is named as settings.<field>'),
        409: error(
          'The platform account (the store, the seller) is connected to another shop (account_connected_elsewhere)',
        ),
      },
      handler: async ({ params, body }) => {
        const connector = connectorFor(params.platform);
        const sent = (body.settings && typeof body.settings === 'object' ? body.settings : {}) as Record<
          string,
          unknown
        >;
        const kept = connector.secretFields.filter((field) => sent[field] === SECRET_SHOWN_AS);
        const before = kept.length ? await find(params) : null;
        const stored = (before?.settings ?? {}) as Record<string, unknown>;
        const missing = kept.filter((field) => typeof stored[field] !== 'string');
        if (missing.length) {
          const fields = missing.map((field) => ({
            field: `settings.${field}`,
            code: 'secret_not_stored',
            message: 'no secret is stored yet to keep: give it',
          }));
          return fail(
            400,
            'secret_not_stored',
            `No ${missing.join(', ')} is stored for ${params.platform} yet: "(set)" keeps a stored secret only`,
            fields,
          );
        }
        const unreadable = kept.filter((field) => !canOpen(stored[field] as string));
        if (unreadable.length) {
          const fields = unreadable.map((field) => ({
            field: `settings.${field}`,
            code: 'secret_not_readable',
            message: 'the stored secret was sealed with another key (SECRETS_KEY changed): give it again',
          }));
          return fail(
            400,
            'secret_not_readable',
            `The stored ${unreadable.join(', ')} cannot be read with this deployment's key: give it again`,
            fields,
          );
        }
        const opened = {
          ...sent,
          ...Object.fromEntries(kept.map((field) => [field, openSecret(stored[field] as string)])),
        };
        const parsed = connector
          .settingsSchema(deps.outboundAllowedHosts)
          .safeParse(body.settings === undefined ? undefined : opened);
        if (!parsed.success) {
          const { code, message, fields } = invalidRequest(parsed.error);
          return fail(
            400,
            code,
            message,
            fields.map((f) => ({ ...f, field: f.field === '(body)' ? 'settings' : `settings.${f.field}` })),
          );
        }
        const account = (parsed.data as Record<string, unknown>)[connector.accountField];
        const elsewhere = await prisma.connector.findFirst({
          where: {
            platform: params.platform,
            shopId: { not: params.shopId },
            settings: { path: [connector.accountField], equals: account as string },
          },
          select: { shopId: true },
        });
        if (elsewhere) {
          const field = `settings.${connector.accountField}`;
          return fail(
            409,
            'account_connected_elsewhere',
            `This ${params.platform} account is connected to another shop: one account belongs to one shop, so that no shop sees another's orders`,
            [{ field, code: 'account_connected_elsewhere', message: 'connected to another shop' }],
          );
        }
        // connectedAt cleared: the next round tells the platform of the new configuration (Connector.connect).
        const data = {
          enabled: body.enabled,
          pollEvery: body.pollEvery,
          settings: sealedSettings(connector, parsed.data),
          connectedAt: null,
        };
        const row = await prisma.connector.upsert({
          where: { shopId_platform: params },
          create: { ...params, ...data },
          update: data,
        });
        // Switched off, the wake-up lets the workflow see it and end; switched on, it starts the workflow.
        await wakeConnector(deps, params.shopId, params.platform);
        return ok(200, view(row));
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/connectors/:platform/messages',
      tag: 'connectors',
      summary:
        'The messages a connector kept, newest first, by status (UNMAPPED: what it could not map, with the reason); payloads stay in the database',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: connectorPath,
      query: z.object({
        status: z.enum(MESSAGE_STATUSES).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      responses: { 200: { description: 'Messages', schema: z.object({ messages: z.array(messageView) }) } },
      handler: async ({ params, query }) => {
        const rows = await prisma.connectorMessage.findMany({
          where: { ...params, ...(query.status ? { status: query.status } : {}) },
          orderBy: { id: 'desc' },
          take: query.limit,
        });
        return ok(200, {
          messages: rows.map((row) => ({
            messageId: row.messageId,
            topic: row.topic,
            platformOrderId: row.platformOrderId,
            occurredAt: row.occurredAt.toISOString(),
            status: row.status,
            reason: row.reason,
            attempts: row.attempts,
            lastError: row.lastError,
            receivedAt: row.receivedAt.toISOString(),
            settledAt: row.settledAt?.toISOString() ?? null,
          })),
        });
      },
    }),
    route({
      method: 'post',
      path: '/shops/:shopId/connectors/:platform/messages/:messageId/retry',
      tag: 'connectors',
      summary: 'Apply an unmapped message again (after the shop fixed what its reason names)',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: connectorPath.extend({ messageId: z.string().min(1).max(200) }),
      audited: true,
      responses: {
        202: {
          description: 'Back in the backlog; the connector applies it in its next round',
          schema: z.object({ messageId: z.string() }),
        },
        404: error('No such unmapped message (message_not_found)'),
      },
      handler: async ({ params }) => {
        const { messageId, ...ref } = params;
        const { count } = await prisma.connectorMessage.updateMany({
          where: { ...ref, messageId, status: 'UNMAPPED' },
          data: { status: 'RECEIVED', attempts: 0 },
        });
        if (!count)
          return fail(
            404,
            'message_not_found',
            `No unmapped ${ref.platform} message ${messageId} in shop ${ref.shopId}`,
          );
        await wakeConnector(deps, ref.shopId, ref.platform);
        return ok(202, { messageId });
      },
    }),
    route({
      method: 'post',
      path: '/shops/:shopId/connectors/:platform/backfill',
      tag: 'connectors',
      summary:
        'Fetch a time range again from the platform (after an outage): what is already here is recognised, what is missing is applied',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: connectorPath,
      body: z
        .strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
        .refine((range) => Date.parse(range.from) < Date.parse(range.to), {
          path: ['to'],
          message: 'must be after from',
        })
        .refine((range) => Date.parse(range.to) - Date.parse(range.from) <= BACKFILL_MAX_DAYS * 86_400_000, {
          path: ['to'],
          message: `at most ${BACKFILL_MAX_DAYS} days after from`,
        }),
      audited: true,
      responses: {
        202: {
          description: 'The backfill runs (the same range again is the same backfill)',
          schema: z.object({ workflowId: z.string() }),
        },
        404: error('Not configured or switched off (connector_not_configured)'),
      },
      handler: async ({ params, body }) => {
        const row = await find(params);
        if (!row?.enabled) return notConfigured(params.shopId, params.platform);
        const from = new Date(body.from).toISOString();
        const to = new Date(body.to).toISOString();
        const workflowId = connectorBackfillWorkflowId(params.shopId, params.platform, from, to);
        await deps.temporal.workflow.start<typeof connectorBackfillWorkflow>('connectorBackfillWorkflow', {
          workflowId,
          taskQueue: ORDER_TASK_QUEUE,
          args: [{ ...params, from, to }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        return ok(202, { workflowId });
      },
    }),
  ];
}
