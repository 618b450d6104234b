// What a task says to the person who works it, in the shop's language (zh-CN, en): its kind and
// queue in words, a title and what to do made from the kind and the task's details, and a label
// for every field and every choice of the kind's outcome, so that a page can draw the form.
// One entry per kind of workflows/task-kinds.ts, typed from it: a kind, an outcome field or a
// choice added there without its words here fails to compile. The workflows keep their own
// English titles (the `title` column); these texts are the API's, made when a task is shown.
import { CASE_TYPES, type CaseType } from '../workflows/case-vocabulary';
import type { ChoiceRule } from '../workflows/field-rules';
import { localDateTime } from '../workflows/shop-clock';
import type { Locale } from '../workflows/shop-policy';
import { TASK_KINDS, TASK_QUEUES, type TaskKind, type TaskQueue } from '../workflows/task-kinds';

export type Words = Record<Locale, string>;

/** What a task's texts are made from: its row's ids and details, read on the shop's clock. */
export interface TaskFacts {
  orderId: string | null;
  caseId: string | null;
  details: Readonly<Record<string, unknown>>;
  timeZone: string;
}

export interface TaskText {
  title: string;
  whatToDo: string;
}

type Outcome<K extends TaskKind> = (typeof TASK_KINDS)[K]['outcome'];
type FieldWords<F> = F extends ChoiceRule<infer V> ? { label: Words; choices: Record<V, Words> } : { label: Words };

interface KindWords<K extends TaskKind> {
  /** The kind in words: "致电买家", "Call the buyer". */
  name: Words;
  text: (facts: TaskFacts, locale: Locale) => TaskText;
  outcome: { [N in keyof Outcome<K>]: FieldWords<Outcome<K>[N]> };
}

export const QUEUE_NAMES: Record<TaskQueue, Words> = {
  PRE_SALES: { 'zh-CN': '售前客服', en: 'pre-sales' },
  AFTER_SALES: { 'zh-CN': '售后客服', en: 'after-sales' },
  WAREHOUSE: { 'zh-CN': '仓库', en: 'warehouse' },
  SUPERVISOR: { 'zh-CN': '客服主管', en: 'supervisors' },
};

export const CASE_TYPE_NAMES: Record<CaseType, Words> = {
  RETURN_REFUND: { 'zh-CN': '退货退款', en: 'return and refund' },
  REFUND_ONLY: { 'zh-CN': '仅退款', en: 'refund only' },
  EXCHANGE: { 'zh-CN': '换货', en: 'exchange' },
  REISSUE: { 'zh-CN': '补发', en: 'reissue' },
  LOGISTICS: { 'zh-CN': '物流问题', en: 'delivery problem' },
  QUALITY_COMPLAINT: { 'zh-CN': '质量投诉', en: 'quality complaint' },
  SERVICE_COMPLAINT: { 'zh-CN': '服务投诉', en: 'service complaint' },
};

const RATINGS: Record<string, Words> = {
  neutral: { 'zh-CN': '中评', en: 'neutral' },
  negative: { 'zh-CN': '差评', en: 'negative' },
  positive: { 'zh-CN': '好评', en: 'positive' },
};

const note: { label: Words } = { label: { 'zh-CN': '备注', en: 'Note' } };
const faultChoices = {
  PRODUCT: { 'zh-CN': '商品问题', en: 'The product' },
  COURIER: { 'zh-CN': '快递问题', en: 'The courier' },
  BUYER: { 'zh-CN': '买家原因', en: 'The buyer' },
  SERVICE: { 'zh-CN': '服务问题', en: 'Our service' },
};
const fault = { label: { 'zh-CN': '责任方', en: 'Whose fault' }, choices: faultChoices };
const refundAmount = { label: { 'zh-CN': '退款金额（元）', en: 'Refund amount (yuan)' } };
const courier = { label: { 'zh-CN': '快递公司', en: 'Courier' } };
const trackingNumber = { label: { 'zh-CN': '运单号', en: 'Tracking number' } };

/** A detail as text ('' when absent). */
function fact(facts: TaskFacts, key: string): string {
  const value = facts.details[key];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** An instant as the shop's people read it: "2026-11-24 10:00 (Asia/Shanghai)". */
export function localTime(at: Date | number, timeZone: string): string {
  return `${localDateTime(typeof at === 'number' ? at : at.getTime(), timeZone)} (${timeZone})`;
}

/** A moment from the details on the shop's clock, with its zone; a value already in local words stays as it is. */
function when(facts: TaskFacts, key: string): string {
  const value = fact(facts, key);
  const at = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? value : localTime(at, facts.timeZone);
}

/** A task's order in words: 订单TB1001 / order TB1001 (无关联订单 / no order). */
export function orderRef(orderId: string | null | undefined, locale: Locale): string {
  if (!orderId) return locale === 'zh-CN' ? '无关联订单' : 'no order';
  return locale === 'zh-CN' ? `订单${orderId}` : `order ${orderId}`;
}

/** A case's type in words; a type this version does not know is shown as it is stored. */
export function caseTypeName(type: string, locale: Locale): string {
  return (CASE_TYPES as readonly string[]).includes(type) ? CASE_TYPE_NAMES[type as CaseType][locale] : type;
}

const caseType = (facts: TaskFacts, locale: Locale) => caseTypeName(fact(facts, 'type'), locale);

function rating(facts: TaskFacts, locale: Locale): string {
  const value = fact(facts, 'rating');
  return RATINGS[value]?.[locale] ?? value;
}

const money = (facts: TaskFacts) => `${fact(facts, 'currency') || 'CNY'} ${fact(facts, 'amount')}`;

const pick = (locale: Locale, zh: TaskText, en: TaskText): TaskText => (locale === 'zh-CN' ? zh : en);

export const TASK_TEXTS: { [K in TaskKind]: KindWords<K> } = {
  call_buyer: {
    name: { 'zh-CN': '致电买家', en: 'Call the buyer' },
    text: (f, l) =>
      fact(f, 'rule') === 'O4'
        ? pick(
            l,
            {
              title: `致电买家确认货到付款金额`,
              whatToDo: `请致电买家，确认货到付款金额${money(f)}（第${fact(f, 'attempt') || 1}次致电）。请记录是否联系上买家，以及买家同意、拒绝还是尚未决定；买家拒绝则订单关闭。`,
            },
            {
              title: `Confirm the cash-on-delivery price with the buyer`,
              whatToDo: `Please call the buyer to confirm the cash-on-delivery price of ${money(f)} (call ${fact(f, 'attempt') || 1}). Record whether you reached them and whether they agreed, declined or are undecided; if they decline, the order is closed.`,
            },
          )
        : pick(
            l,
            {
              title: `致电买家提醒付款`,
              whatToDo: `买家的订单尚未付款，请致电提醒；未付款的订单将于${when(f, 'closesAt')}关闭。请记录是否联系上买家及买家的答复。`,
            },
            {
              title: `Call the buyer about their unpaid order`,
              whatToDo: `The buyer has not paid yet: please call to remind them; an unpaid order closes at ${when(f, 'closesAt')}. Record whether you reached them and what they said.`,
            },
          ),
    outcome: {
      reached: { label: { 'zh-CN': '已联系上买家', en: 'Reached the buyer' } },
      answer: {
        label: { 'zh-CN': '买家的答复', en: "The buyer's answer" },
        choices: {
          agreed: { 'zh-CN': '同意', en: 'Agreed' },
          declined: { 'zh-CN': '拒绝', en: 'Declined' },
          undecided: { 'zh-CN': '尚未决定', en: 'Undecided' },
        },
      },
      note,
    },
  },
  chase_payment: {
    name: { 'zh-CN': '催付', en: 'Chase payment' },
    text: (f, l) =>
      pick(
        l,
        {
          title: `催付：订单已超过一天未付款`,
          whatToDo: `请联系买家，了解未付款的原因并协助付款；订单将于${when(f, 'closesAt')}自动关闭。联系上买家且买家付款后，业绩记在您名下。`,
        },
        {
          title: `Chase payment: the order is unpaid for a day`,
          whatToDo: `Please contact the buyer, find out why they have not paid and help them pay; the order closes by itself at ${when(f, 'closesAt')}. If you reach them and they pay, the order is credited to you.`,
        },
      ),
    outcome: { reached: { label: { 'zh-CN': '已联系上买家', en: 'Reached the buyer' } }, note },
  },
  confirm_duplicate: {
    name: { 'zh-CN': '确认重复订单', en: 'Confirm a duplicate order' },
    text: (f, l) =>
      pick(
        l,
        {
          title: `确认重复订单（另一单${fact(f, 'otherOrderId')}）`,
          whatToDo: `同一买家在短时间内下了两笔相同的订单（本单${f.orderId ?? ''}，另一单${fact(f, 'otherOrderId')}）。请询问买家要关闭哪一笔：本单、另一单，或都保留。`,
        },
        {
          title: `Confirm a duplicate order (the other is ${fact(f, 'otherOrderId')})`,
          whatToDo: `The same buyer placed two identical orders within minutes (this one, ${f.orderId ?? ''}, and ${fact(f, 'otherOrderId')}). Please ask the buyer which to close: this one, the other, or neither.`,
        },
      ),
    outcome: {
      close: {
        label: { 'zh-CN': '关闭哪一笔', en: 'Which order to close' },
        choices: {
          neither: { 'zh-CN': '都保留', en: 'Neither' },
          this: { 'zh-CN': '关闭本单', en: 'This order' },
          other: { 'zh-CN': '关闭另一单', en: 'The other order' },
        },
      },
      note,
    },
  },
  resolve_out_of_stock: {
    name: { 'zh-CN': '缺货处理', en: 'Resolve an out-of-stock item' },
    text: (f, l) =>
      pick(
        l,
        {
          title: `缺货处理：「${fact(f, 'itemTitle')}」`,
          whatToDo: `仓库缺少「${fact(f, 'itemTitle')}」。请联系买家，商定等待补货、换货或取消订单，并记录结果。`,
        },
        {
          title: `Out of stock: "${fact(f, 'itemTitle')}"`,
          whatToDo: `The warehouse does not have "${fact(f, 'itemTitle')}". Please agree with the buyer on waiting for restock, an exchange or cancelling the order, and record which.`,
        },
      ),
    outcome: {
      resolution: {
        label: { 'zh-CN': '处理方式', en: 'Resolution' },
        choices: {
          restocked: { 'zh-CN': '已补货', en: 'Restocked' },
          exchanged: { 'zh-CN': '换货', en: 'Exchanged' },
          cancelled: { 'zh-CN': '取消订单', en: 'Cancelled' },
        },
      },
      note,
    },
  },
  ship_order: {
    name: { 'zh-CN': '发货', en: 'Ship an order' },
    text: (f, l) =>
      f.caseId
        ? pick(
            l,
            {
              title: `为售后单${f.caseId}发出新包裹`,
              whatToDo: `请为售后单${f.caseId}打包发出换货或补发的商品，并填写快递公司和运单号。`,
            },
            {
              title: `Ship the new parcel for case ${f.caseId}`,
              whatToDo: `Please pack and ship the exchange or reissue for case ${f.caseId}, and enter the courier and tracking number.`,
            },
          )
        : pick(
            l,
            {
              title: `尽快发货：订单已过截单时间`,
              whatToDo: `订单于${when(f, 'paidAt')}付款，应在${when(f, 'shipDueAt')}前发出。请尽快打包发货，并填写快递公司和运单号。`,
            },
            {
              title: `Ship late: the order is past its cut-off`,
              whatToDo: `The order was paid at ${when(f, 'paidAt')} and was due to ship by ${when(f, 'shipDueAt')}. Please pack and ship it now, and enter the courier and tracking number.`,
            },
          ),
    outcome: { courier, trackingNumber, note },
  },
  follow_parcel: {
    name: { 'zh-CN': '跟进问题包裹', en: 'Follow up a problem parcel' },
    text: (f, l) =>
      pick(
        l,
        {
          title: `跟进问题包裹：${fact(f, 'courier')} ${fact(f, 'trackingNumber')}`,
          whatToDo: `包裹出现问题（${fact(f, 'reason')}）。请向${fact(f, 'courier')}核实运单${fact(f, 'trackingNumber')}的情况，记录结果：仍在运输、已签收、已退回、损坏或丢失；损坏或丢失请填写向快递索赔的金额。`,
        },
        {
          title: `Problem parcel: ${fact(f, 'courier')} ${fact(f, 'trackingNumber')}`,
          whatToDo: `The parcel has a problem (${fact(f, 'reason')}). Please check tracking number ${fact(f, 'trackingNumber')} with ${fact(f, 'courier')} and record what you found: moving, delivered, returned, damaged or lost; for damaged or lost, enter the amount to claim from the courier.`,
        },
      ),
    outcome: {
      finding: {
        label: { 'zh-CN': '核实结果', en: 'What the courier says' },
        choices: {
          moving: { 'zh-CN': '仍在运输', en: 'Moving' },
          delivered: { 'zh-CN': '已签收', en: 'Delivered' },
          returned: { 'zh-CN': '已退回', en: 'Returned to sender' },
          damaged: { 'zh-CN': '损坏', en: 'Damaged' },
          lost: { 'zh-CN': '丢失', en: 'Lost' },
        },
      },
      claimAmount: { label: { 'zh-CN': '索赔金额（元）', en: 'Claim amount (yuan)' } },
      note,
    },
  },
  handle_case: {
    name: { 'zh-CN': '处理售后', en: 'Answer an after-sales case' },
    text: (f, l) =>
      pick(
        l,
        {
          title: `处理售后单${f.caseId ?? ''}（${caseType(f, l)}）`,
          whatToDo: `买家申请${caseType(f, l)}${fact(f, 'amount') ? `，金额${money(f)}` : ''}，情况：${fact(f, 'situation')}。请查看买家的描述和订单，给出处理决定：同意、拒绝或需要进一步调查，并注明责任方；平台将于${when(f, 'decideBy')}自动同意。`,
        },
        {
          title: `Answer after-sales case ${f.caseId ?? ''} (${caseType(f, l)})`,
          whatToDo: `The buyer asks for a ${caseType(f, l)}${fact(f, 'amount') ? ` of ${money(f)}` : ''} (situation: ${fact(f, 'situation')}). Please read their description and the order, then approve, reject or investigate, and name whose fault it was; the platform approves by itself at ${when(f, 'decideBy')}.`,
        },
      ),
    outcome: {
      decision: {
        label: { 'zh-CN': '处理决定', en: 'Decision' },
        choices: {
          approve: { 'zh-CN': '同意', en: 'Approve' },
          reject: { 'zh-CN': '拒绝', en: 'Reject' },
          investigate: { 'zh-CN': '需要调查', en: 'Investigate' },
        },
      },
      fault,
      refundAmount,
      note,
    },
  },
  decide_case: {
    name: { 'zh-CN': '售后决定', en: 'Decide an after-sales case' },
    text: (f, l) =>
      pick(
        l,
        {
          title: `决定售后单${f.caseId ?? ''}（${caseType(f, l)}）`,
          whatToDo: `调查完成后请给出决定：同意或拒绝，并注明责任方；超过${when(f, 'decideBy')}平台将自动同意。`,
        },
        {
          title: `Decide after-sales case ${f.caseId ?? ''} (${caseType(f, l)})`,
          whatToDo: `Once you have looked into it, please approve or reject the case and name whose fault it was; the platform approves by itself at ${when(f, 'decideBy')}.`,
        },
      ),
    outcome: {
      decision: {
        label: { 'zh-CN': '处理决定', en: 'Decision' },
        choices: { approve: { 'zh-CN': '同意', en: 'Approve' }, reject: { 'zh-CN': '拒绝', en: 'Reject' } },
      },
      fault,
      refundAmount,
      note,
    },
  },
  inspect_return: {
    name: { 'zh-CN': '退货验收', en: 'Inspect a return' },
    text: (f, l) =>
      pick(
        l,
        {
          title: `验收退货：售后单${f.caseId ?? ''}`,
          whatToDo: `请验收售后单${f.caseId ?? ''}的退货${fact(f, 'trackingNumber') ? `（${fact(f, 'courier')} ${fact(f, 'trackingNumber')}）` : ''}：商品是否完好、是否齐全，并记录是否已入库。`,
        },
        {
          title: `Inspect the return of case ${f.caseId ?? ''}`,
          whatToDo: `Please inspect the return of case ${f.caseId ?? ''}${fact(f, 'trackingNumber') ? ` (${fact(f, 'courier')} ${fact(f, 'trackingNumber')})` : ''}: is it as sold, damaged or incomplete, and was it restocked?`,
        },
      ),
    outcome: {
      condition: {
        label: { 'zh-CN': '商品状况', en: 'Condition' },
        choices: {
          as_sold: { 'zh-CN': '完好', en: 'As sold' },
          damaged: { 'zh-CN': '损坏', en: 'Damaged' },
          incomplete: { 'zh-CN': '不齐全', en: 'Incomplete' },
        },
      },
      restocked: { label: { 'zh-CN': '已入库', en: 'Restocked' } },
      note,
    },
  },
  settle_refund: {
    name: { 'zh-CN': '处理退款', en: 'Settle a refund' },
    text: (f, l) =>
      fact(f, 'refusedBecause')
        ? pick(
            l,
            {
              title: `退款超出可退金额：售后单${f.caseId ?? ''} ${money(f)}`,
              whatToDo: `该笔退款${money(f)}超出订单尚可退的${fact(f, 'currency')} ${fact(f, 'refundable')}。请作废，或在有金额释放后重试。`,
            },
            {
              title: `Refund beyond what is refundable: case ${f.caseId ?? ''}, ${money(f)}`,
              whatToDo: `This refund of ${money(f)} exceeds what is still refundable on the order (${fact(f, 'currency')} ${fact(f, 'refundable')}). Please void it, or retry once an amount is freed.`,
            },
          )
        : pick(
            l,
            {
              title: `退款失败：售后单${f.caseId ?? ''} ${money(f)}`,
              whatToDo: `支付网关多次（${fact(f, 'attempts')}次）未能完成这笔退款。请先用幂等键${fact(f, 'idempotencyKey')}在网关核对是否其实已退款，再选择：已手工退款（填写流水号）、重试或作废。`,
            },
            {
              title: `Refund failed: case ${f.caseId ?? ''}, ${money(f)}`,
              whatToDo: `The payment gateway failed this refund ${fact(f, 'attempts')} times. Please first check the gateway for idempotency key ${fact(f, 'idempotencyKey')} (it may have paid), then record: paid by hand (with the payment reference), retry, or void.`,
            },
          ),
    outcome: {
      action: {
        label: { 'zh-CN': '处理方式', en: 'Action' },
        choices: {
          paid_by_hand: { 'zh-CN': '已手工退款', en: 'Paid by hand' },
          retry: { 'zh-CN': '重试', en: 'Retry' },
          void: { 'zh-CN': '作废', en: 'Void' },
        },
      },
      reference: { label: { 'zh-CN': '付款流水号', en: 'Payment reference' } },
      note,
    },
  },
  appeal_review: {
    name: { 'zh-CN': '申诉评价', en: 'Appeal a review' },
    text: (f, l) =>
      pick(
        l,
        {
          title: `申诉恶意评价`,
          whatToDo: `请收集该${rating(f, l)}属于恶意评价的证据，向平台提交申诉，并填写申诉编号。`,
        },
        {
          title: `Appeal a malicious review`,
          whatToDo: `Please collect the evidence that this ${rating(f, l)} review is malicious, appeal to the platform, and enter the appeal's id.`,
        },
      ),
    outcome: {
      appealed: { label: { 'zh-CN': '已提交申诉', en: 'Appealed' } },
      appealId: { label: { 'zh-CN': '申诉编号', en: 'Appeal id' } },
      note,
    },
  },
  repair_review: {
    name: { 'zh-CN': '修复评价', en: 'Repair a review' },
    text: (f, l) =>
      pick(
        l,
        {
          title: `修复${rating(f, l)}`,
          whatToDo: `请联系买家，了解给出${rating(f, l)}的原因并解决问题，然后记录结果：已修复、未修复，或属于恶意评价。`,
        },
        {
          title: `Repair a ${rating(f, l)} review`,
          whatToDo: `Please contact the buyer, find out why they left a ${rating(f, l)} review and put it right, then record: repaired, not repaired, or malicious.`,
        },
      ),
    outcome: {
      result: {
        label: { 'zh-CN': '结果', en: 'Result' },
        choices: {
          repaired: { 'zh-CN': '已修复', en: 'Repaired' },
          not_repaired: { 'zh-CN': '未修复', en: 'Not repaired' },
          malicious: { 'zh-CN': '恶意评价', en: 'Malicious' },
        },
      },
      note,
    },
  },
};

/** The kind in words; a kind this version does not know is shown as it is stored. */
export function kindName(kind: string, locale: Locale): string {
  return Object.hasOwn(TASK_TEXTS, kind) ? TASK_TEXTS[kind as TaskKind].name[locale] : kind;
}

export function queueName(queue: string, locale: Locale): string {
  return (TASK_QUEUES as readonly string[]).includes(queue) ? QUEUE_NAMES[queue as TaskQueue][locale] : queue;
}

/** The title and what to do; for a kind this version does not know, the workflow's own title. */
export function taskText(kind: string, facts: TaskFacts, locale: Locale, storedTitle: string): TaskText {
  if (!Object.hasOwn(TASK_TEXTS, kind)) return { title: storedTitle, whatToDo: '' };
  return TASK_TEXTS[kind as TaskKind].text(facts, locale);
}

/** The case a task belongs to: its details' caseId, or its workflow's (`case:<shopId>:<caseId>`). */
export function taskCaseId(task: { shopId: string; workflowId: string; details: unknown }): string | null {
  const details = task.details as Record<string, unknown> | null;
  if (details && typeof details.caseId === 'string') return details.caseId;
  const prefix = `case:${task.shopId}:`;
  return task.workflowId.startsWith(prefix) ? task.workflowId.slice(prefix.length) : null;
}
