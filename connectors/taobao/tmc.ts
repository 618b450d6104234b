// The shop's messages from TOP's message service (TMC) over HTTP: consume a batch, and confirm
// them once the core has kept them. Unconfirmed messages come again (TMC redelivers them), so a
// crash between keeping and confirming costs a repeat the message id makes harmless.
import type { ConnectorContext, PlatformMessage } from '../connector';
import { TopClient } from './client';
import type { TaobaoSettings } from './settings';
import { platformMessage } from './tmc-message';
import { idText } from './top-json';

/** TMC takes 10-200 a batch; confirm takes at most 200 ids a call. */
const BATCH = 100;
const CONFIRM_MAX = 200;

function groupParam(settings: TaobaoSettings): Record<string, string> {
  // TMC's default group is named by leaving the name out; naming it is refused unless the app set up groups.
  return settings.tmcGroup === 'default' ? {} : { group_name: settings.tmcGroup };
}

/** A message whose fields are not as TOP documents still has its id: it is kept (and mapped as unmapped) rather than redelivered forever. */
function received(raw: unknown): PlatformMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const id = idText(record.id);
  if (!id) return undefined;
  return (
    platformMessage(record) ?? {
      messageId: id,
      topic: typeof record.topic === 'string' ? record.topic.slice(0, 100) : 'unknown',
      occurredAt: new Date().toISOString(),
      payload: record,
    }
  );
}

function ofSeller(raw: unknown, sellerNick: string): boolean {
  const nick = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).user_nick : undefined;
  return typeof nick !== 'string' || nick === '' || nick === sellerNick;
}

export async function pullMessages(
  ctx: ConnectorContext<TaobaoSettings>,
): Promise<{ messages: PlatformMessage[]; confirm(): Promise<void> }> {
  const client = new TopClient(ctx);
  const answer = await client.app('taobao.tmc.messages.consume', {
    ...groupParam(ctx.settings),
    quantity: String(BATCH),
  });
  const list = (answer.messages as { tmc_message?: unknown } | undefined)?.tmc_message;
  const byId = new Map<string, PlatformMessage>();
  for (const raw of Array.isArray(list) ? list : []) {
    // TMC delivers every seller's messages to the app (or its group): another shop's seller's are
    // left unconfirmed for that shop's connector, which TMC hands them to next.
    if (!ofSeller(raw, ctx.settings.sellerNick)) continue;
    const message = received(raw);
    if (message && !byId.has(message.messageId)) byId.set(message.messageId, message);
  }
  const messages = [...byId.values()];
  return {
    messages,
    async confirm() {
      const ids = messages.map((message) => message.messageId);
      for (let i = 0; i < ids.length; i += CONFIRM_MAX) {
        await client.app('taobao.tmc.messages.confirm', {
          ...groupParam(ctx.settings),
          s_message_ids: ids.slice(i, i + CONFIRM_MAX).join(','),
        });
      }
    },
  };
}
