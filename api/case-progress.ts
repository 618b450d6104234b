// A1: where a case stands, what happens next and by when, in the buyer's language (投诉处理进度查询).
// Read from the case workflow's query; the row answers when the workflow is gone.
import type { CaseState, CaseStatus, CaseStep } from '../workflows/definitions';
import { localDateTime } from '../workflows/shop-clock';
import type { Locale } from '../workflows/shop-policy';

const STAGES: Record<CaseStatus, Record<Locale, string>> = {
  OPEN: { 'zh-CN': '已受理，客服正在处理', en: 'Received; an agent is looking into it' },
  AWAITING_RETURN: { 'zh-CN': '已同意，等待您寄回商品', en: 'Approved; waiting for you to send the item back' },
  RETURN_SHIPPED: { 'zh-CN': '退货在途，等待仓库签收', en: 'Your return is on its way to our warehouse' },
  INSPECTING: { 'zh-CN': '退货已收到，正在验收', en: 'Your return has arrived and is being checked' },
  REFUNDING: { 'zh-CN': '正在为您办理退款', en: 'Your refund is being paid' },
  SHIPPING: { 'zh-CN': '正在为您安排发货', en: 'Your replacement is being shipped' },
  REFUNDED: { 'zh-CN': '退款已办理完成', en: 'Refunded' },
  RESOLVED: { 'zh-CN': '已处理完成', en: 'Resolved' },
  REJECTED: { 'zh-CN': '未能按申请办理，客服会与您联系', en: 'Not settled as requested; an agent will contact you' },
  CLOSED: { 'zh-CN': '已关闭', en: 'Closed' },
};

const NEXT_STEPS: Record<CaseStep, Record<Locale, string>> = {
  first_response: { 'zh-CN': '客服答复您的申请', en: 'An agent answers your request' },
  decision: { 'zh-CN': '客服给出处理结果', en: 'An agent decides on your request' },
  buyer_return: { 'zh-CN': '请您寄回商品并填写运单号', en: 'Please send the item back and enter its tracking number' },
  seller_receipt: { 'zh-CN': '仓库签收您的退货', en: 'Our warehouse receives your return' },
  inspection: { 'zh-CN': '验收完成后为您退款或换货', en: 'Once checked, we refund or send the exchange' },
  refund: { 'zh-CN': '退款原路退回', en: 'The refund goes back to your payment method' },
  replacement_shipment: { 'zh-CN': '新的包裹发出', en: 'The new parcel ships' },
  none: { 'zh-CN': '无需您再操作', en: 'Nothing more is needed from you' },
};

export interface CaseProgress {
  caseId: string;
  type: string;
  status: CaseStatus;
  locale: Locale;
  stage: string;
  next: { step: CaseStep; text: string; by: string | null; byLocal: string | null };
}

/** From the workflow's state, or from the row's status alone when the workflow is gone. */
export function caseProgress(
  state: Pick<CaseState, 'caseId' | 'type' | 'status' | 'next'>,
  locale: Locale,
  timeZone: string,
): CaseProgress {
  const by = state.next.by ?? null;
  return {
    caseId: state.caseId,
    type: state.type,
    status: state.status,
    locale,
    stage: STAGES[state.status][locale],
    next: {
      step: state.next.step,
      text: NEXT_STEPS[state.next.step][locale],
      by,
      byLocal: by ? `${localDateTime(Date.parse(by), timeZone)} (${timeZone})` : null,
    },
  };
}
