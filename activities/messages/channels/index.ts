// The channels a shop can configure (M1), by the name the outbox and the API use. A phone call is
// not among them: it is an agent's task (workflows/task-kinds.ts, call_buyer).
import type { z } from 'zod';
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

/** Configuration fields the API accepts but never shows again. */
export const SECRET_FIELDS = ['password', 'accessKeySecret', 'secret'] as const;

/** Builds the channel from a shop's stored configuration, validated again: it may predate a schema change. */
export function createChannel(channel: MessageChannel, config: unknown): Channel {
  switch (channel) {
    case 'EMAIL':
      return createEmailChannel(emailConfigSchema.parse(config));
    case 'SMS':
      return createAlibabaSmsChannel(alibabaSmsConfigSchema.parse(config));
    case 'WEBHOOK':
      return createWebhookChannel(webhookConfigSchema.parse(config));
  }
}
