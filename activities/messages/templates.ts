// The messages the back office sends (M2): Chinese by default, English beside it, one template per
// rule step that speaks to someone. Texts are short enough for SMS; the SMS provider adds the
// shop's signature (【店名】), so no body names the shop. The buyer is addressed as 您 and never by
// name: workflows hold ids and non-personal facts only, and so do these variables.
// tests/unit/message-templates.test.ts holds every buyer text to the tone of seed 004 (客服的态度).
import { z } from 'zod';
import { currencySchema, exactAmountSchema, trackingNumberSchema } from '../../api/field-rules';
import { LOCALES, type Locale } from '../../workflows/shop-policy';

export { LOCALES, type Locale };

export const MESSAGE_CLASSES = ['SERVICE', 'FOLLOW_UP'] as const;
export type MessageClass = (typeof MESSAGE_CLASSES)[number];

export interface TemplateText {
  subject: string;
  body: string;
}

/** A case's progress link carries the buyer's access token (A1); the shop's return address is read when the message goes (A4); a task's title and order are the task row's (T3). */
export type LookedUpVariable = 'progressUrl' | 'returnAddress' | 'taskTitle' | 'taskOrder';
/** Variables a workflow passes raw (a task's kind and queue, an ISO time) that the outbox puts in
 *  the message's words at send time: the kind and queue named, the time on the shop's clock. */
export type EnrichedVariable = 'kind' | 'queue' | 'dueAt';

export interface TemplateDefinition {
  /** The domain rule(s) the message serves, e.g. 'O1' or 'A1/A2'. */
  rule: string;
  /** Buyers get the tone of M2; staff get plain, polite notices. */
  audience: 'buyer' | 'staff';
  /**
   * M3: a follow-up (a reminder, care, a review request) counts against the order's daily cap,
   * which is there to keep the shop from pestering; a service message (the order's or case's own
   * news: shipped, a parcel problem, a case's step, a refund) always goes out.
   */
  messageClass: MessageClass;
  /** Every value arrives formatted for the message's locale, so every variable is a string. */
  variables: z.ZodObject<Record<string, z.ZodString>, z.core.$strict>;
  /** Variables the outbox reads from the database at send time (looked-up-variables.ts), because a
   *  workflow's history keeps what it passes and these hold a credential. */
  lookedUp?: readonly LookedUpVariable[];
  /** Variables the outbox rewrites from the workflow's raw value to words (looked-up-variables.ts). */
  enriched?: readonly EnrichedVariable[];
  text: Record<Locale, TemplateText>;
}

// Order and case ids as the API accepts them.
const ref = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be an id of 1-64 letters, digits, "_", "." or "-"');
// Task ids are the workflow id and step (`order:<shop>:<order>:<step>`), so longer and with ':'.
const taskRef = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'must be an id of 1-200 letters, digits, "_", ".", ":" or "-"');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 16:30');
// The API stores amounts with exactly two decimals; anything else means the caller did its own sums.
const amount = exactAmountSchema;
const currency = currencySchema;
const trackingNumber = trackingNumberSchema;
// A case's progress link carries its shop, case id and access token (A1).
const url = z.string().regex(/^https?:\/\/\S{1,220}$/, 'must be an http(s) address of at most 220 characters');

/** Free text is where a buyer's phone or email could slip in, against the rule that messages carry
 *  no personal data; `max` keeps the rendered text within an SMS or two. */
const label = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(
      (v) => !/(^|\D)1[3-9]\d{9}(\D|$)/.test(v) && !/\S@\S+\.\S/.test(v),
      'must not hold a phone number or an email address',
    );

export const TEMPLATES = {
  payment_reminder_cutoff: {
    messageClass: 'FOLLOW_UP',
    rule: 'O1',
    audience: 'buyer',
    variables: z.strictObject({ orderId: ref, cutoffTime: clockTime }),
    text: {
      'zh-CN': {
        subject: '订单{{orderId}}今日发货提醒',
        body: '您好，您的订单{{orderId}}还在等待付款，{{cutoffTime}}前付款，今天就能为您发货。感谢您选择本店，有任何问题随时联系我们。',
      },
      en: {
        subject: 'Order {{orderId}}: pay by {{cutoffTime}} and it ships today',
        body: 'Hello, your order {{orderId}} is waiting for payment. If you pay before {{cutoffTime}}, we can ship it today. Thank you for choosing our shop; we are glad to help with any question.',
      },
    },
  },
  payment_reminder: {
    messageClass: 'FOLLOW_UP',
    rule: 'O1',
    audience: 'buyer',
    variables: z.strictObject({ orderId: ref, closesAt: label(32) }),
    text: {
      'zh-CN': {
        subject: '订单{{orderId}}待付款提醒',
        body: '您好，您的订单{{orderId}}还在等待付款，宝贝为您保留到{{closesAt}}，付款后我们会尽快发货。感谢您对本店的支持。',
      },
      en: {
        subject: 'Order {{orderId}} is waiting for payment',
        body: 'Hello, your order {{orderId}} is waiting for payment. We are holding your items until {{closesAt}} and will ship promptly once it is paid. Thank you for shopping with us.',
      },
    },
  },
  duplicate_order_check: {
    messageClass: 'SERVICE',
    rule: 'O3',
    audience: 'buyer',
    variables: z.strictObject({ orderId: ref, otherOrderId: ref }),
    text: {
      'zh-CN': {
        subject: '订单{{orderId}}确认',
        body: '您好，订单{{orderId}}和{{otherOrderId}}的宝贝相同，想和您确认是否两笔都需要。如只需一笔，回复我们即可为您关闭另一笔。感谢您抽空确认。',
      },
      en: {
        subject: 'Order {{orderId}}: do you need both orders?',
        body: 'Hello, orders {{orderId}} and {{otherOrderId}} contain the same items, so we would like to check whether you need both. If you need only one, just reply and we will close the other for you. Thank you for taking a moment to confirm.',
      },
    },
  },
  // Read out by the agent on the confirmation call as well as sent as a message.
  cash_on_delivery_confirmation: {
    messageClass: 'SERVICE',
    rule: 'O4',
    audience: 'buyer',
    variables: z.strictObject({ orderId: ref, amount, currency }),
    text: {
      'zh-CN': {
        subject: '货到付款订单{{orderId}}确认',
        body: '您好，订单{{orderId}}选择了货到付款，到付金额{{currency}} {{amount}}，比在线支付略高一些。回复“确认”即为您发货；如想改为在线支付，我们协助您重新下单。感谢您的理解。',
      },
      en: {
        subject: 'Cash on delivery for order {{orderId}}: please confirm',
        body: 'Hello, you chose cash on delivery for order {{orderId}}. The amount due on delivery is {{currency}} {{amount}}, a little more than paying online. Reply "confirm" and we will ship; if you prefer to pay online, we will help you place the order again. Thank you for your understanding.',
      },
    },
  },
  address_confirmation: {
    messageClass: 'SERVICE',
    rule: 'O5',
    audience: 'buyer',
    variables: z.strictObject({ orderId: ref, defaultCourier: label(20), replyWithin: label(20) }),
    text: {
      'zh-CN': {
        subject: '订单{{orderId}}收货信息核对',
        body: '您好，感谢您在本店购物。请您核对订单{{orderId}}的收货信息，如需修改或指定快递，请在{{replyWithin}}内回复我们；无需修改的话，我们将由{{defaultCourier}}为您发货。',
      },
      en: {
        subject: 'Order {{orderId}}: please check the delivery details',
        body: 'Hello, thank you for shopping with us. Please check the delivery details of order {{orderId}}. If anything needs changing, or you would like a particular courier, please reply within {{replyWithin}}; otherwise we will ship with {{defaultCourier}}.',
      },
    },
  },
  out_of_stock: {
    messageClass: 'SERVICE',
    rule: 'O7',
    audience: 'buyer',
    // Taobao titles fit in 30 Chinese characters; longer ones (English ones, say) are shortened by
    // the caller, or the text would outgrow two SMS.
    variables: z.strictObject({ orderId: ref, itemTitle: label(30) }),
    text: {
      'zh-CN': {
        subject: '订单{{orderId}}缺货说明',
        body: '您好，非常抱歉，订单{{orderId}}中的“{{itemTitle}}”暂时缺货，给您带来不便了。我们可以为您换货或全额退款，请回复告诉我们您的选择。感谢您的谅解。',
      },
      en: {
        subject: 'Order {{orderId}}: an item is out of stock',
        body: 'Hello, we are very sorry: "{{itemTitle}}" in order {{orderId}} is out of stock at the moment. We can exchange it or refund it in full; please reply with your choice. Thank you for your understanding.',
      },
    },
  },
  late_shipment_apology: {
    messageClass: 'SERVICE',
    rule: 'O8',
    audience: 'buyer',
    variables: z.strictObject({ orderId: ref, compensation: label(40) }),
    text: {
      'zh-CN': {
        subject: '订单{{orderId}}发货延迟致歉',
        body: '您好，非常抱歉，订单{{orderId}}未能按时发出，是我们的工作不周。我们正在加急处理，并为您准备了{{compensation}}作为补偿。感谢您的耐心等待。',
      },
      en: {
        subject: 'Order {{orderId}}: our apologies for the delay',
        body: 'Hello, we are very sorry that order {{orderId}} has not shipped on time; the delay is on our side. We are shipping it as a priority and offer you {{compensation}} as compensation. Thank you for your patience.',
      },
    },
  },
  shipment_notice: {
    messageClass: 'SERVICE',
    rule: 'O9',
    audience: 'buyer',
    variables: z.strictObject({ orderId: ref, courier: label(20), trackingNumber }),
    text: {
      'zh-CN': {
        subject: '订单{{orderId}}已发货',
        body: '您好，您的订单{{orderId}}已由{{courier}}发出，运单号{{trackingNumber}}。感谢您的耐心等待，收到宝贝后有任何问题请随时联系我们。',
      },
      en: {
        subject: 'Order {{orderId}} has shipped',
        body: 'Hello, your order {{orderId}} has shipped with {{courier}}, tracking number {{trackingNumber}}. Thank you for waiting; if anything is amiss when it arrives, please contact us at any time.',
      },
    },
  },
  // Sent before the buyer notices (seed 004: 抢在客户前面), hence the news comes from us.
  parcel_problem: {
    messageClass: 'SERVICE',
    rule: 'O10',
    audience: 'buyer',
    variables: z.strictObject({ orderId: ref, courier: label(20), trackingNumber }),
    text: {
      'zh-CN': {
        subject: '订单{{orderId}}物流跟进',
        body: '您好，订单{{orderId}}的包裹（{{courier}} {{trackingNumber}}）物流有些异常，我们已在联系快递处理，有进展会第一时间告诉您。给您带来不便了，感谢您的耐心等待。',
      },
      en: {
        subject: 'Order {{orderId}}: we are following up your parcel',
        body: 'Hello, the parcel for order {{orderId}} ({{courier}} {{trackingNumber}}) has a delivery problem. We are already working on it with the courier and will tell you as soon as there is news. We are sorry for the trouble, and thank you for your patience.',
      },
    },
  },
  case_received: {
    messageClass: 'SERVICE',
    rule: 'A1/A2',
    audience: 'buyer',
    variables: z.strictObject({ caseId: ref, progressUrl: url }),
    lookedUp: ['progressUrl'] as const,
    text: {
      'zh-CN': {
        subject: '售后申请{{caseId}}已受理',
        body: '您好，您的售后申请已受理，编号{{caseId}}，我们会尽快处理。进度可随时在{{progressUrl}}查看。感谢您的反馈。',
      },
      en: {
        subject: 'After-sales request {{caseId}} received',
        body: 'Hello, we have received your after-sales request {{caseId}} and will handle it promptly. You can follow its progress at any time at {{progressUrl}}. Thank you for letting us know.',
      },
    },
  },
  case_progress: {
    messageClass: 'SERVICE',
    rule: 'A1',
    audience: 'buyer',
    variables: z.strictObject({ caseId: ref, stage: label(40), nextStep: label(40), dueBy: label(32) }),
    text: {
      'zh-CN': {
        subject: '售后{{caseId}}进度更新',
        body: '您好，您的售后申请{{caseId}}目前进度：{{stage}}。下一步：{{nextStep}}，预计{{dueBy}}前完成。感谢您的耐心等待。',
      },
      en: {
        subject: 'After-sales request {{caseId}}: progress update',
        body: 'Hello, an update on your after-sales request {{caseId}}: {{stage}}. Next step: {{nextStep}}, expected by {{dueBy}}. Thank you for your patience.',
      },
    },
  },
  return_instructions: {
    messageClass: 'SERVICE',
    rule: 'A4',
    audience: 'buyer',
    // The shop's own address and phone (policy cases.returnAddress), not the buyer's: free text, but no
    // personal data of a buyer. A long address makes the text a third SMS.
    variables: z.strictObject({
      caseId: ref,
      returnBy: label(32),
      returnAddress: z.string().min(1).max(300),
      progressUrl: url,
    }),
    lookedUp: ['progressUrl', 'returnAddress'] as const,
    text: {
      'zh-CN': {
        subject: '售后{{caseId}}退货说明',
        body: '您好，退货{{caseId}}已同意，请于{{returnBy}}前寄至{{returnAddress}}，在{{progressUrl}}填运单号。感谢您配合。',
      },
      en: {
        subject: 'Return request {{caseId}} approved',
        body: 'Hello, your return request {{caseId}} is approved. Please send the item back by {{returnBy}} to {{returnAddress}}, then enter the tracking number at {{progressUrl}}. Thank you for your help.',
      },
    },
  },
  return_received: {
    messageClass: 'SERVICE',
    rule: 'A4',
    audience: 'buyer',
    variables: z.strictObject({ caseId: ref }),
    text: {
      'zh-CN': {
        subject: '售后{{caseId}}退货已收到',
        body: '您好，售后{{caseId}}的退货我们已经收到，正在验收，完成后会马上为您办理退款或换货。感谢您费心寄回。',
      },
      en: {
        subject: 'Return {{caseId}} received',
        body: 'Hello, we have received the return for request {{caseId}} and are checking it now; once that is done we will refund or send the exchange right away. Thank you for sending it back.',
      },
    },
  },
  exchange_shipped: {
    messageClass: 'SERVICE',
    rule: 'A4',
    audience: 'buyer',
    variables: z.strictObject({ caseId: ref, courier: label(20), trackingNumber }),
    text: {
      'zh-CN': {
        subject: '售后{{caseId}}换货已发出',
        body: '您好，售后{{caseId}}的换货已由{{courier}}发出，运单号{{trackingNumber}}。感谢您的耐心等待，收到后有任何问题请随时联系我们。',
      },
      en: {
        subject: 'Exchange {{caseId}} has shipped',
        body: 'Hello, the exchange for request {{caseId}} has shipped with {{courier}}, tracking number {{trackingNumber}}. Thank you for your patience; if anything is amiss when it arrives, please contact us at any time.',
      },
    },
  },
  refund_issued: {
    messageClass: 'SERVICE',
    rule: 'A5',
    audience: 'buyer',
    variables: z.strictObject({ caseId: ref, amount, currency }),
    text: {
      'zh-CN': {
        subject: '售后{{caseId}}退款已办理',
        body: '您好，售后{{caseId}}的退款{{currency}} {{amount}}已原路退回，到账时间以支付渠道为准。感谢您的耐心等待，期待再次为您服务。',
      },
      en: {
        subject: 'Refund for {{caseId}} issued',
        body: 'Hello, the refund of {{currency}} {{amount}} for request {{caseId}} has gone back to your original payment method; when it arrives depends on the payment provider. Thank you for your patience; we look forward to serving you again.',
      },
    },
  },
  reissue_shipped: {
    messageClass: 'SERVICE',
    rule: 'A4/A6',
    audience: 'buyer',
    variables: z.strictObject({ caseId: ref, courier: label(20), trackingNumber }),
    text: {
      'zh-CN': {
        subject: '售后{{caseId}}补发已发出',
        body: '您好，售后{{caseId}}的补发商品已由{{courier}}发出，运单号{{trackingNumber}}。给您添麻烦了，感谢您的理解，收到后有任何问题请随时联系我们。',
      },
      en: {
        subject: 'Replacement for {{caseId}} has shipped',
        body: 'Hello, the replacement for request {{caseId}} has shipped with {{courier}}, tracking number {{trackingNumber}}. We are sorry for the trouble and thank you for your understanding; if anything is amiss, please contact us at any time.',
      },
    },
  },
  compensation_coupon: {
    messageClass: 'SERVICE',
    rule: 'A6',
    audience: 'buyer',
    variables: z.strictObject({ caseId: ref, amount, currency }),
    text: {
      'zh-CN': {
        subject: '售后{{caseId}}补偿优惠券',
        body: '您好，关于售后{{caseId}}，给您带来不便非常抱歉，我们为您准备了{{currency}} {{amount}}的优惠券，已放入您的账户。感谢您的包容，期待再次为您服务。',
      },
      en: {
        subject: 'A coupon for request {{caseId}}',
        body: 'Hello, we are sorry for the trouble with request {{caseId}}. As an apology we have added a coupon worth {{currency}} {{amount}} to your account. Thank you for your patience; we look forward to serving you again.',
      },
    },
  },
  // A3: a refusal that explains and offers help, never a bare "no" (M2).
  case_rejected: {
    messageClass: 'SERVICE',
    rule: 'A3',
    audience: 'buyer',
    variables: z.strictObject({ caseId: ref }),
    text: {
      'zh-CN': {
        subject: '售后{{caseId}}处理结果',
        body: '您好，感谢您耐心等待。经核实，售后申请{{caseId}}暂时无法按您的申请办理，客服会向您说明原因并商量其他解决办法。给您带来不便，敬请谅解。',
      },
      en: {
        subject: 'About your after-sales request {{caseId}}',
        body: 'Hello, thank you for waiting. After checking, we are unable to settle request {{caseId}} the way it was asked; an agent will explain why and work out another solution with you. We are sorry for the inconvenience.',
      },
    },
  },
  // R1: ask what happened before offering anything (seed 000: 先了解情况, 然后再来解决问题).
  review_repair_contact: {
    messageClass: 'FOLLOW_UP',
    rule: 'R1',
    audience: 'buyer',
    variables: z.strictObject({ orderId: ref }),
    text: {
      'zh-CN': {
        subject: '关于订单{{orderId}}的购物体验',
        body: '您好，感谢您对订单{{orderId}}的评价。很抱歉这次购物没能让您满意，想了解一下具体情况，好为您解决。方便时请回复我们。',
      },
      en: {
        subject: 'About your experience with order {{orderId}}',
        body: 'Hello, thank you for reviewing order {{orderId}}. We are sorry your purchase fell short of your expectations and would like to hear what happened so we can put it right. Please reply whenever convenient.',
      },
    },
  },
  task_escalated: {
    messageClass: 'SERVICE',
    rule: 'T1/T3',
    audience: 'staff',
    // The workflow passes the task's id, kind, queue and due time as it has them; the outbox names
    // the task by its title and order and puts kind, queue and due time in words (the shop's zone).
    variables: z.strictObject({
      taskId: taskRef,
      kind: label(40),
      queue: label(40),
      dueAt: label(64),
      taskTitle: label(200),
      taskOrder: label(80),
    }),
    lookedUp: ['taskTitle', 'taskOrder'] as const,
    enriched: ['kind', 'queue', 'dueAt'] as const,
    text: {
      'zh-CN': {
        subject: '任务已升级：{{taskTitle}}（{{taskOrder}}），请协助处理',
        body: '您好，任务「{{taskTitle}}」（{{taskOrder}}，{{kind}}）原定{{dueAt}}前完成，现已升级至{{queue}}，请接手或重新分派，谢谢。任务编号：{{taskId}}',
      },
      en: {
        subject: 'Task escalated: {{taskTitle}} ({{taskOrder}}), please take it over',
        body: 'Hello, the task "{{taskTitle}}" ({{taskOrder}}, {{kind}}) was due by {{dueAt}} and has been escalated to {{queue}}. Please take it over or reassign it. Thank you. Task id: {{taskId}}',
      },
    },
  },
} satisfies Record<string, TemplateDefinition>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
type AllVariables<N extends TemplateName> = z.input<(typeof TEMPLATES)[N]['variables']>;
type LookedUpOf<N extends TemplateName> = (typeof TEMPLATES)[N] extends {
  lookedUp: readonly (infer K extends LookedUpVariable)[];
}
  ? K
  : never;
/** What a workflow passes: a looked-up variable may be left out (workflows from before it was looked up still pass it). */
export type TemplateVariables<N extends TemplateName> = Omit<AllVariables<N>, LookedUpOf<N>> &
  Partial<Pick<AllVariables<N>, LookedUpOf<N> & keyof AllVariables<N>>>;

export interface TemplateFieldProblem {
  field: string;
  message: string;
}

/** Names the offending variables but never quotes their values. */
export class TemplateVariablesError extends Error {
  constructor(
    readonly template: TemplateName,
    readonly fields: TemplateFieldProblem[],
  ) {
    super(`Template ${template}: invalid variables ${fields.map((f) => `${f.field} (${f.message})`).join(', ')}`);
    this.name = 'TemplateVariablesError';
  }
}

export interface TextProblem {
  field: 'subject' | 'body';
  message: string;
}

/** A shop's stored override no longer fits its template (for instance a placeholder it uses was
 *  renamed); sending it would show the buyer raw `{{…}}`. */
export class TemplateTextError extends Error {
  constructor(
    readonly template: TemplateName,
    readonly problems: TextProblem[],
  ) {
    super(
      `Template ${template}: unusable override text: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    );
    this.name = 'TemplateTextError';
  }
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Problems of a text for `name` (a shop's override, as the API receives it): every placeholder
 *  must be one of the template's variables, and the body must say something. */
export function templateTextProblems(
  name: TemplateName,
  text: { subject?: string | null; body: string },
): TextProblem[] {
  const declared = Object.keys(definitionOf(name).variables.shape);
  const problems: TextProblem[] = [];
  if (text.body.trim() === '') problems.push({ field: 'body', message: 'must not be empty' });
  for (const field of ['subject', 'body'] as const) {
    const value = text[field];
    if (value == null) continue;
    for (const [, placeholder] of value.matchAll(PLACEHOLDER)) {
      if (!declared.includes(placeholder)) {
        problems.push({
          field,
          message: `unknown placeholder {{${placeholder}}}; this template's variables are ${declared.join(', ')}`,
        });
      }
    }
    if (/\{\{|\}\}/.test(value.replace(PLACEHOLDER, ''))) {
      problems.push({ field, message: 'has an unmatched "{{" or "}}"; write placeholders as {{name}}' });
    }
  }
  return problems;
}

/** Validates `variables` against the template and fills its text for `locale`, or the shop's
 *  `override` of it; a subject left out of the override keeps the default one. */
export function renderTemplate(
  name: TemplateName,
  locale: Locale,
  variables: unknown,
  override?: { subject?: string | null; body: string },
): { subject: string; text: string; variables: Record<string, string> } {
  const definition = definitionOf(name);
  const parsed = definition.variables.safeParse(variables);
  if (!parsed.success) throw new TemplateVariablesError(name, fieldProblems(parsed.error));

  if (override) {
    const problems = templateTextProblems(name, override);
    if (problems.length) throw new TemplateTextError(name, problems);
  }
  const values: Record<string, string> = parsed.data;
  // One pass: a value that itself looks like {{name}} is shown as typed, never filled in again.
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, placeholder: string) => values[placeholder]);
  const defaults = definition.text[locale];
  return {
    subject: fill(override?.subject ?? defaults.subject),
    text: fill(override?.body ?? defaults.body),
    variables: values,
  };
}

function definitionOf(name: TemplateName): TemplateDefinition {
  return TEMPLATES[name];
}

function fieldProblems(error: z.ZodError): TemplateFieldProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: key, message: 'is not a variable of this template' }))
      : [{ field: issue.path.length ? issue.path.map(String).join('.') : '(variables)', message: issue.message }],
  );
}
