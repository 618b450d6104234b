// Signed JSON webhooks to the platform's chat or the shop's own system. The receiver checks the
// signature with verifyWebhookSignature (or its own copy of it) and dedupes by Idempotency-Key.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PermanentDeliveryError, type Channel, type DeliveryReceipt, type OutgoingMessage, deliveryTimeoutMs } from './channel';

export const webhookConfigSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(16),
  timeoutMs: deliveryTimeoutMs(10_000),
});

export type WebhookConfig = z.output<typeof webhookConfigSchema>;

/** The signature header's value: `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function signWebhook(secret: string, timestamp: number | string, body: string | Buffer): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * Whether a request came from the back office: the signature matches the raw body as received
 * (before any JSON parsing), and the signed timestamp is within `toleranceSeconds` of now, so a
 * request captured and replayed later is refused.
 */
export function verifyWebhookSignature(
  secret: string,
  timestampHeader: string | undefined,
  signatureHeader: string | undefined,
  rawBody: string | Buffer,
  toleranceSeconds = 300,
): boolean {
  if (!timestampHeader || !signatureHeader || !/^\d+$/.test(timestampHeader)) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestampHeader)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestampHeader, rawBody));
  const actual = Buffer.from(signatureHeader);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Statuses that say "not now" rather than "never": timeout, conflict with a request still in
// flight, too early, rate limited. Every 5xx is transient as well.
const TRANSIENT_CLIENT_STATUSES = new Set([408, 409, 425, 429]);

export function createWebhookChannel(config: WebhookConfig): Channel {
  return {
    async send(message: OutgoingMessage): Promise<DeliveryReceipt> {
      const body = JSON.stringify({
        id: message.idempotencyKey,
        type: message.audience === 'staff' ? 'staff.notice' : 'buyer.message',
        shopId: message.shopId,
        orderId: message.orderId,
        buyerId: message.buyerId,
        template: message.template,
        locale: message.locale,
        subject: message.subject,
        text: message.text,
        variables: message.variables,
      });
      const timestamp = Math.floor(Date.now() / 1000);
      let response: Response;
      try {
        response = await fetch(config.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': message.idempotencyKey,
            'X-Backoffice-Timestamp': String(timestamp),
            'X-Backoffice-Signature': signWebhook(config.secret, timestamp, body),
          },
          body,
          // A redirect would carry buyers' messages to an address the shop never configured.
          redirect: 'manual',
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (err) {
        throw transportError(err, config.timeoutMs);
      }
      if (!response.ok) {
        await response.body?.cancel();
        if (response.status >= 500 || TRANSIENT_CLIENT_STATUSES.has(response.status)) {
          throw new Error(`Webhook receiver answered ${response.status}`);
        }
        throw new PermanentDeliveryError(`WEBHOOK_REJECTED_${response.status}`, `Webhook receiver refused the message (${response.status})`);
      }
      return { providerMessageId: (await responseId(response, config.timeoutMs)) ?? message.idempotencyKey };
    },
  };
}

/** The receiver's id for the delivery, when it answers with JSON that has one. */
async function responseId(response: Response, timeoutMs: number): Promise<string | undefined> {
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    // The message was accepted; only its answer got lost. A retry is safe thanks to the key.
    throw transportError(err, timeoutMs);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    const id = typeof parsed === 'object' && parsed !== null && 'id' in parsed ? parsed.id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** fetch's errors name the URL and wrap a cause; keep only what says what kind of failure it was. */
function transportError(err: unknown, timeoutMs: number): Error {
  if (property(err, 'name') === 'TimeoutError') return new Error(`Webhook request timed out after ${timeoutMs} ms`);
  const code = property(property(err, 'cause'), 'code');
  return new Error(`Webhook request failed (${typeof code === 'string' ? code : 'no response'})`);
}

// Not `instanceof Error`: fetch's DOMException and socket errors may come from another realm.
function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
