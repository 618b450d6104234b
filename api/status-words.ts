// Where an order or a case stands, in the words of the shop's people (zh-CN, en), beside the code
// ops filter by. Keyed by the statuses' vocabularies, so a new status fails to compile here until
// it has its words. The buyer's own words for a case are case-progress.ts's.
import type { CaseStatus } from '../workflows/case-vocabulary';
import type { AWAITING_ORDER, OrderStatus } from '../workflows/definitions';
import type { Locale } from '../workflows/shop-policy';

type Words = Record<Locale, string>;

export const ORDER_STATUS_NAMES: Record<OrderStatus | typeof AWAITING_ORDER, Words> = {
  AWAITING_ORDER: { 'zh-CN': '等待订单信息', en: 'Waiting for the order' },
  AWAITING_PAYMENT: { 'zh-CN': '待付款', en: 'Awaiting payment' },
  AWAITING_COD_CONFIRMATION: { 'zh-CN': '待确认货到付款', en: 'Cash on delivery to confirm' },
  AWAITING_SHIPMENT: { 'zh-CN': '待发货', en: 'Awaiting shipment' },
  PACKED: { 'zh-CN': '已打包', en: 'Packed' },
  SHIPPED: { 'zh-CN': '已发货', en: 'Shipped' },
  DELIVERED: { 'zh-CN': '已送达', en: 'Delivered' },
  RECEIVED: { 'zh-CN': '已确认收货', en: 'Received' },
  AWAITING_SETTLEMENT: { 'zh-CN': '包裹异常，待售后处理', en: 'Parcel problem, awaiting settlement' },
  COMPLETED: { 'zh-CN': '已完成', en: 'Completed' },
  CANCELLED: { 'zh-CN': '已取消', en: 'Cancelled' },
};

export const CASE_STATUS_NAMES: Record<CaseStatus, Words> = {
  OPEN: { 'zh-CN': '待处理', en: 'Open' },
  AWAITING_RETURN: { 'zh-CN': '待买家退货', en: 'Awaiting the return' },
  RETURN_SHIPPED: { 'zh-CN': '退货在途', en: 'Return on its way' },
  INSPECTING: { 'zh-CN': '验收中', en: 'Inspecting' },
  REFUNDING: { 'zh-CN': '退款中', en: 'Refunding' },
  SHIPPING: { 'zh-CN': '新包裹待发出', en: 'Replacement to ship' },
  REFUNDED: { 'zh-CN': '已退款', en: 'Refunded' },
  RESOLVED: { 'zh-CN': '已解决', en: 'Resolved' },
  REJECTED: { 'zh-CN': '已拒绝', en: 'Rejected' },
  CLOSED: { 'zh-CN': '已关闭', en: 'Closed' },
};

/** The status in words; a status this version does not know is shown as it is stored. */
export function orderStatusName(status: string, locale: Locale): string {
  return Object.hasOwn(ORDER_STATUS_NAMES, status) ? ORDER_STATUS_NAMES[status as OrderStatus][locale] : status;
}

export function caseStatusName(status: string, locale: Locale): string {
  return Object.hasOwn(CASE_STATUS_NAMES, status) ? CASE_STATUS_NAMES[status as CaseStatus][locale] : status;
}
