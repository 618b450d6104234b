// Buyers' names, phones and addresses on Taobao are the platform's protected forms (OAID); the
// product keeps them as given. Where a shop's app is approved for a decryption scene (an electronic
// waybill, after-sales service), the recipient is decrypted through TOP's own API, for that use,
// and never kept: the caller uses it and lets it go.
import { z } from 'zod';
import { PlatformRefusedError, type ConnectorContext } from '../connector';
import { TopClient } from './client';
import { parseRecord } from './records';
import type { OaidScene, TaobaoSettings } from './settings';

const receiverSchema = z.object({
  name: z.string(),
  mobile: z.string().optional(),
  phone: z.string().optional(),
  state: z.string().optional(),
  city: z.string().optional(),
  district: z.string().optional(),
  town: z.string().optional(),
  address_detail: z.string(),
});
export type DecryptedReceiver = z.output<typeof receiverSchema>;

export async function decryptReceiver(
  ctx: ConnectorContext<TaobaoSettings>,
  query: { tid: string; oaid: string; scene: OaidScene },
): Promise<DecryptedReceiver> {
  if (!ctx.settings.oaidDecryptScenes.includes(query.scene))
    throw new PlatformRefusedError(`the shop's app is not approved to decrypt buyers' data for scene ${query.scene}`);
  const answer = await new TopClient(ctx).seller('taobao.top.oaid.decrypt', { query_list: JSON.stringify([query]) });
  const receiver = (answer.receiver_list as { receiver?: unknown[] } | undefined)?.receiver?.[0];
  if (!receiver) throw new PlatformRefusedError(`TOP decrypted no recipient for trade ${query.tid}`);
  return parseRecord(receiverSchema, receiver, 'recipient');
}
