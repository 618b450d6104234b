// Signed JSON webhooks to the platform's chat or the shop's own system. The receiver checks the
// signature with verifySignedRequest (or its own copy of it) and dedupes by Idempotency-Key.
import { z } from 'zod';
import { OutboundUrlRefusedError } from '../../outbound-url';
import { postSigned } from '../../signed-post';
import {
  PermanentDeliveryError,
  type Channel,
  type DeliveryReceipt,
  type OutgoingMessage,
  deliveryTimeoutMs,
} from './channel';

export const webhookConfigSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(16),
  timeoutMs: deliveryTimeoutMs(10_000),
});

export type WebhookConfig = z.output<typeof webhookConfigSchema>;

// Statuses that say "not now" rather than "never": timeout, conflict with a request still in
// flight, too early, rate limited. Every 5xx is transient as well.
const TRANSIENT_CLIENT_STATUSES = new Set([408, 409, 425, 429]);

/** `allowedHosts`: the deployment's OUTBOUND_ALLOWED_HOSTS, the only hosts the URL may be http or private on. */
export function createWebhookChannel(config: WebhookConfig, allowedHosts: readonly string[]): Channel {
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
      let response: Response;
      try {
        response = await postSigned(config, message.idempotencyKey, body, allowedHosts);
      } catch (err) {
        // Final until the shop configures another URL: every retry would be refused the same way.
        if (err instanceof OutboundUrlRefusedError)
          throw new PermanentDeliveryError(err.code, `Webhook URL refused: ${err.message}`);
        throw transportError(err, config.timeoutMs);
      }
      if (!response.ok) {
        await response.body?.cancel();
        if (response.status >= 500 || TRANSIENT_CLIENT_STATUSES.has(response.status)) {
          throw new Error(`Webhook receiver answered ${response.status}`);
        }
        throw new PermanentDeliveryError(
          `WEBHOOK_REJECTED_${response.status}`,
          `Webhook receiver refused the message (${response.status})`,
        );
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
