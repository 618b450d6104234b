// Email over SMTP, one connection per message. Errors leave this file with the SMTP reply code
// and nothing else: nodemailer's messages quote the server's reply, which often names the
// recipient, and they would end up in Temporal's history and the worker's logs.
import { createHash } from 'node:crypto';
import { createTransport, type NodemailerError } from 'nodemailer';
import { z } from 'zod';
import {
  PermanentDeliveryError,
  type Channel,
  type DeliveryReceipt,
  type OutgoingMessage,
  deliveryTimeoutMs,
} from './channel';

export const emailConfigSchema = z
  .strictObject({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** Implicit TLS from the first byte (usually port 465); otherwise STARTTLS when offered. */
    secure: z.boolean().default(false),
    /** Refuse to send unless the server upgrades the connection with STARTTLS. */
    requireTls: z.boolean().default(false),
    user: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    from: z.email(),
    timeoutMs: deliveryTimeoutMs(15_000),
  })
  .refine((c) => (c.user === undefined) === (c.password === undefined), {
    message: 'user and password are given together or not at all',
    path: ['password'],
  });

export type EmailConfig = z.output<typeof emailConfigSchema>;

/**
 * The same key always gives the same Message-ID, so a mailbox can tell a retried delivery from a
 * new one. Hashed because the key names the shop's workflow and order, which the buyer need not see.
 */
function emailMessageId(idempotencyKey: string, from: string): string {
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${hash}@${from.slice(from.lastIndexOf('@') + 1)}>`;
}

export function createEmailChannel(config: EmailConfig): Channel {
  return {
    async send(message: OutgoingMessage): Promise<DeliveryReceipt> {
      // No ignoreTLS: nodemailer then upgrades whenever the server offers STARTTLS, and fails
      // rather than fall back when the upgrade fails. A server offering none gets plain text, as
      // does anyone who strips the offer on the way; requireTls is what prevents that.
      const transport = createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        requireTLS: config.requireTls,
        auth: config.user === undefined ? undefined : { user: config.user, pass: config.password },
      });
      const messageId = emailMessageId(message.idempotencyKey, config.from);
      try {
        await transport.sendMail({
          from: config.from,
          to: message.recipient,
          subject: message.subject,
          text: message.text,
          messageId,
          headers: { 'X-Idempotency-Key': message.idempotencyKey, 'Content-Language': message.locale },
          // One deadline for DNS, connect, greeting and dialogue. A timeout after the server got
          // the whole message may deliver it twice; the Message-ID lets the mailbox see that.
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (err) {
        throw withoutPersonalData(err, config.timeoutMs);
      } finally {
        transport.close();
      }
      return { providerMessageId: messageId };
    },
  };
}

function withoutPersonalData(err: unknown, timeoutMs: number): Error {
  // Not `instanceof Error`: nodemailer passes on socket errors, which may come from another realm.
  const { code, command, responseCode, permanent }: Partial<NodemailerError> =
    typeof err === 'object' && err !== null ? err : {};
  // Only a refusal of this message (its envelope or its content) is final. A 5xx to STARTTLS,
  // AUTH or the greeting is the server's or our configuration's fault: once that is fixed the
  // message goes out, so it stays transient instead of failing every message queued meanwhile.
  const aboutTheMessage = code === 'EENVELOPE' || code === 'EMESSAGE';
  if (responseCode !== undefined) {
    // nodemailer's `permanent` is every 5xx but 503 (bad sequence of commands), a session fault.
    const reply = `SMTP server answered ${responseCode} to ${command ?? 'a command'}`;
    return aboutTheMessage && permanent
      ? new PermanentDeliveryError(`SMTP_REJECTED_${responseCode}`, reply)
      : new Error(reply);
  }
  // Refused before any server saw it: an address nodemailer cannot put into an envelope.
  if (code === 'EENVELOPE')
    return new PermanentDeliveryError('SMTP_INVALID_ADDRESS', 'The recipient is not a deliverable email address');
  if (code === 'EABORT') return new Error(`SMTP delivery timed out after ${timeoutMs} ms`);
  return new Error(`SMTP delivery failed (${code ?? 'unknown error'})`);
}
