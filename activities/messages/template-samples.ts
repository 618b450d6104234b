// One realistic sample value per template variable (M2), by locale: what a template preview fills
// in (POST /shops/:shopId/templates/:template/:locale/preview) and what the template tests render
// with, so lengths are measured on text as it goes out. No real person's data: Taobao-shaped order
// ids (19 digits), a made-up case id, an example.cn link, test tracking numbers; task ids and due
// times are what workflows/task-inbox.ts passes. A template with a new variable fails
// tests/unit/message-templates.test.ts until it has a sample here.
import type { Locale } from '../../workflows/shop-policy';
import { TEMPLATES, type TemplateName } from './templates';

export const TEMPLATE_SAMPLES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    orderId: '3712345678901234567',
    otherOrderId: '3712345678901234568',
    caseId: 'AS20240705000123',
    taskId: 'order:shop-1:3712345678901234567:cod-confirmation',
    cutoffTime: '16:30',
    closesAt: '7月8日 14:00',
    amount: '59.00',
    currency: 'CNY',
    defaultCourier: '中通快递',
    replyWithin: '2 小时',
    itemTitle: '纯棉短袖T恤 白色 L码',
    compensation: '5元无门槛优惠券',
    courier: '顺丰速运',
    trackingNumber: 'SF1234567890123',
    progressUrl: 'https://s.example.cn/c/AS20240705000123',
    stage: '商家已同意退货',
    nextStep: '仓库验收退货',
    dueBy: '7月10日',
    returnBy: '7月12日',
    returnAddress: '杭州市余杭区文一西路969号（售后组 0571-88886666）',
    kind: '致电买家',
    queue: '客服主管',
    dueAt: '2024-07-05 16:00 (Asia/Shanghai)',
    taskTitle: '致电买家确认货到付款金额',
    taskOrder: '订单3712345678901234567',
  },
  en: {
    orderId: '3712345678901234567',
    otherOrderId: '3712345678901234568',
    caseId: 'AS20240705000123',
    taskId: 'order:shop-1:3712345678901234567:cod-confirmation',
    cutoffTime: '16:30',
    closesAt: '8 Jul, 14:00',
    amount: '59.00',
    currency: 'CNY',
    defaultCourier: 'ZTO Express',
    replyWithin: '2 hours',
    itemTitle: 'Cotton T-shirt, white, L',
    compensation: 'a CNY 5 coupon',
    courier: 'SF Express',
    trackingNumber: 'SF1234567890123',
    progressUrl: 'https://s.example.cn/c/AS20240705000123',
    stage: 'return approved',
    nextStep: 'inspection of the return',
    dueBy: '10 Jul',
    returnBy: '12 Jul',
    returnAddress: '969 Wenyi West Rd, Yuhang, Hangzhou (Returns desk, 0571-88886666)',
    kind: 'Call the buyer',
    queue: 'supervisors',
    dueAt: '2024-07-05 16:00 (Asia/Shanghai)',
    taskTitle: 'Confirm the cash-on-delivery price with the buyer',
    taskOrder: 'order 3712345678901234567',
  },
};

/** The template's variables with their samples in `locale` (a variable without one is left out, so rendering names it). */
export function templateSamples(name: TemplateName, locale: Locale): Record<string, string> {
  return Object.fromEntries(
    Object.keys(TEMPLATES[name].variables.shape)
      .sort()
      .flatMap((variable) =>
        variable in TEMPLATE_SAMPLES[locale] ? [[variable, TEMPLATE_SAMPLES[locale][variable]]] : [],
      ),
  );
}

/** The longest body a buyer's message should have, rendered: an SMS carries 70 Chinese characters
 *  (two of them, less room for the provider's signature), two concatenated GSM segments 306. */
export const MAX_RENDERED_BODY: Record<Locale, number> = { 'zh-CN': 120, en: 306 };
