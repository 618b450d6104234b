// A message to a buyer whose phone TOP protects goes by TOP's own SMS by OAID (聚石塔,
// taobao.jst.sms.oaid.message.send): TOP delivers to the phone behind the trade's oaid, which the
// shop never sees. TOP sends only an approved template, filled with the template's variables.
// TOP documents no key by which it would recognise a repeated send, so the outbox id goes in
// `extend` for the records only, and a lost answer is told to the outbox, which does not send again.
import {
  PlatformAnswerLostError,
  PlatformRefusedError,
  PlatformUnavailableError,
  type BuyerMessage,
  type ConnectorContext,
} from '../connector';
import { TopClient } from './client';
import { fetchTrade, type Trade } from './records';
import type { TaobaoSettings } from './settings';

/** The trade is read for its current oaid; a read whose answer is lost changed nothing, so it is only unavailable. */
async function tradeOf(client: TopClient, tid: string): Promise<Trade> {
  try {
    return await fetchTrade(client, tid);
  } catch (err) {
    if (err instanceof PlatformAnswerLostError) throw new PlatformUnavailableError(err.message);
    throw err;
  }
}

export async function messageBuyer(
  ctx: ConnectorContext<TaobaoSettings>,
  message: BuyerMessage,
): Promise<{ providerMessageId: string }> {
  const sms = ctx.settings.oaidSms;
  if (!sms)
    throw new PlatformRefusedError(
      "the shop's Taobao settings have no oaidSms (signature and approved templates) to message protected buyers",
    );
  const templateCode = sms.templateCodes[message.template];
  if (!templateCode)
    throw new PlatformRefusedError(
      `no TOP-approved SMS template is set for ${message.template} (oaidSms.templateCodes)`,
    );
  const client = new TopClient(ctx);
  const { oaid } = await tradeOf(client, message.orderId);
  if (!oaid) throw new PlatformRefusedError(`trade ${message.orderId} has no oaid to message its buyer by`);
  const answer = await client.seller('taobao.jst.sms.oaid.message.send', {
    param_send_message_by_o_a_i_d_request: JSON.stringify({
      oaid,
      order_id: message.orderId,
      template_code: templateCode,
      sms_free_sign_name: sms.signName,
      params: JSON.stringify(message.variables),
      extend: message.messageId,
    }),
  });
  const requestId = answer.request_id ?? answer.req_id;
  if (typeof requestId !== 'string' || !requestId)
    throw new PlatformRefusedError(`TOP's answer to the SMS for trade ${message.orderId} has no request id`);
  return { providerMessageId: requestId };
}
