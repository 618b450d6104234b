// M2: the default texts speak to buyers in the tone of seed 004 (客服的态度), and every template is
// complete and fillable. Each check runs over TEMPLATE_NAMES, so a new template is held to the same
// rules the moment it is added.
import {
  LOCALES,
  renderTemplate,
  TEMPLATE_NAMES,
  TEMPLATES,
  TemplateTextError,
  templateTextProblems,
  TemplateVariablesError,
  type Locale,
  type TemplateName,
  type TemplateVariables,
} from '../../activities/messages/templates';
import { DEFAULT_SHOP_POLICY } from '../../activities/shop-policy-schema';

// Seed 004 asks agents to avoid a flat 不 when refusing. A 不 is allowed only where it names our
// own shortcoming or is the seed's prescribed softener, never where it refuses the buyer:
//   不便     给您带来不便 — the inconvenience we caused;
//   不周     是我们的工作不周 — blame taken by the shop;
//   不好意思 the opener seed 004 itself prescribes before a gentle refusal.
const ALLOWED_BU = ['不好意思', '不便', '不周'];

// Blame (the buyer's fault, the buyer's omission), pressure and rhetorical questions (seed 004 items
// 6 and 10); 否则 turns a request into a threat.
const ZH_BLAME = ['您的错', '怪您', '您没有', '您未', '您忘', '您自己', '请您自己', '由于您', '因为您', '您的原因', '买家原因', '您应该', '您必须', '务必', '难道', '否则'];
const EN_BLAME = [/your fault/i, /\byou (failed|forgot|did not|didn't|should have|must|need to)\b/i, /\bbecause (of )?you\b/i, /\bdue to you\b/i, /\bnot our fault\b/i];

/** Thanks with its reason: 感谢/谢谢, optionally 您, then the reason up to the end of the clause
 *  (感谢您的耐心等待, 感谢您选择本店, 感谢您对本店的支持). A linking 的/对 and closing particles are no
 *  reason; what remains must be two characters or more, so 谢谢。 and 感谢您了 fail. */
function zhThanksReasons(text: string): string[] {
  return [...text.matchAll(/(?:感谢|谢谢)您?([^，。；：？！、,.;:?!]*)/g)].map(([, reason]) => reason.replace(/^[的对]/, '').replace(/[了啦呀哦啊]+$/, ''));
}

/** Everything seed 004's tone rules find wrong in a buyer's zh-CN text. `whole` is the body, which
 *  goes out alone by SMS and must carry 您 and the thanks itself; a subject is only held to the
 *  "never" rules. */
function zhToneProblems(text: string, whole: boolean): string[] {
  const problems: string[] = [];
  if (whole && !text.includes('您')) problems.push('addresses the buyer without 您');
  if (/[你妳]/.test(text)) problems.push('uses 你 instead of 您');
  if (ALLOWED_BU.reduce((rest, word) => rest.replaceAll(word, ''), text).includes('不')) problems.push(`has a 不 outside ${ALLOWED_BU.join('/')}`);
  if (whole && !zhThanksReasons(text).some((reason) => [...reason].length >= 2)) problems.push('has no thanks with a reason (感谢您的…)');
  for (const phrase of ZH_BLAME) if (text.includes(phrase)) problems.push(`blames or presses the buyer: ${phrase}`);
  // Seed 004 item 9: no exclamation marks, ellipses or interjections such as 额/哦/恩/晕/唉.
  if (/[！!]|…|\.\.\./.test(text)) problems.push('has an exclamation mark or an ellipsis');
  if (/(^|[，。？；\s])[额哦恩嗯晕唉]/.test(text)) problems.push('opens a clause with an interjection');
  // Seed 004 item 1: 亲 is overused as a form of address.
  if (/(^|[，。\s])亲[，,～~]|亲爱的/.test(text)) problems.push('addresses the buyer as 亲');
  return problems;
}

function enToneProblems(text: string, whole: boolean): string[] {
  const problems: string[] = [];
  if (whole && !/\bthank you for \w+/i.test(text)) problems.push('has no "Thank you for …" with a reason');
  for (const blame of EN_BLAME) if (blame.test(text)) problems.push(`blames or presses the buyer: ${blame.source}`);
  if (/(^|[.;:]\s*)No[.!,]/.test(text)) problems.push('has a bare "No."');
  if (/!|…|\.\.\./.test(text)) problems.push('has an exclamation mark or an ellipsis');
  return problems;
}

// One realistic value per variable name (Taobao order ids have 19 digits; task ids are what
// workflows/task-inbox.ts passes, a task's kind, queue and due time what the outbox puts them in),
// so lengths are measured on text as it goes out. A template with a new variable fails here until
// it has a sample.
const SAMPLES: Record<Locale, Record<string, string>> = {
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
    kind: 'Call the buyer',
    queue: 'supervisors',
    dueAt: '2024-07-05 16:00 (Asia/Shanghai)',
    taskTitle: 'Confirm the cash-on-delivery price with the buyer',
    taskOrder: 'order 3712345678901234567',
  },
};

// An SMS carries 70 Chinese characters; two of them, less room for the provider's signature.
const MAX_ZH_BODY = 120;
// Two concatenated GSM segments hold 306 characters.
const MAX_EN_BODY = 306;

const declaredVariables = (name: TemplateName) => Object.keys(TEMPLATES[name].variables.shape).sort();
const placeholdersOf = (text: string) => [...new Set([...text.matchAll(/\{\{([^{}]*)\}\}/g)].map(([, placeholder]) => placeholder))].sort();
const samplesFor = (name: TemplateName, locale: Locale) => Object.fromEntries(declaredVariables(name).map((variable) => [variable, SAMPLES[locale][variable]]));

const buyerTemplates = TEMPLATE_NAMES.filter((name) => TEMPLATES[name].audience === 'buyer');
const staffTemplates = TEMPLATE_NAMES.filter((name) => TEMPLATES[name].audience === 'staff');

describe('M2 message templates: tone of the buyer texts (seed 004 客服的态度)', () => {
  it.each(buyerTemplates)('M2 %s (zh-CN): 您, never 你, no bare 不, no blame, thanks with a reason', (name) => {
    const { subject, body } = TEMPLATES[name].text['zh-CN'];
    expect({ subject: zhToneProblems(subject, false), body: zhToneProblems(body, true) }).toEqual({ subject: [], body: [] });
  });

  it.each(buyerTemplates)('M2 %s (en): "Thank you for …", no blame, no bare "No."', (name) => {
    const { subject, body } = TEMPLATES[name].text.en;
    expect({ subject: enToneProblems(subject, false), body: enToneProblems(body, true) }).toEqual({ subject: [], body: [] });
  });

  it.each(buyerTemplates)('M2 %s: the rendered body fits an SMS or two', (name) => {
    expect([...renderTemplate(name, 'zh-CN', samplesFor(name, 'zh-CN')).text].length).toBeLessThanOrEqual(MAX_ZH_BODY);
    expect(renderTemplate(name, 'en', samplesFor(name, 'en')).text.length).toBeLessThanOrEqual(MAX_EN_BODY);
  });

  it.each(staffTemplates)('M2 %s (staff notice): exempt from the buyer rules, still asks politely and thanks', (name) => {
    const { 'zh-CN': zh, en } = TEMPLATES[name].text;
    expect(zh.body).toMatch(/请/);
    expect(zh.body).toMatch(/谢谢|感谢/);
    expect(`${zh.subject}${zh.body}`).not.toMatch(/[你妳！!]|…/);
    expect(en.body).toMatch(/\bPlease\b/);
    expect(en.body).toMatch(/\bThank you\b/);
    expect(`${en.subject} ${en.body}`).not.toMatch(/!|…/);
  });

  it('M2 tone checks catch what they are meant to catch', () => {
    expect(zhToneProblems('你好，不行。', true)).toEqual([
      'addresses the buyer without 您',
      'uses 你 instead of 您',
      'has a 不 outside 不好意思/不便/不周',
      'has no thanks with a reason (感谢您的…)',
    ]);
    expect(zhToneProblems('您好，这是您的错！谢谢。', true)).toEqual([
      'has no thanks with a reason (感谢您的…)',
      'blames or presses the buyer: 您的错',
      'has an exclamation mark or an ellipsis',
    ]);
    expect(zhToneProblems('亲，额，感谢您了。', true)).toEqual([
      'has no thanks with a reason (感谢您的…)',
      'opens a clause with an interjection',
      'addresses the buyer as 亲',
    ]);
    expect(zhToneProblems('您好，给您带来不便，不好意思。感谢您的耐心等待。', true)).toEqual([]);
    expect(zhToneProblems('您好，感谢您对本店的支持。', true)).toEqual([]);
    expect(enToneProblems('No. It was your fault!', true)).toEqual([
      'has no "Thank you for …" with a reason',
      'blames or presses the buyer: your fault',
      'has a bare "No."',
      'has an exclamation mark or an ellipsis',
    ]);
    expect(enToneProblems('Hello. Thank you for your patience.', true)).toEqual([]);
  });
});

describe('M2 message templates: completeness', () => {
  it('M2 defaults to Chinese, with English beside it', () => {
    expect(LOCALES).toEqual(['zh-CN', 'en']);
    expect(DEFAULT_SHOP_POLICY.messages.defaultLocale).toBe('zh-CN');
  });

  it.each(TEMPLATE_NAMES)('M2 %s: cites domain rules and has a text in every locale', (name) => {
    expect(TEMPLATES[name].rule).toMatch(/^[OARTM]\d+(\/[OARTM]\d+)*$/);
    for (const locale of LOCALES) {
      const { subject, body } = TEMPLATES[name].text[locale];
      expect(subject.trim()).not.toBe('');
      expect(body.trim()).not.toBe('');
    }
  });

  it.each(TEMPLATE_NAMES)('M2 %s: placeholders are exactly its variables, all of them in every body', (name) => {
    for (const locale of LOCALES) {
      const text = TEMPLATES[name].text[locale];
      expect(templateTextProblems(name, text)).toEqual([]);
      expect(placeholdersOf(text.body)).toEqual(declaredVariables(name));
    }
  });

  it.each(TEMPLATE_NAMES)('M2 %s: renders in every locale with nothing left unfilled', (name) => {
    for (const locale of LOCALES) {
      const variables = samplesFor(name, locale);
      const rendered = renderTemplate(name, locale, variables);
      expect(rendered.variables).toEqual(variables);
      expect(`${rendered.subject}${rendered.text}`).not.toMatch(/\{\{|\}\}/);
      for (const value of Object.values(variables)) expect(rendered.text).toContain(value);
    }
  });
});

describe('M2 renderTemplate', () => {
  const shipment: TemplateVariables<'shipment_notice'> = { orderId: 'TB1001', courier: '顺丰速运', trackingNumber: 'SF1234567890123' };

  it('M2 fills the default zh-CN text', () => {
    expect(renderTemplate('shipment_notice', 'zh-CN', shipment)).toEqual({
      subject: '订单TB1001已发货',
      text: '您好，您的订单TB1001已由顺丰速运发出，运单号SF1234567890123。感谢您的耐心等待，收到宝贝后有任何问题请随时联系我们。',
      variables: shipment,
    });
  });

  it("M2 uses a shop's override for the locale, keeping the default subject when it has none", () => {
    const override = { subject: null, body: '您好，宝贝已由{{courier}}发出，运单号{{trackingNumber}}。感谢您的支持。' };
    expect(renderTemplate('shipment_notice', 'zh-CN', shipment, override)).toMatchObject({
      subject: '订单TB1001已发货',
      text: '您好，宝贝已由顺丰速运发出，运单号SF1234567890123。感谢您的支持。',
    });
    expect(renderTemplate('shipment_notice', 'en', shipment, { subject: 'Shipped: {{orderId}}', body: '{{trackingNumber}}' })).toMatchObject({
      subject: 'Shipped: TB1001',
      text: 'SF1234567890123',
    });
  });

  it('M2 fills placeholders once: a value that looks like a placeholder is shown as it is', () => {
    expect(renderTemplate('out_of_stock', 'en', { orderId: 'TB1001', itemTitle: 'Mug {{orderId}}' }).text).toContain('"Mug {{orderId}}"');
  });

  it('M2 refuses an override that no longer fits the template', () => {
    expect(() => renderTemplate('shipment_notice', 'zh-CN', shipment, { body: '{{buyerName}}您好' })).toThrow(TemplateTextError);
  });

  function variablesError(name: TemplateName, variables: unknown): TemplateVariablesError {
    try {
      renderTemplate(name, 'zh-CN', variables);
    } catch (err) {
      if (err instanceof TemplateVariablesError) return err;
      throw err;
    }
    throw new Error('renderTemplate accepted the variables');
  }

  it('M2 names a missing or malformed variable', () => {
    expect(variablesError('payment_reminder_cutoff', { orderId: 'TB1001', cutoffTime: '4pm' }).fields).toEqual([
      { field: 'cutoffTime', message: 'must be a time of day such as 16:30' },
    ]);
    expect(variablesError('refund_issued', { caseId: 'AS1', amount: '59.5' }).fields.map((f) => f.field)).toEqual(['amount', 'currency']);
    expect(variablesError('return_received', null).fields.map((f) => f.field)).toEqual(['(variables)']);
  });

  it('M2 refuses variables the template does not declare, such as a buyer name', () => {
    const error = variablesError('review_repair_contact', { orderId: 'TB1001', buyerName: '张三' });
    expect(error.fields).toEqual([{ field: 'buyerName', message: 'is not a variable of this template' }]);
    expect(error.message).not.toContain('张三');
  });

  it('M2 refuses a phone number or an email address in free text, without quoting it', () => {
    const phone = variablesError('out_of_stock', { orderId: 'TB1001', itemTitle: '请联系13812345678' });
    expect(phone.fields.map((f) => f.field)).toEqual(['itemTitle']);
    expect(phone.message).not.toContain('13812345678');
    expect(variablesError('case_progress', { caseId: 'AS1', stage: 'buyer@example.com', nextStep: '验收', dueBy: '7月10日' }).fields.map((f) => f.field)).toEqual(['stage']);
  });
});

describe('M2 templateTextProblems (per-shop overrides)', () => {
  it('M2 accepts a text that uses declared variables only', () => {
    expect(templateTextProblems('payment_reminder', { subject: '待付款 {{orderId}}', body: '您的订单{{orderId}}保留到{{closesAt}}。感谢您的支持。' })).toEqual([]);
    expect(templateTextProblems('payment_reminder', { body: '感谢您的支持。' })).toEqual([]);
  });

  it('M2 reports an unknown placeholder in the subject or the body', () => {
    expect(templateTextProblems('payment_reminder', { subject: '{{buyerName}}您好', body: '{{orderId}} {{phone}}' })).toEqual([
      { field: 'subject', message: "unknown placeholder {{buyerName}}; this template's variables are orderId, closesAt" },
      { field: 'body', message: "unknown placeholder {{phone}}; this template's variables are orderId, closesAt" },
    ]);
  });

  it('M2 reports an empty body and an unmatched brace', () => {
    expect(templateTextProblems('return_received', { body: '  ' })).toEqual([{ field: 'body', message: 'must not be empty' }]);
    expect(templateTextProblems('return_received', { body: '售后{{caseId 已收到' })).toEqual([
      { field: 'body', message: 'has an unmatched "{{" or "}}"; write placeholders as {{name}}' },
    ]);
  });
});
