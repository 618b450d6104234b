// What the platforms send to the API: their webhooks, kept at once and applied by the connector's
// workflow, and the app's install (OAuth): the approval link for the shop's admin, and the
// platform's redirect back, which is checked and exchanged for the shop's token.
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { connectorContext, openedSettings } from '../../activities/connector-context';
import { keepMessages } from '../../activities/connector-messages';
import type { PrismaClient } from '../../activities/prisma-client';
import { openSecret, sealSecret } from '../../config/secret-box';
import { PlatformRefusedError, PlatformUnavailableError } from '../../connectors/connector';
import { connectorFor } from '../../connectors/registry';
import { wakeConnector } from '../connector-workflows';
import { listeningAddress } from '../listening-address';
import { error } from '../response-schemas';
import { fail, ok, route } from '../route-table';
import { connectorPath, notConfigured } from './connectors';
import { ADMIN } from './roles';

const INSTALL_WINDOW_MS = 10 * 60_000;

/** Whether `state` is one this deployment sealed for this shop and platform, and still current. */
function stateFor(state: string, params: { shopId: string; platform: string }): boolean {
  try {
    const opened = JSON.parse(openSecret(state)) as { shopId?: unknown; platform?: unknown; until?: unknown };
    return (
      opened.shopId === params.shopId &&
      opened.platform === params.platform &&
      typeof opened.until === 'number' &&
      opened.until > Date.now()
    );
  } catch {
    return false;
  }
}

/** `publicBaseUrl`: PUBLIC_BASE_URL, where the platform sends the admin back after an install; where the API listens when absent. */
export function connectorInboundRoutes(deps: {
  temporal: Client;
  prisma: PrismaClient;
  outboundAllowedHosts: readonly string[];
  publicBaseUrl?: string;
}) {
  const { prisma } = deps;
  const find = (where: { shopId: string; platform: string }) =>
    prisma.connector.findUnique({ where: { shopId_platform: where } });

  return [
    route({
      method: 'get',
      path: '/shops/:shopId/connectors/:platform/install',
      tag: 'connectors',
      summary:
        "Where the shop's admin approves the app on the platform (OAuth): the platform sends them back to the callback, which keeps the shop's token",
      access: { kind: 'shop', from: 'params', roles: ADMIN },
      params: connectorPath,
      responses: {
        200: {
          description: 'Open authorizeUrl in the browser; it is good for 10 minutes',
          schema: z.object({ authorizeUrl: z.string(), redirectUri: z.string() }),
        },
        400: error('A setting the install needs is not given (setting_missing, naming settings.<field>)'),
        404: error('Not configured, or the platform has no install here (connector_not_configured)'),
      },
      handler: async ({ params, req }) => {
        const row = await find(params);
        const connector = connectorFor(params.platform);
        if (!row || !connector.install) return notConfigured(params.shopId, params.platform);
        const redirectUri = `${deps.publicBaseUrl ?? listeningAddress(req)}/connectors/${params.platform}/${params.shopId}/oauth/callback`;
        // Sealed (authenticated encryption): only this deployment makes a state the callback accepts, for this shop, for a while.
        const state = sealSecret(
          JSON.stringify({ shopId: params.shopId, platform: params.platform, until: Date.now() + INSTALL_WINDOW_MS }),
        );
        const authorize = connector.install.authorizeUrl(
          openedSettings(connector, row.settings as object),
          redirectUri,
          state,
        );
        if ('missing' in authorize) {
          const field = `settings.${authorize.missing}`;
          return fail(400, 'setting_missing', `The install needs ${field}: PUT it first`, [
            { field, code: 'setting_missing', message: 'needed for the install' },
          ]);
        }
        return ok(200, { authorizeUrl: authorize.url, redirectUri });
      },
    }),
    route({
      method: 'get',
      path: '/connectors/:platform/:shopId/oauth/callback',
      tag: 'connectors',
      summary:
        "The platform's redirect back after the admin approved the app: checked, its code exchanged, the shop's token kept",
      access: {
        kind: 'public',
        why: "the platform's signature over the query and the state this deployment sealed are the credential",
      },
      params: connectorPath,
      query: z.looseObject({ state: z.string().min(1).max(4000) }),
      responses: {
        200: {
          description: 'Installed: the token is kept, the connector runs with it',
          schema: z.object({ installed: z.literal(true) }),
        },
        400: error('The state is not this deployment’s, for this shop, or has expired (invalid_state)'),
        401: error('The platform refused, or the redirect is not the platform’s (install_refused)'),
        404: error('Not configured (connector_not_configured)'),
        503: error(
          'The platform did not answer the code exchange (platform_unavailable); the same link works again while the code is good',
        ),
      },
      handler: async ({ params, query }) => {
        if (!stateFor(query.state, params))
          return fail(
            400,
            'invalid_state',
            'The install link is not this deployment’s, or is for another shop, or is older than 10 minutes: start the install again',
          );
        const row = await find(params);
        const connector = connectorFor(params.platform);
        if (!row || !connector.install) return notConfigured(params.shopId, params.platform);
        const { ctx } = connectorContext(prisma, row, deps.outboundAllowedHosts);
        const strings = Object.fromEntries(
          Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        );
        try {
          await ctx.saveSettings(await connector.install.complete(ctx, strings));
        } catch (err) {
          if (err instanceof PlatformRefusedError)
            return fail(401, 'install_refused', `The install was refused: ${err.message}`);
          if (err instanceof PlatformUnavailableError)
            return {
              ...fail(
                503,
                'platform_unavailable',
                `${params.platform} did not answer the code exchange: retry the link`,
              ),
              headers: { 'Retry-After': '10' },
            };
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
      summary:
        "A platform's webhook (Shopify's, at the address the shop's app registers): verified, kept, answered at once",
      description:
        "The body is whatever the platform sends, as JSON; the platform's signature over its raw bytes is checked (Shopify: X-Shopify-Hmac-Sha256). The same message again (X-Shopify-Webhook-Id) is answered 200 and kept once.",
      access: {
        kind: 'public',
        why: "the platform's signature over the raw body, checked against the shop's secret, is the credential",
      },
      params: connectorPath,
      body: z.unknown(),
      responses: {
        200: {
          description: 'Kept (or kept before)',
          schema: z.object({ received: z.literal(true), duplicate: z.boolean() }),
        },
        401: error('The signature does not match (invalid_signature)'),
        404: error(
          'No such connector, or it is switched off, or the platform does not push (connector_not_configured)',
        ),
      },
      handler: async ({ params, req }) => {
        const row = await find(params);
        const connector = connectorFor(params.platform);
        if (!row?.enabled || !connector.verifyWebhook) return notConfigured(params.shopId, params.platform);
        const rawBody = (req as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([name, value]) => [
            name.toLowerCase(),
            Array.isArray(value) ? value.join(',') : value,
          ]),
        );
        let settings: object;
        try {
          settings = openedSettings(connector, row.settings as object);
        } catch {
          // Sealed with another deployment's key (SECRETS_KEY changed): nothing can be verified until the admin gives the secret again.
          return fail(
            401,
            'invalid_signature',
            `The webhook was refused: the shop's ${params.platform} secret cannot be read here; its admin must PUT it again`,
          );
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
