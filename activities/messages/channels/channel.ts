// What every message channel implements. The outbox (activities/messages/outbox.ts) decides
// whether and when a message goes out and records the result; a channel only delivers it.
//
import { z } from 'zod';

// Retries are the outbox's business: a channel throws, and Temporal retries the activity. Every
// delivery carries the outbox's idempotency key in the form its protocol allows (Message-ID,
// OutId, Idempotency-Key), so a receiver can tell a retried delivery from a new one.

/** One message ready to go out on a channel. */
export interface OutgoingMessage {
  /** Derived from the workflow and the rule step, never from the attempt; stable across retries. */
  idempotencyKey: string;
  shopId: string;
  /** The buyer on the platform (chat/webhook) and where the channel delivers. */
  buyerId: string;
  /** The channel's address: an email address, a mobile number or, for webhooks, the buyer id. */
  recipient: string;
  template: string;
  locale: string;
  subject: string;
  text: string;
  /** The template's variables, for providers that render their own registered templates (SMS). */
  variables: Record<string, string>;
  orderId?: string;
  /** Buyers get templates in their tone (M2); staff get notices such as an escalated task (T1). */
  audience: 'buyer' | 'staff';
}

export interface DeliveryReceipt {
  /** The provider's own id for the delivery (SMTP Message-ID, Alibaba BizId, webhook response id). */
  providerMessageId: string;
}

/**
 * The provider refused the message for good (a malformed number, a 5xx SMTP reply, an unknown
 * template code): retrying cannot help, so the outbox records the message as failed with `code`.
 * Any other error is taken as transient and retried.
 */
export class PermanentDeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export interface Channel {
  send(message: OutgoingMessage): Promise<DeliveryReceipt>;
}

/**
 * A channel's time limit for one delivery. Capped well below the outbox activity's 1-minute
 * start-to-close timeout and its 2-minute lease, so a slow attempt has ended before another
 * attempt may take the message over and send it again.
 */
export const deliveryTimeoutMs = (defaultMs: number) => z.number().int().positive().max(30_000).default(defaultMs);
