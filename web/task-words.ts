// What each kind of task is called on the page (the filter, the list). Keyed by the kinds'
// vocabulary, so a new kind fails to compile here until it has its words.
import type { TaskKind } from '../workflows/task-kinds';
import type { Locale } from './i18n';

export const KIND_NAMES: Record<TaskKind, Record<Locale, string>> = {
  call_buyer: { 'zh-CN': '电话联系买家', en: 'Call the buyer' },
  chase_payment: { 'zh-CN': '催付', en: 'Chase payment' },
  confirm_duplicate: { 'zh-CN': '确认重复订单', en: 'Confirm a duplicate order' },
  resolve_out_of_stock: { 'zh-CN': '处理缺货', en: 'Settle an out-of-stock item' },
  ship_order: { 'zh-CN': '发货', en: 'Ship the order' },
  follow_parcel: { 'zh-CN': '跟进异常包裹', en: 'Follow up a problem parcel' },
  handle_case: { 'zh-CN': '处理售后申请', en: 'Handle an after-sales request' },
  decide_case: { 'zh-CN': '售后判定', en: 'Decide an after-sales case' },
  inspect_return: { 'zh-CN': '退货验收入库', en: 'Inspect a return' },
  settle_refund: { 'zh-CN': '处理退款失败', en: 'Settle a failed refund' },
  appeal_review: { 'zh-CN': '申诉恶意评价', en: 'Appeal a malicious review' },
  repair_review: { 'zh-CN': '修复差评', en: 'Repair a bad review' },
};
