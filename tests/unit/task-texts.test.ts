// The words of every task kind (api/task-texts.ts): a title and what to do in zh-CN and in en,
// made from the details the workflows give, and an outcome form whose fields and choices are
// the kind's own, each labelled in both languages. (A kind, field or choice without words does
// not compile; these check that the words say something.)
import { taskForm, taskView } from '../../api/task-view';
import { kindName, orderRef, queueName, taskText } from '../../api/task-texts';
import type { Task } from '../../generated/prisma/client';
import { LOCALES } from '../../workflows/shop-policy';
import { TASK_KINDS, TASK_QUEUES, type TaskKind } from '../../workflows/task-kinds';

/** Details as the workflows give them, per kind (workflows/*.ts, `inbox.run`). */
const DETAILS: Record<TaskKind, Record<string, unknown>[]> = {
  call_buyer: [
    { rule: 'O4', amount: '109.00', currency: 'CNY', attempt: 2 },
    { rule: 'O1/O13', buyerTier: 'VIP', closesAt: '2026-11-25 10:00' },
  ],
  chase_payment: [{ rule: 'O2', closesAt: '2026-11-25 10:00' }],
  confirm_duplicate: [{ rule: 'O3', otherOrderId: 'TB1000' }],
  resolve_out_of_stock: [{ rule: 'O7', itemTitle: '保温杯' }],
  ship_order: [
    { rule: 'O8', paidAt: '2026-11-24T02:00:00.000Z', shipDueAt: '2026-11-24T08:30:00.000Z' },
    { rule: 'A4', caseId: 'RMA-1' },
  ],
  follow_parcel: [{ rule: 'O10', reason: 'lost', courier: '顺丰速运', trackingNumber: 'SF1234567890' }],
  handle_case: [
    {
      rule: 'A2/A3',
      type: 'RETURN_REFUND',
      situation: 'quality_defect',
      amount: '59.00',
      shipped: true,
      decideBy: '2026-11-29T02:00:00.000Z',
    },
  ],
  decide_case: [
    {
      rule: 'A2/A3',
      type: 'REFUND_ONLY',
      situation: 'no_reason',
      amount: '20.00',
      shipped: false,
      decideBy: '2026-11-26T02:00:00.000Z',
    },
  ],
  inspect_return: [
    { rule: 'A4', caseId: 'RMA-1', courier: '顺丰速运', trackingNumber: 'SF9876543210' },
    { rule: 'A4', caseId: 'RMA-1' },
  ],
  settle_refund: [
    { rule: 'A5', idempotencyKey: 'case:s:RMA-1:refund', amount: '59.00', currency: 'CNY', attempts: 5 },
    {
      rule: 'A5',
      idempotencyKey: 'case:s:RMA-1:refund',
      amount: '59.00',
      currency: 'CNY',
      refundable: '10.00',
      refusedBecause: 'exceeds',
    },
  ],
  appeal_review: [{ rule: 'R4', rating: 'negative' }],
  repair_review: [{ rule: 'R1/R2', rating: 'neutral' }],
};

const kinds = Object.keys(TASK_KINDS) as TaskKind[];

describe('task texts (T1)', () => {
  it.each(kinds)('%s: a title and what to do in every language, from its details, with no hole', (kind) => {
    for (const details of DETAILS[kind]) {
      for (const locale of LOCALES) {
        const text = taskText(
          kind,
          {
            orderId: 'TB1001',
            caseId: kind.endsWith('_case') || kind === 'settle_refund' ? 'RMA-1' : null,
            details,
            timeZone: 'Asia/Shanghai',
          },
          locale,
          'stored',
        );
        expect(text.title.trim()).not.toBe('');
        expect(text.whatToDo.length).toBeGreaterThan(20);
        expect(`${text.title} ${text.whatToDo}`).not.toMatch(/undefined|null|\[object|\$\{|T\d{2}:\d{2}:\d{2}/);
        if (locale === 'zh-CN') expect(text.title).toMatch(/[\u4e00-\u9fff]/);
        else
          expect(`${text.title}${text.whatToDo}`.replace(/顺丰速运|保温杯/g, '')).not.toMatch(
            /[\u4e00-\u9fff，。；：]/,
          );
      }
    }
  });

  it('puts times on the shop clock with its zone', () => {
    const text = taskText(
      'ship_order',
      { orderId: 'TB1001', caseId: null, details: DETAILS.ship_order[0], timeZone: 'Asia/Shanghai' },
      'zh-CN',
      '',
    );
    expect(text.whatToDo).toContain('2026-11-24 16:30 (Asia/Shanghai)');
  });

  it.each(kinds)('%s: its form has every outcome field in order, each choice labelled in zh-CN and en', (kind) => {
    const form = taskForm(kind);
    const fields = TASK_KINDS[kind].outcome as Record<
      string,
      { type: string; optional?: true; values?: readonly string[] }
    >;
    expect(form.fields.map((field) => field.name)).toEqual(Object.keys(fields));
    expect(Object.keys(form.schema.properties)).toEqual(Object.keys(fields));
    for (const field of form.fields) {
      expect(field.type).toBe(fields[field.name].type);
      expect(field.required).toBe(!fields[field.name].optional);
      for (const words of [field.label, ...(field.choices ?? []).map((choice) => choice.label)]) {
        expect(words['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
        expect(words.en).toMatch(/^[A-Z]/);
      }
      expect(field.choices?.map((choice) => choice.value) ?? null).toEqual(fields[field.name].values ?? null);
    }
  });

  it('names kinds, queues and orders in words, and shows a kind it does not know as stored', () => {
    for (const kind of kinds) for (const locale of LOCALES) expect(kindName(kind, locale)).not.toBe(kind);
    for (const queue of TASK_QUEUES) for (const locale of LOCALES) expect(queueName(queue, locale)).not.toBe(queue);
    expect([orderRef('TB1', 'zh-CN'), orderRef('TB1', 'en'), orderRef(null, 'zh-CN')]).toEqual([
      '订单TB1',
      'order TB1',
      '无关联订单',
    ]);
    const row = {
      id: 'x:old',
      shopId: 's',
      kind: 'retired_kind',
      queue: 'PRE_SALES',
      status: 'OPEN',
      title: 'Old title',
      details: {},
      workflowId: 'order:s:o',
      orderId: 'o',
      dueAt: new Date(),
      createdAt: new Date(),
    } as unknown as Task;
    expect(taskView(row, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toMatchObject({
      display: { title: 'Old title', kindName: 'retired_kind' },
      form: null,
    });
  });
});
