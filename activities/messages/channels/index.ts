// The channels a shop can configure (M1), by the name the outbox and the API use. A phone call is
// not among them: it is an agent's task (workflows/task-kinds.ts, call_buyer).
import type { z } from 'zod';
import { outboundUrlProblem } from '../../outbound-url';
import type { Channel } from './channel';
import { alibabaSmsConfigSchema, createAlibabaSmsChannel } from './alibaba-sms';
import { createEmailChannel, emailConfigSchema } from './email';
import { createWebhookChannel, webhookConfigSchema } from './webhook';
import type { MessageChannel } from '../../../workflows/shop-policy';

// Declared with the shop policy, which workflows read and which names a buyer channel per shop.
export { MESSAGE_CHANNELS, type MessageChannel } from '../../../workflows/shop-policy';

export const CHANNEL_CONFIG_SCHEMAS = {
  EMAIL: emailConfigSchema,
  SMS: alibabaSmsConfigSchema,
  WEBHOOK: webhookConfigSchema,
} satisfies Record<MessageChannel, z.ZodType>;

/** The field of each channel's configuration that names the URL it calls. */
const URL_FIELDS: Partial<Record<MessageChannel, string>> = { SMS: 'endpoint', WEBHOOK: 'url' };

/**
 * The API's schema for a shop's channel configuration: CHANNEL_CONFIG_SCHEMAS[channel], with its
 * URL held to the outbound rule (outbound-url.ts) when the shop sets it, not only when it is used.
 */
export function channelConfigSchema(channel: MessageChannel, allowedHosts: readonly string[]): z.ZodType<Record<string, unknown>> {
  const field = URL_FIELDS[channel];
  return (CHANNEL_CONFIG_SCHEMAS[channel] as z.ZodType<Record<string, unknown>>).superRefine((config, ctx) => {
    const problem = field && outboundUrlProblem(String(config[field]), allowedHosts);
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
  });
}

/** Configuration fields the API accepts but never shows again. */
export const SECRET_FIELDS = ['password', 'accessKeySecret', 'secret'] as const;

/**
 * Builds the channel from a shop's stored configuration, validated again: it may predate a schema
 * change. `allowedHosts` (OUTBOUND_ALLOWED_HOSTS) is what the channels' URLs are held to when sending.
 */
export function createChannel(channel: MessageChannel, config: unknown, allowedHosts: readonly string[]): Channel {
  switch (channel) {
    case 'EMAIL':
      return createEmailChannel(emailConfigSchema.parse(config));
    case 'SMS':
      return createAlibabaSmsChannel(alibabaSmsConfigSchema.parse(config), allowedHosts);
    case 'WEBHOOK':
      return createWebhookChannel(webhookConfigSchema.parse(config), allowedHosts);
  }
}
