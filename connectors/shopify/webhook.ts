// A webhook as Shopify sends it: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body
// keyed with the app's client secret; X-Shopify-Webhook-Id names the delivery (the same id again
// is the same message), X-Shopify-Shop-Domain the store it comes from.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookRequest, WebhookVerdict } from '../connector';
import type { ShopifySettings } from './settings';
import { carriesOrder, isShopifyTopic } from './topics';

function header(request: WebhookRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function signatureMatches(secret: string, rawBody: Buffer, given: string): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  // Decoding first gives equal-length buffers for timingSafeEqual; a malformed header decodes short and fails.
  const givenMac = /^[A-Za-z0-9+/]+={0,2}$/.test(given) ? Buffer.from(given, 'base64') : Buffer.alloc(0);
  return givenMac.length === expected.length && timingSafeEqual(givenMac, expected);
}

function isoTime(value: unknown): string | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)) ? String(value) : undefined;
}

export function verifyShopifyWebhook(settings: ShopifySettings, request: WebhookRequest): WebhookVerdict {
  const hmac = header(request, 'x-shopify-hmac-sha256');
  if (!hmac) return { ok: false, reason: 'no X-Shopify-Hmac-Sha256 header' };
  if (!signatureMatches(settings.webhookSecret, request.rawBody, hmac))
    return { ok: false, reason: 'the HMAC does not match the body under the app’s secret' };
  // Signed by our app, but for another store that installed it: not this shop's message.
  const shop = header(request, 'x-shopify-shop-domain');
  if (shop?.toLowerCase() !== settings.shopDomain)
    return { ok: false, reason: 'X-Shopify-Shop-Domain is not this shop’s store' };
  const topic = header(request, 'x-shopify-topic');
  if (!topic) return { ok: false, reason: 'no X-Shopify-Topic header' };
  const messageId = header(request, 'x-shopify-webhook-id');
  if (!messageId) return { ok: false, reason: 'no X-Shopify-Webhook-Id header' };

  let payload: unknown;
  try {
    payload = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  const record = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const occurredAt =
    isoTime(header(request, 'x-shopify-triggered-at')) ?? isoTime(record.updated_at) ?? isoTime(record.created_at);
  if (!occurredAt) return { ok: false, reason: 'neither X-Shopify-Triggered-At nor the payload says when it happened' };
  const platformOrderId = isShopifyTopic(topic) ? idOf(carriesOrder(topic) ? record.id : record.order_id) : undefined;
  return {
    ok: true,
    message: { messageId, topic, occurredAt, payload, ...(platformOrderId ? { platformOrderId } : {}) },
  };
}
