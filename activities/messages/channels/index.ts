// The channels a shop can configure (M1), by the name the outbox and the API use. A phone call is
// not among them: it is an agent's task (workflows/task-kinds.ts, call_buyer).
import type { z } from 'zod';
import { isSealed, openSecret, sealSecret } from '../../../config/secret-box';
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
export function channelConfigSchema(
  channel: MessageChannel,
  allowedHosts: readonly string[],
): z.ZodType<Record<string, unknown>> {
  const field = URL_FIELDS[channel];
  return (CHANNEL_CONFIG_SCHEMAS[channel] as z.ZodType<Record<string, unknown>>).superRefine((config, ctx) => {
    const problem = field && outboundUrlProblem(String(config[field]), allowedHosts);
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
  });
}

/** Per channel, the configuration fields that are secrets: stored sealed, never shown again by the API. */
const CHANNEL_SECRET_FIELDS = {
  EMAIL: ['password'],
  SMS: ['accessKeySecret'],
  WEBHOOK: ['secret'],
} as const satisfies Record<MessageChannel, readonly string[]>;

/** Configuration fields the API accepts but never shows again. */
export const SECRET_FIELDS: readonly string[] = Object.values(CHANNEL_SECRET_FIELDS).flat();

/** `config` with `convert` applied to the channel's secret fields that hold a string; anything else as it is. */
function withSecrets<T>(channel: MessageChannel, config: T, convert: (value: string) => string): T {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return config;
  const converted: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  for (const field of CHANNEL_SECRET_FIELDS[channel]) {
    const value = converted[field];
    if (typeof value === 'string') converted[field] = convert(value);
  }
  return converted as T;
}

/** The configuration to store: the channel's secrets sealed (config/secret-box.ts). A secret already sealed stays as it is. */
export function sealChannelSecrets<T>(channel: MessageChannel, config: T): T {
  return withSecrets(channel, config, (value) => (isSealed(value) ? value : sealSecret(value)));
}

/** The stored configuration with its secrets opened; a secret stored before sealing began is taken as it is. */
export function openChannelSecrets<T>(channel: MessageChannel, config: T): T {
  return withSecrets(channel, config, openSecret);
}

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
