// The app's install on the store (Shopify's OAuth authorization-code grant): the admin is sent to
// the store to approve the app's scopes, Shopify sends them back with a code and an HMAC of the
// query under the app's client secret, and the code is exchanged for the store's offline token.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { outboundUrlRefusal } from '../../activities/outbound-url';
import { PlatformRefusedError, PlatformUnavailableError, type ConnectorInstall } from '../connector';
import type { ShopifySettings } from './settings';

/** What the connector reads and writes (docs/connectors/shopify.md, "How a shop connects"). */
export const SHOPIFY_SCOPES = [
  'read_orders',
  'read_customers',
  'write_merchant_managed_fulfillment_orders',
  'write_orders',
] as const;

/** Shopify's rule: every parameter but `hmac`, sorted, as `key=value` joined by `&`, HMAC-SHA256 in hex. */
export function shopifyQueryHmac(query: Record<string, string>, secret: string): string {
  const message = Object.keys(query)
    .filter((key) => key !== 'hmac' && key !== 'signature')
    .sort()
    .map((key) => `${key}=${query[key]}`)
    .join('&');
  return createHmac('sha256', secret).update(message).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export const shopifyInstall: ConnectorInstall<ShopifySettings> = {
  authorizeUrl(settings, redirectUri, state) {
    if (!settings.apiKey) return { missing: 'apiKey' };
    const url = new URL(`${settings.adminApiUrl}/admin/oauth/authorize`);
    url.search = new URLSearchParams({
      client_id: settings.apiKey,
      scope: SHOPIFY_SCOPES.join(','),
      redirect_uri: redirectUri,
      state,
    }).toString();
    return { url: url.toString() };
  },

  async complete(ctx, query) {
    const { settings } = ctx;
    if (!query.hmac || !sameHex(shopifyQueryHmac(query, settings.webhookSecret), query.hmac))
      throw new PlatformRefusedError("the redirect's hmac is not Shopify's under the app's client secret");
    if (query.shop !== settings.shopDomain) throw new PlatformRefusedError('the redirect is for another store');
    if (!query.code || !settings.apiKey)
      throw new PlatformRefusedError('the redirect has no code, or the settings no apiKey');
    const url = `${settings.adminApiUrl}/admin/oauth/access_token`;
    const refusal = await outboundUrlRefusal(url, ctx.outboundAllowedHosts);
    if (refusal) throw new PlatformRefusedError(`the store's address is refused: ${refusal}`);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ client_id: settings.apiKey, client_secret: settings.webhookSecret, code: query.code }),
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch {
      throw new PlatformUnavailableError('Shopify did not answer the token exchange');
    }
    if (response.status >= 500)
      throw new PlatformUnavailableError(`Shopify answered the token exchange with HTTP ${response.status}`);
    const answer = (await response.json().catch(() => ({}))) as { access_token?: unknown };
    // A code is good once and for minutes: a refusal means the admin installs again.
    if (response.status !== 200 || typeof answer.access_token !== 'string')
      throw new PlatformRefusedError(`Shopify refused the code (HTTP ${response.status}): install the app again`);
    return { ...settings, accessToken: answer.access_token };
  },
};
