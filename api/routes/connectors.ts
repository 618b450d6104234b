// A shop's marketplace connectors (connectors/): their settings (admin; secrets sealed, shown as
// "(set)"), their health, the messages they kept and could not map, a backfill of a time range,
// and the webhooks platforms push, which are kept at once and applied by the connector's workflow.
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Connector as ConnectorRow } from '../../generated/prisma/client';
import { connectorContext, openedSettings, SECRET_SHOWN_AS, sealedSettings, shownSettings } from '../../activities/connector-context';
import { keepMessages } from '../../activities/connector-messages';
import type { PrismaClient } from '../../activities/prisma-client';
import { openSecret, sealSecret } from '../../config/secret-box';
import { PlatformRefusedError, PlatformUnavailableError } from '../../connectors/connector';
import { CONNECTOR_PLATFORMS, type ConnectorPlatform } from '../../connectors/platforms';
import { connectorFor } from '../../connectors/registry';
import { durationMs } from '../../workflows/shop-policy';
import { connectorBackfillWorkflowId, connectorWorkflowId, ORDER_TASK_QUEUE } from '../../workflows/definitions';
import type { connectorBackfillWorkflow } from '../../workflows';
import { wakeConnector } from '../connector-workflows';
import { invalidRequest } from '../errors';
import { listeningAddress } from '../listening-address';
import { idSchema } from '../field-rules';
import { inputSchema } from '../json-schema';
import { error, isoTime, jsonValue } from '../response-schemas';
import { fail, ok, route } from '../route-table';
import { ADMIN } from './roles';

const shopPath = z.object({ shopId: idSchema });
const connectorPath = shopPath.extend({ platform: z.enum(CONNECTOR_PLATFORMS) });

const MESSAGE_STATUSES = ['RECEIVED', 'APPLIED', 'ECHO', 'UNMAPPED'] as const;
const BACKFILL_MAX_DAYS = 90;

const pollEverySchema = z
  .string()
  .regex(/^[1-9]\d*(s|m|h)$/, { message: 'a duration in seconds, minutes or hours, e.g. 15s, 1m', abort: true })
  .refine((value) => durationMs(value) >= 5_000 && durationMs(value) <= 3_600_000, 'between 5s and 1h');

const connectorBody = z.strictObject({
  enabled: z.boolean().default(true),
  pollEvery: pollEverySchema.default('15s').describe('How long the connector waits between rounds when no webhook wakes it (5s to 1h)'),
  settings: z.unknown().describe("The platform's settings (see the description); a secret sent as \"(set)\" keeps the one stored"),
});

/** The body as documented: `settings` is one of the platforms' own settings. */
function connectorBodyDocument(): object {
  const document = inputSchema(connectorBody) as { properties: Record<string, object> };
  document.properties.settings = { description: 'The settings of the platform in the path', oneOf: CONNECTOR_PLATFORMS.map((platform) => ({ title: platform, ...inputSchema(connectorFor(platform).settingsSchema([])) })) };
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

const INSTALL_WINDOW_MS = 10 * 60_000;

/** Whether `state` is one this deployment sealed for this shop and platform, and still current. */
function stateFor(state: string, params: { shopId: string; platform: string }): boolean {
  try {
    const opened = JSON.parse(openSecret(state)) as { shopId?: unknown; platform?: unknown; until?: unknown };
    return opened.shopId === params.shopId && opened.platform === params.platform && typeof opened.until === 'number' && opened.until > Date.now();
  } catch {
    return false;
  }
}

const notConfigured = (shopId: string, platform: string) =>
  fail(404, 'connector_not_configured', `Shop ${shopId} has no ${platform} connector: PUT /shops/${shopId}/connectors/${platform}`);

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

/** `publicBaseUrl`: PUBLIC_BASE_URL, where the platform sends the admin back after an install; where the API listens when absent. */
export function connectorRoutes(deps: { temporal: Client; prisma: PrismaClient; outboundAllowedHosts: readonly string[]; publicBaseUrl?: string }) {
  const { prisma } = deps;
  const find = (where: { shopId: string; platform: string }) => prisma.connector.findUnique({ where: { shopId_platform: where } });

  return [
    route({
      method: 'get',
      path: '/shops/:shopId/connectors',
      tag: 'connectors',
      summary: "The shop's connectors and their health: last contact, backlog, unmapped messages, shipments waiting",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: shopPath,
      responses: { 200: { description: 'Each configured connector', schema: z.object({ connectors: z.array(healthView) }) } },
      handler: async ({ params }) => {
        const rows = await prisma.connector.findMany({ where: params, orderBy: { platform: 'asc' } });
        const [messages, last, pushes] = await Promise.all([
          prisma.connectorMessage.groupBy({ by: ['platform', 'status'], where: { ...params, status: { in: ['RECEIVED', 'UNMAPPED'] } }, _count: { _all: true } }),
          prisma.connectorMessage.groupBy({ by: ['platform'], where: params, _max: { receivedAt: true } }),
          prisma.connectorPush.groupBy({ by: ['platform', 'status'], where: { ...params, status: { in: ['PENDING', 'REFUSED'] } }, _count: { _all: true } }),
        ]);
        const count = <T extends { platform: string; status: string; _count: { _all: number } }>(of: T[], platform: string, status: string) => of.find((g) => g.platform === platform && g.status === status)?._count._all ?? 0;
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
      summary: "A connector's settings, secrets shown as \"(set)\"",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: connectorPath,
      responses: { 200: { description: 'The connector', schema: connectorView }, 404: error('Not configured (connector_not_configured)') },
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
        409: error('The platform account (the store, the seller) is connected to another shop (account_connected_elsewhere)'),
      },
      handler: async ({ params, body }) => {
        const connector = connectorFor(params.platform);
        const sent = (body.settings && typeof body.settings === 'object' ? body.settings : {}) as Record<string, unknown>;
        const kept = connector.secretFields.filter((field) => sent[field] === SECRET_SHOWN_AS);
        const before = kept.length ? await find(params) : null;
        const stored = (before?.settings ?? {}) as Record<string, unknown>;
        const missing = kept.filter((field) => typeof stored[field] !== 'string');
        if (missing.length) {
          const fields = missing.map((field) => ({ field: `settings.${field}`, code: 'secret_not_stored', message: 'no secret is stored yet to keep: give it' }));
          return fail(400, 'secret_not_stored', `No ${missing.join(', ')} is stored for ${params.platform} yet: "(set)" keeps a stored secret only`, fields);
        }
        const unreadable = kept.filter((field) => !canOpen(stored[field] as string));
        if (unreadable.length) {
          const fields = unreadable.map((field) => ({ field: `settings.${field}`, code: 'secret_not_readable', message: "the stored secret was sealed with another key (SECRETS_KEY changed): give it again" }));
          return fail(400, 'secret_not_readable', `The stored ${unreadable.join(', ')} cannot be read with this deployment's key: give it again`, fields);
        }
        const opened = { ...sent, ...Object.fromEntries(kept.map((field) => [field, openSecret(stored[field] as string)])) };
        const parsed = connector.settingsSchema(deps.outboundAllowedHosts).safeParse(body.settings === undefined ? undefined : opened);
        if (!parsed.success) {
          const { code, message, fields } = invalidRequest(parsed.error);
          return fail(400, code, message, fields.map((f) => ({ ...f, field: f.field === '(body)' ? 'settings' : `settings.${f.field}` })));
        }
        const account = (parsed.data as Record<string, unknown>)[connector.accountField];
        const elsewhere = await prisma.connector.findFirst({ where: { platform: params.platform, shopId: { not: params.shopId }, settings: { path: [connector.accountField], equals: account as string } }, select: { shopId: true } });
        if (elsewhere) {
          const field = `settings.${connector.accountField}`;
          return fail(409, 'account_connected_elsewhere', `This ${params.platform} account is connected to another shop: one account belongs to one shop, so that no shop sees another's orders`, [{ field, code: 'account_connected_elsewhere', message: 'connected to another shop' }]);
        }
        // connectedAt cleared: the next round tells the platform of the new configuration (Connector.connect).
        const data = { enabled: body.enabled, pollEvery: body.pollEvery, settings: sealedSettings(connector, parsed.data), connectedAt: null };
        const row = await prisma.connector.upsert({ where: { shopId_platform: params }, create: { ...params, ...data }, update: data });
        // Switched off, the wake-up lets the workflow see it and end; switched on, it starts the workflow.
        await wakeConnector(deps, params.shopId, params.platform);
        return ok(200, view(row));
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/connectors/:platform/messages',
      tag: 'connectors',
      summary: "The messages a connector kept, newest first, by status (UNMAPPED: what it could not map, with the reason); payloads stay in the database",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: connectorPath,
      query: z.object({ status: z.enum(MESSAGE_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      responses: { 200: { description: 'Messages', schema: z.object({ messages: z.array(messageView) }) } },
      handler: async ({ params, query }) => {
        const rows = await prisma.connectorMessage.findMany({ where: { ...params, ...(query.status ? { status: query.status } : {}) }, orderBy: { id: 'desc' }, take: query.limit });
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
      responses: { 202: { description: 'Back in the backlog; the connector applies it in its next round', schema: z.object({ messageId: z.string() }) }, 404: error('No such unmapped message (message_not_found)') },
      handler: async ({ params }) => {
        const { messageId, ...ref } = params;
        const { count } = await prisma.connectorMessage.updateMany({ where: { ...ref, messageId, status: 'UNMAPPED' }, data: { status: 'RECEIVED', attempts: 0 } });
        if (!count) return fail(404, 'message_not_found', `No unmapped ${ref.platform} message ${messageId} in shop ${ref.shopId}`);
        await wakeConnector(deps, ref.shopId, ref.platform);
        return ok(202, { messageId });
      },
    }),
    route({
      method: 'post',
      path: '/shops/:shopId/connectors/:platform/backfill',
      tag: 'connectors',
      summary: 'Fetch a time range again from the platform (after an outage): what is already here is recognised, what is missing is applied',
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: connectorPath,
      body: z
        .strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
        .refine((range) => Date.parse(range.from) < Date.parse(range.to), { path: ['to'], message: 'must be after from' })
        .refine((range) => Date.parse(range.to) - Date.parse(range.from) <= BACKFILL_MAX_DAYS * 86_400_000, { path: ['to'], message: `at most ${BACKFILL_MAX_DAYS} days after from` }),
      audited: true,
      responses: { 202: { description: 'The backfill runs (the same range again is the same backfill)', schema: z.object({ workflowId: z.string() }) }, 404: error('Not configured or switched off (connector_not_configured)') },
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
    route({
      method: 'get',
      path: '/shops/:shopId/connectors/:platform/install',
      tag: 'connectors',
      summary: "Where the shop's admin approves the app on the platform (OAuth): the platform sends them back to the callback, which keeps the shop's token",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: connectorPath,
      responses: {
        200: { description: 'Open authorizeUrl in the browser; it is good for 10 minutes', schema: z.object({ authorizeUrl: z.string(), redirectUri: z.string() }) },
        400: error('A setting the install needs is not given (setting_missing, naming settings.<field>)'),
        404: error('Not configured, or the platform has no install here (connector_not_configured)'),
      },
      handler: async ({ params, req }) => {
        const row = await find(params);
        const connector = connectorFor(params.platform);
        if (!row || !connector.install) return notConfigured(params.shopId, params.platform);
        const redirectUri = `${deps.publicBaseUrl ?? listeningAddress(req)}/connectors/${params.platform}/${params.shopId}/oauth/callback`;
        // Sealed (authenticated encryption): only this deployment makes a state the callback accepts, for this shop, for a while.
        const state = sealSecret(JSON.stringify({ shopId: params.shopId, platform: params.platform, until: Date.now() + INSTALL_WINDOW_MS }));
        const authorize = connector.install.authorizeUrl(openedSettings(connector, row.settings as object), redirectUri, state);
        if ('missing' in authorize) {
          const field = `settings.${authorize.missing}`;
          return fail(400, 'setting_missing', `The install needs ${field}: PUT it first`, [{ field, code: 'setting_missing', message: 'needed for the install' }]);
        }
        return ok(200, { authorizeUrl: authorize.url, redirectUri });
      },
    }),
    route({
      method: 'get',
      path: '/connectors/:platform/:shopId/oauth/callback',
      tag: 'connectors',
      summary: "The platform's redirect back after the admin approved the app: checked, its code exchanged, the shop's token kept",
      access: { kind: 'public', why: "the platform's signature over the query and the state this deployment sealed are the credential" },
      params: connectorPath,
      query: z.looseObject({ state: z.string().min(1).max(4000) }),
      responses: {
        200: { description: 'Installed: the token is kept, the connector runs with it', schema: z.object({ installed: z.literal(true) }) },
        400: error('The state is not this deployment’s, for this shop, or has expired (invalid_state)'),
        401: error('The platform refused, or the redirect is not the platform’s (install_refused)'),
        404: error('Not configured (connector_not_configured)'),
        503: error('The platform did not answer the code exchange (platform_unavailable); the same link works again while the code is good'),
      },
      handler: async ({ params, query }) => {
        if (!stateFor(query.state, params)) return fail(400, 'invalid_state', 'The install link is not this deployment’s, or is for another shop, or is older than 10 minutes: start the install again');
        const row = await find(params);
        const connector = connectorFor(params.platform);
        if (!row || !connector.install) return notConfigured(params.shopId, params.platform);
        const { ctx } = connectorContext(prisma, row, deps.outboundAllowedHosts);
        const strings = Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
        try {
          await ctx.saveSettings(await connector.install.complete(ctx, strings));
        } catch (err) {
          if (err instanceof PlatformRefusedError) return fail(401, 'install_refused', `The install was refused: ${err.message}`);
          if (err instanceof PlatformUnavailableError) return { ...fail(503, 'platform_unavailable', `${params.platform} did not answer the code exchange: retry the link`), headers: { 'Retry-After': '10' } };
          throw err;
        }
        await wakeConnector(deps, params.shopId, params.platform);
        return ok(200, { installed: true as const });
      },
    }),
    route({
      method: 'post',
      path: '/connectors/:platform/:shopId/webhooks',
      tag: 'connectors',
      summary: "A platform's webhook (Shopify's, at the address the shop's app registers): verified, kept, answered at once",
      description: 'The body is whatever the platform sends, as JSON; the platform\'s signature over its raw bytes is checked (Shopify: X-Shopify-Hmac-Sha256). The same message again (X-Shopify-Webhook-Id) is answered 200 and kept once.',
      access: { kind: 'public', why: "the platform's signature over the raw body, checked against the shop's secret, is the credential" },
      params: connectorPath,
      body: z.unknown(),
      responses: {
        200: { description: 'Kept (or kept before)', schema: z.object({ received: z.literal(true), duplicate: z.boolean() }) },
        401: error('The signature does not match (invalid_signature)'),
        404: error('No such connector, or it is switched off, or the platform does not push (connector_not_configured)'),
      },
      handler: async ({ params, req }) => {
        const row = await find(params);
        const connector = connectorFor(params.platform);
        if (!row?.enabled || !connector.verifyWebhook) return notConfigured(params.shopId, params.platform);
        const rawBody = (req as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
        const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : value]));
        let settings: object;
        try {
          settings = openedSettings(connector, row.settings as object);
        } catch {
          // Sealed with another deployment's key (SECRETS_KEY changed): nothing can be verified until the admin gives the secret again.
          return fail(401, 'invalid_signature', `The webhook was refused: the shop's ${params.platform} secret cannot be read here; its admin must PUT it again`);
        }
        const verdict = connector.verifyWebhook(settings, { headers, rawBody });
        if (!verdict.ok) return fail(401, 'invalid_signature', `The webhook was refused: ${verdict.reason}`);
        const kept = await keepMessages(prisma, params, [verdict.message]);
        // Kept is what the platform needs to hear; the workflow also finds the message on its next round if the wake-up is lost.
        await wakeConnector(deps, params.shopId, params.platform).catch(() => undefined);
        return ok(200, { received: true as const, duplicate: kept === 0 });
      },
    }),
  ];
}
