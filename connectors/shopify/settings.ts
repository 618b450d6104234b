// What a shop gives the back office to connect its Shopify store: the store, the Admin API token
// the app's install handed out, and the app's client secret that signs the webhooks.
import { z } from 'zod';
import { outboundUrlSchema } from '../../activities/outbound-url';

/**
 * The Admin API version every call names. Pinned, not a setting: the queries and the payloads the
 * mapping reads are written against it (refundCreate requires @idempotent from 2026-04 on).
 * 2026-10 is Shopify's stable version of October 2026, accessible until October 2027.
 */
export const SHOPIFY_API_VERSION = '2026-10';

const shopDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com$/, 'the store’s permanent domain, <name>.myshopify.com');

export function shopifySettingsSchema(outboundAllowedHosts: readonly string[]) {
  return z
    .strictObject({
      shopDomain: shopDomainSchema,
      /** Where the Admin API is reached; https://<shopDomain> unless a deployment (or a test) says otherwise. */
      adminApiUrl: outboundUrlSchema(outboundAllowedHosts)
        .transform((url) => url.replace(/\/+$/, ''))
        .optional(),
      /** The Admin API access token (shpat_…) from the app's install on this store: pasted, or left out and got by the install (install.ts). */
      accessToken: z.string().trim().min(1).max(255).optional(),
      /** The app's client id, for the install. */
      apiKey: z.string().trim().min(1).max(255).optional(),
      /** The app's client secret: Shopify signs each webhook with it. */
      webhookSecret: z.string().trim().min(1).max(255),
      timeoutMs: z.int().min(1000).max(30_000).default(10_000),
    })
    .transform((settings) => ({ ...settings, adminApiUrl: settings.adminApiUrl ?? `https://${settings.shopDomain}` }));
}

export type ShopifySettings = z.output<ReturnType<typeof shopifySettingsSchema>>;

export const SHOPIFY_SECRET_FIELDS = [
  'accessToken',
  'webhookSecret',
] as const satisfies readonly (keyof ShopifySettings)[];
