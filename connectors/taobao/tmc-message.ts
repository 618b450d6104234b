// A TMC message as taobao.tmc.messages.consume gives it, and as backfill rebuilds it: `content` is
// the topic's JSON as text (`{"tid":…,"oid":…,"status":…}`, `{"refund_id":…,"tid":…}`).
import { z } from 'zod';
import type { PlatformMessage } from '../connector';
import { topIdSchema, topTimeSchema } from './records';
import { parseTopJson } from './top-json';

/** A backfill's rebuilt message has an id of its own (backfill.ts), never a TMC one. */
const BACKFILL_ID = /^backfill\.[A-Za-z0-9_.:-]{1,110}$/;

export const tmcMessageSchema = z.object({
  id: z.union([topIdSchema, z.string().regex(BACKFILL_ID)]),
  topic: z.string().min(1),
  pub_time: topTimeSchema,
  content: z.string(),
});

const contentSchema = z.object({ tid: topIdSchema, refund_id: topIdSchema.optional() });
export function tmcContent(content: string): z.output<typeof contentSchema> | undefined {
  let parsed: unknown;
  try {
    parsed = parseTopJson(content);
  } catch {
    return undefined;
  }
  const result = contentSchema.safeParse(parsed);
  return result.success ? result.data : undefined;
}

/** `raw` is kept whole as the payload: TOP's own text of the message, for the database only. */
export function platformMessage(raw: Record<string, unknown>, messageId?: string): PlatformMessage | undefined {
  const message = tmcMessageSchema.safeParse(raw);
  if (!message.success) return undefined;
  return {
    messageId: messageId ?? message.data.id,
    topic: message.data.topic,
    platformOrderId: tmcContent(message.data.content)?.tid,
    occurredAt: message.data.pub_time,
    payload: raw,
  };
}
