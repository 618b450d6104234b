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
import { MAX_RENDERED_BODY, TEMPLATE_SAMPLES, templateSamples } from '../../activities/messages/template-samples';
import { enToneProblems, toneProblems, zhToneProblems } from '../../activities/messages/tone';
import { DEFAULT_SHOP_POLICY } from '../../activities/shop-policy-schema';

// The tone rules and the samples are production code (activities/messages/tone.ts,
// template-samples.ts): shops' own texts get the same check when they preview or store them.
const MAX_ZH_BODY = MAX_RENDERED_BODY['zh-CN'];
const MAX_EN_BODY = MAX_RENDERED_BODY.en;

const declaredVariables = (name: TemplateName) => Object.keys(TEMPLATES[name].variables.shape).sort();
const placeholdersOf = (text: string) =>
  [...new Set([...text.matchAll(/\{\{([^{}]*)\}\}/g)].map(([, placeholder]) => placeholder))].sort();
const samplesFor = (name: TemplateName, locale: Locale) => templateSamples(name, locale);

const buyerTemplates = TEMPLATE_NAMES.filter((name) => TEMPLATES[name].audience === 'buyer');
const staffTemplates = TEMPLATE_NAMES.filter((name) => TEMPLATES[name].audience === 'staff');

describe('M2 message templates: tone of the buyer texts (seed 004 客服的态度)', () => {
  it.each(buyerTemplates)('M2 %s (zh-CN): 您, never 你, no bare 不, no blame, thanks with a reason', (name) => {
    const { subject, body } = TEMPLATES[name].text['zh-CN'];
    expect({ subject: zhToneProblems(subject, false), body: zhToneProblems(body, true) }).toEqual({
      subject: [],
      body: [],
    });
  });

  it.each(buyerTemplates)('M2 %s (en): "Thank you for …", no blame, no bare "No."', (name) => {
    const { subject, body } = TEMPLATES[name].text.en;
    expect({ subject: enToneProblems(subject, false), body: enToneProblems(body, true) }).toEqual({
      subject: [],
      body: [],
    });
  });

  it.each(buyerTemplates)('M2 %s: the rendered body fits an SMS or two', (name) => {
    expect([...renderTemplate(name, 'zh-CN', samplesFor(name, 'zh-CN')).text].length).toBeLessThanOrEqual(MAX_ZH_BODY);
    expect(renderTemplate(name, 'en', samplesFor(name, 'en')).text.length).toBeLessThanOrEqual(MAX_EN_BODY);
  });

  it.each(staffTemplates)(
    'M2 %s (staff notice): exempt from the buyer rules, still asks politely and thanks',
    (name) => {
      const { 'zh-CN': zh, en } = TEMPLATES[name].text;
      expect(zh.body).toMatch(/请/);
      expect(zh.body).toMatch(/谢谢|感谢/);
      expect(`${zh.subject}${zh.body}`).not.toMatch(/[你妳！!]|…/);
      expect(en.body).toMatch(/\bPlease\b/);
      expect(en.body).toMatch(/\bThank you\b/);
      expect(`${en.subject} ${en.body}`).not.toMatch(/!|…/);
    },
  );

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
    expect(toneProblems('zh-CN', { subject: '你好', body: '您好，感谢您的耐心等待。' })).toEqual([
      { field: 'subject', message: 'uses 你 instead of 您' },
    ]);
    expect(toneProblems('en', { body: 'You must pay now!' })).toEqual([
      { field: 'body', message: 'has no "Thank you for …" with a reason' },
      { field: 'body', message: 'blames or presses the buyer: you failed/forgot/did not/should have/must/need to' },
      { field: 'body', message: 'has an exclamation mark or an ellipsis' },
    ]);
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

  it.each(TEMPLATE_NAMES)('M2 %s: every variable has a sample in every locale (what a preview fills in)', (name) => {
    for (const locale of LOCALES)
      expect(declaredVariables(name).filter((variable) => !(variable in TEMPLATE_SAMPLES[locale]))).toEqual([]);
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
  const shipment: TemplateVariables<'shipment_notice'> = {
    orderId: 'TB1001',
    courier: '顺丰速运',
    trackingNumber: 'SF1234567890123',
  };

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
    expect(
      renderTemplate('shipment_notice', 'en', shipment, {
        subject: 'Shipped: {{orderId}}',
        body: '{{trackingNumber}}',
      }),
    ).toMatchObject({
      subject: 'Shipped: TB1001',
      text: 'SF1234567890123',
    });
  });

  it('M2 fills placeholders once: a value that looks like a placeholder is shown as it is', () => {
    expect(renderTemplate('out_of_stock', 'en', { orderId: 'TB1001', itemTitle: 'Mug {{orderId}}' }).text).toContain(
      '"Mug {{orderId}}"',
    );
  });

  it('M2 refuses an override that no longer fits the template', () => {
    expect(() => renderTemplate('shipment_notice', 'zh-CN', shipment, { body: '{{buyerName}}您好' })).toThrow(
      TemplateTextError,
    );
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
    expect(variablesError('refund_issued', { caseId: 'AS1', amount: '59.5' }).fields.map((f) => f.field)).toEqual([
      'amount',
      'currency',
    ]);
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
    expect(
      variablesError('case_progress', {
        caseId: 'AS1',
        stage: 'buyer@example.com',
        nextStep: '验收',
        dueBy: '7月10日',
      }).fields.map((f) => f.field),
    ).toEqual(['stage']);
  });
});

describe('M2 templateTextProblems (per-shop overrides)', () => {
  it('M2 accepts a text that uses declared variables only', () => {
    expect(
      templateTextProblems('payment_reminder', {
        subject: '待付款 {{orderId}}',
        body: '您的订单{{orderId}}保留到{{closesAt}}。感谢您的支持。',
      }),
    ).toEqual([]);
    expect(templateTextProblems('payment_reminder', { body: '感谢您的支持。' })).toEqual([]);
  });

  it('M2 reports an unknown placeholder in the subject or the body', () => {
    expect(
      templateTextProblems('payment_reminder', { subject: '{{buyerName}}您好', body: '{{orderId}} {{phone}}' }),
    ).toEqual([
      {
        field: 'subject',
        message: "unknown placeholder {{buyerName}}; this template's variables are orderId, closesAt",
      },
      { field: 'body', message: "unknown placeholder {{phone}}; this template's variables are orderId, closesAt" },
    ]);
  });

  it('M2 reports an empty body and an unmatched brace', () => {
    expect(templateTextProblems('return_received', { body: '  ' })).toEqual([
      { field: 'body', message: 'must not be empty' },
    ]);
    expect(templateTextProblems('return_received', { body: '售后{{caseId 已收到' })).toEqual([
      { field: 'body', message: 'has an unmatched "{{" or "}}"; write placeholders as {{name}}' },
    ]);
  });
});
