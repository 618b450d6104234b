// The seller's answer to a buyer's refund request: taobao.rp.refunds.agree. On Taobao the platform
// pays the buyer once the seller agrees, so the ledger records it as paid by the platform and the
// shop's gateway is never called. The request is read first: agreed already (a retry after a lost
// answer, or the seller on Taobao) is done; the amount, the version and (Tmall) the phase come from it.
import { cents } from '../../workflows/money';
import { PlatformRefusedError, type ConnectorContext, type RefundPush, type RefundResult } from '../connector';
import { TopClient } from './client';
import { fetchRefund, type Refund } from './records';
import type { TaobaoSettings } from './settings';

interface AgreeResult {
  refund_id?: unknown;
  succ?: unknown;
  message?: unknown;
}

/** `refund_id|amount in fen|version|phase`: Taobao shops leave the phase out, Tmall ones must give it. */
function refundInfo(refund: Refund, settings: TaobaoSettings): string {
  const fields = [refund.refund_id, String(cents(refund.refund_fee)), refund.refund_version ?? ''];
  return (settings.sellerType === 'B' ? [...fields, refund.refund_phase ?? ''] : fields).join('|');
}

function agreed(answer: Record<string, unknown>): { ok: boolean; message: string } {
  const results =
    (answer.results as { refund_mapping_result?: AgreeResult[] } | undefined)?.refund_mapping_result ?? [];
  const failed = results.find((result) => result.succ !== true);
  const ok = answer.succ === true && !failed;
  const message =
    typeof failed?.message === 'string'
      ? failed.message
      : typeof answer.message === 'string'
        ? answer.message
        : String(answer.msg_code ?? '');
  return { ok, message: message.slice(0, 200) };
}

export async function agreeRefund(ctx: ConnectorContext<TaobaoSettings>, push: RefundPush): Promise<RefundResult> {
  if (!/^\d{1,20}$/.test(push.caseId)) throw new PlatformRefusedError('no Taobao refund request to agree to');
  if (push.currency !== 'CNY') throw new PlatformRefusedError(`Taobao refunds in CNY, not ${push.currency}`);
  const client = new TopClient(ctx);
  const refund = await fetchRefund(client, push.caseId);
  if (refund.tid !== push.orderId)
    throw new PlatformRefusedError(`Taobao refund ${refund.refund_id} is not on trade ${push.orderId}`);
  const result: RefundResult = { providerRefundId: refund.refund_id, paidBy: 'platform' };
  if (refund.status === 'SUCCESS') return result;
  if (cents(push.amount) !== cents(refund.refund_fee)) {
    throw new PlatformRefusedError(
      `Taobao refunds what the buyer asked (${refund.refund_fee}), not ${push.amount}: the buyer must change the request`,
    );
  }
  const answer = agreed(
    await client.seller('taobao.rp.refunds.agree', { refund_infos: refundInfo(refund, ctx.settings) }),
  );
  if (answer.ok || (await fetchRefund(client, push.caseId)).status === 'SUCCESS') return result;
  throw new PlatformRefusedError(`TOP did not agree to refund ${refund.refund_id}: ${answer.message}`);
}
