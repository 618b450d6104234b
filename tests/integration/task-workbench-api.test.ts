// What the agents' workbench reads about tasks, through the HTTP API on the Temporal dev server
// with the production worker and PostgreSQL: a cash-on-delivery order's call task and a return's
// case task, as real workflows open them; their texts in Chinese and English, their outcome's
// form, their context (buyer, order, log, messages, case), the queue filters, and the search by
// order id, phone and tracking numbers, all within the caller's shop.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests, type Json } from '../helpers/api-server';
import { eventually } from '../helpers/eventually';
import { personSession } from '../helpers/identities';
import { eventNow, sampleOrderBody } from '../helpers/orders';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const shopId = `shop-wb-${randomUUID().slice(0, 8)}`;
const otherShopId = `${shopId}-other`;
const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

const path = (taskId: string, rest = '') => `/tasks/${encodeURIComponent(taskId)}${rest}`;
const agent = async (login = 'agent-mei', shop = shopId) => api.as(await personSession(t.prisma, shop, login, 'agent'));

async function codCallTask(): Promise<{ orderId: string; taskId: string }> {
  const order = sampleOrderBody({
    shopId,
    paymentMethod: 'CASH_ON_DELIVERY',
    buyer: { id: 'buyer-wb', name: '李四', phone, email: 'li@example.com' },
    shippingAddress: {
      recipient: '李四',
      phone,
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      street: '文三路 2 号',
    },
  });
  expect(await api.call('POST', '/orders', order)).toMatchObject({ status: 201 });
  const taskId = `order:${shopId}:${order.orderId}:cod-call-1`;
  await eventually(
    () => api.call('GET', path(taskId)),
    (r) => r.status === 200,
    'the cash-on-delivery call task',
  );
  return { orderId: order.orderId, taskId };
}

async function returnCaseTask(): Promise<{ orderId: string; caseId: string; taskId: string }> {
  const order = sampleOrderBody({
    shopId,
    buyer: { id: 'buyer-1', name: '张三', phone: '13800000000', email: 'zhang@example.com' },
  });
  const { orderId } = order;
  expect(await api.call('POST', '/orders', order)).toMatchObject({ status: 201 });
  for (const [id, type, data] of [
    ['pay', 'paid', {}],
    ['ship', 'shipped', { courier: '顺丰速运', trackingNumber: `SF${orderId.slice(3, 13)}` }],
    ['deliver', 'delivered', {}],
    ['receipt', 'receipt_confirmed', {}],
  ] as const) {
    await api.call('POST', `/orders/${shopId}/${orderId}/events`, eventNow(`${id}-1`, type, data));
  }
  await eventually(
    () => api.call('GET', `/orders/${shopId}/${orderId}`),
    (v) => v.body.workflow?.status === 'RECEIVED',
    `${orderId} to be received`,
  );
  const caseId = `RMA-${randomUUID().slice(0, 8)}`;
  const intake = {
    shopId,
    caseId,
    orderId,
    type: 'RETURN_REFUND',
    situation: 'quality_defect',
    requestedAmount: '59.00',
    channel: 'email',
    openedBy: 'buyer',
    description: '杯子有裂纹',
    locale: 'zh-CN',
  };
  expect(await api.call('POST', '/cases', intake)).toMatchObject({ status: 201 });
  const taskId = `case:${shopId}:${caseId}:respond`;
  await eventually(
    () => api.call('GET', path(taskId)),
    (r) => r.status === 200,
    'the handle_case task',
  );
  return { orderId, caseId, taskId };
}

let cod: Awaited<ReturnType<typeof codCallTask>>;
let ret: Awaited<ReturnType<typeof returnCaseTask>>;

beforeAll(async () => {
  cod = await codCallTask();
  ret = await returnCaseTask();
}, 120_000);

describe('the workbench reads tasks', () => {
  test("T1 a task's title and what to do are in the shop's language (zh-CN by default) or the one asked for, with its outcome's form", async () => {
    const me = await agent();
    const zh = (await me.call('GET', path(cod.taskId))).body;
    expect(zh.display).toMatchObject({
      locale: 'zh-CN',
      title: '致电买家确认货到付款金额',
      kindName: '致电买家',
      queueName: '售前客服',
      escalateToName: '客服主管',
      dueAtLocal: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Asia\/Shanghai\)$/),
    });
    expect(zh.display.whatToDo).toContain('CNY 109.00');
    expect(zh.title).toBe('Confirm the cash-on-delivery price with the buyer');

    const en = (await me.call('GET', `${path(cod.taskId)}?lang=en`)).body;
    expect(en.display).toMatchObject({
      locale: 'en',
      title: 'Confirm the cash-on-delivery price with the buyer',
      kindName: 'Call the buyer',
      queueName: 'pre-sales',
    });
    expect(en.display.whatToDo).toMatch(
      /^Please call the buyer to confirm the cash-on-delivery price of CNY 109\.00 \(call 1\)/,
    );

    // The form: the kind's JSON schema, and labels for every field and every choice, in order.
    expect(zh.form.schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['reached'],
      properties: { reached: { type: 'boolean' }, answer: { enum: ['agreed', 'declined', 'undecided'] } },
    });
    expect(zh.form.fields).toEqual([
      {
        name: 'reached',
        type: 'flag',
        required: true,
        label: { 'zh-CN': '已联系上买家', en: 'Reached the buyer' },
        choices: null,
      },
      {
        name: 'answer',
        type: 'choice',
        required: false,
        label: { 'zh-CN': '买家的答复', en: "The buyer's answer" },
        choices: [
          { value: 'agreed', label: { 'zh-CN': '同意', en: 'Agreed' } },
          { value: 'declined', label: { 'zh-CN': '拒绝', en: 'Declined' } },
          { value: 'undecided', label: { 'zh-CN': '尚未决定', en: 'Undecided' } },
        ],
      },
      { name: 'note', type: 'text', required: false, label: { 'zh-CN': '备注', en: 'Note' }, choices: null },
    ]);

    // The shop's language is its policy's: an English shop reads English without asking.
    expect(await api.call('PUT', `/shops/${shopId}/policy`, { messages: { defaultLocale: 'en' } })).toMatchObject({
      status: 200,
    });
    try {
      const listed = await me.call('GET', `/tasks?shopId=${shopId}&kind=call_buyer`);
      expect(listed.body.tasks.find((task: Json) => task.taskId === cod.taskId).display).toMatchObject({
        locale: 'en',
        title: 'Confirm the cash-on-delivery price with the buyer',
      });
    } finally {
      await api.call('PUT', `/shops/${shopId}/policy`, {});
    }
  });

  test('A2 a case task says what the buyer asks for, and its form offers the decision and whose fault', async () => {
    const task = (await (await agent()).call('GET', path(ret.taskId))).body;
    expect(task).toMatchObject({ kind: 'handle_case', caseId: ret.caseId, orderId: ret.orderId });
    expect(task.display.title).toBe(`处理售后单${ret.caseId}（退货退款）`);
    expect(task.display.whatToDo).toContain('买家申请退货退款，金额CNY 59.00');
    expect(
      task.form.fields.map((field: Json) => [
        field.name,
        field.choices?.map((choice: Json) => choice.label.en) ?? null,
      ]),
    ).toEqual([
      ['decision', ['Approve', 'Reject', 'Investigate']],
      ['fault', ['The product', 'The courier', 'The buyer', 'Our service']],
      ['refundAmount', null],
      ['note', null],
    ]);
  });

  test('T1 GET /tasks filters by kind and by escalated, keeping the other filters', async () => {
    const me = await agent();
    const kinds = async (query: string) =>
      ((await me.call('GET', `/tasks?shopId=${shopId}${query}`)).body.tasks as Json[]).map((task) => task.taskId);
    expect(await kinds('&kind=call_buyer')).toEqual([cod.taskId]);
    expect(await kinds('&kind=handle_case&status=OPEN')).toEqual([ret.taskId]);
    expect(await kinds('&escalated=true')).toEqual([]);
    expect(await kinds('&escalated=false')).toEqual(expect.arrayContaining([cod.taskId, ret.taskId]));

    await t.prisma.task.update({ where: { id: cod.taskId }, data: { escalatedAt: new Date() } });
    try {
      expect(await kinds('&escalated=true')).toEqual([cod.taskId]);
      expect(await kinds('&escalated=false')).not.toContain(cod.taskId);
    } finally {
      await t.prisma.task.update({ where: { id: cod.taskId }, data: { escalatedAt: null } });
    }
    expect((await me.call('GET', `/tasks?shopId=${shopId}&kind=no_such_kind`)).status).toBe(400);
  });

  test('T1 GET /tasks?open=true gives the tasks still to be done, open and claimed, in one answer', async () => {
    const me = await agent();
    const open = async () =>
      ((await me.call('GET', `/tasks?shopId=${shopId}&open=true`)).body.tasks as Json[]).map((task) => [
        task.taskId,
        task.status,
      ]);
    await t.prisma.task.update({
      where: { id: ret.taskId },
      data: { status: 'CLAIMED', assignee: 'person:agent-mei' },
    });
    try {
      expect(await open()).toEqual(
        expect.arrayContaining([
          [cod.taskId, 'OPEN'],
          [ret.taskId, 'CLAIMED'],
        ]),
      );
    } finally {
      await t.prisma.task.update({ where: { id: ret.taskId }, data: { status: 'OPEN', assignee: null } });
    }
    expect((await me.call('GET', `/tasks?shopId=${shopId}&open=false`)).status).toBe(400);
  });
});

describe("a task's context", () => {
  test("M1/O4 a call task shows the buyer's phone, the order with its items, its log and the messages the buyer got", async () => {
    await eventually(
      () => t.prisma.message.count({ where: { shopId, orderId: cod.orderId, audience: 'BUYER' } }),
      (n) => n > 0,
      'the price confirmation message',
    );
    const answer = await (await agent()).call('GET', path(cod.taskId, '/context'));
    expect(answer.status).toBe(200);
    const context = answer.body;
    expect(context.buyer).toEqual({ buyerId: 'buyer-wb', name: '李四', tier: 'REGULAR', phone, email: null });
    expect(context.order).toMatchObject({
      orderId: cod.orderId,
      paymentMethod: 'CASH_ON_DELIVERY',
      totalAmount: '109.00',
      currency: 'CNY',
      platform: 'taobao',
      shippingAddress: { recipient: '李四', phone },
    });
    expect(context.order.items).toEqual([
      { lineNo: 1, sku: 'CUP-500', title: '保温杯 500ml', quantity: 2, unitPrice: '49.50' },
      { lineNo: 2, sku: 'LID-1', title: '杯盖', quantity: 1, unitPrice: '10.00' },
    ]);
    expect(context.case).toBeNull();
    expect(context.timeline[0]).toMatchObject({ type: 'placed', kind: 'EVENT', actor: 'platform' });
    // The log carries no personal data: the order shows it, to whom it may.
    expect(JSON.stringify(context.timeline)).not.toContain(phone);
    expect(JSON.stringify(context.timeline)).not.toContain('李四');
    expect(context.messages[0]).toMatchObject({
      channel: expect.any(String),
      template: expect.any(String),
      status: expect.any(String),
    });
    expect(context.messages[0]).not.toHaveProperty('recipient');
  });

  test("A2 a case task shows the buyer's description and the case; no phone where the job is not to call, the e-mail for a case that came by e-mail", async () => {
    const context = (await (await agent()).call('GET', path(ret.taskId, '/context'))).body;
    expect(context.case).toMatchObject({
      caseId: ret.caseId,
      type: 'RETURN_REFUND',
      status: 'OPEN',
      description: '杯子有裂纹',
      requestedAmount: '59.00',
      situation: 'quality_defect',
      returnTrackingNumber: null,
    });
    expect(context.buyer).toMatchObject({ name: '张三', phone: null, email: 'zhang@example.com' });
    expect(context.order.shippingAddress).not.toHaveProperty('phone');
    expect(context.order).toMatchObject({
      status: 'RECEIVED',
      courier: '顺丰速运',
      trackingNumber: `SF${ret.orderId.slice(3, 13)}`,
      paidAt: expect.any(String),
      shippedAt: expect.any(String),
    });
    expect(context.timeline.map((entry: Json) => entry.type)).toEqual(
      expect.arrayContaining(['placed', 'paid', 'shipped']),
    );
    expect(context.timeline.find((entry: Json) => entry.rule)).toMatchObject({
      rule: expect.stringMatching(/^[OA]\d+/),
    });
    expect(JSON.stringify(context)).not.toContain('13800000000');
  });

  test("T1 another shop's task is the same 404 as an unknown one, and one outside the agent's queues a 403", async () => {
    const outsider = await agent('agent-elsewhere', otherShopId);
    for (const rest of ['', '/context']) {
      expect(await outsider.call('GET', path(cod.taskId, rest))).toMatchObject({
        status: 404,
        body: { error: { code: 'not_found' } },
      });
    }
    const warehouse = api.as(await personSession(t.prisma, shopId, 'warehouse-wu', 'agent', ['WAREHOUSE']));
    expect(await warehouse.call('GET', path(cod.taskId, '/context'))).toMatchObject({
      status: 403,
      body: { error: { code: 'not_your_queue' } },
    });
  });
});

describe('search', () => {
  const search = async (q: string, shop = shopId) =>
    (await agent(shop === shopId ? 'agent-mei' : 'agent-elsewhere', shop)).call(
      'GET',
      `/shops/${shop}/search?q=${encodeURIComponent(q)}`,
    );

  test('finds an order by its id, the buyer phone (however typed) and the tracking number, with its open tasks', async () => {
    const byId = await search(cod.orderId);
    expect(byId.status).toBe(200);
    expect(byId.body.results).toEqual([
      expect.objectContaining({
        orderId: cod.orderId,
        matchedBy: ['orderId'],
        order: expect.objectContaining({ totalAmount: '109.00', buyerName: '李四' }),
      }),
    ]);
    expect(byId.body.results[0].openTasks.map((task: Json) => task.taskId)).toEqual([cod.taskId]);
    expect(byId.body.results[0].openTasks[0].display.title).toBe('致电买家确认货到付款金额');

    for (const typed of [phone, `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`]) {
      expect((await search(typed)).body.results.map((result: Json) => [result.orderId, result.matchedBy])).toEqual([
        [cod.orderId, ['buyerPhone']],
      ]);
    }

    const tracking = `SF${ret.orderId.slice(3, 13)}`;
    const byTracking = (await search(tracking)).body.results;
    expect(byTracking.map((result: Json) => [result.orderId, result.matchedBy])).toEqual([
      [ret.orderId, ['trackingNumber']],
    ]);
    expect(byTracking[0].cases).toEqual([expect.objectContaining({ caseId: ret.caseId, type: 'RETURN_REFUND' })]);
    expect(byTracking[0].openTasks.map((task: Json) => task.taskId)).toEqual([ret.taskId]);
  });

  test("shows only the open tasks of the caller's queues, as GET /tasks does", async () => {
    const warehouse = api.as(await personSession(t.prisma, shopId, 'warehouse-wu', 'agent', ['WAREHOUSE']));
    const found = await warehouse.call('GET', `/shops/${shopId}/search?q=${encodeURIComponent(cod.orderId)}`);
    expect(found.body.results).toEqual([expect.objectContaining({ orderId: cod.orderId, openTasks: [] })]);
  });

  test('finds a case by its return tracking number and by its id', async () => {
    const returnTracking = `YT${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await t.prisma.afterSalesCase.update({
      where: { shopId_caseId: { shopId, caseId: ret.caseId } },
      data: { returnTrackingNumber: returnTracking },
    });
    expect(
      (await search(returnTracking)).body.results.map((result: Json) => [result.orderId, result.matchedBy]),
    ).toEqual([[ret.orderId, ['returnTrackingNumber']]]);
    expect((await search(ret.caseId)).body.results.map((result: Json) => [result.orderId, result.matchedBy])).toEqual([
      [ret.orderId, ['caseId']],
    ]);
  });

  test('finds nothing in another shop, nor what does not match; an empty text is a 400', async () => {
    expect((await search(cod.orderId, otherShopId)).body).toEqual({ shopId: otherShopId, results: [] });
    expect((await search(phone, otherShopId)).body.results).toEqual([]);
    expect((await search('NO-SUCH-ORDER')).body.results).toEqual([]);
    expect((await (await agent()).call('GET', `/shops/${shopId}/search?q=`)).status).toBe(400);
    // Someone of the shop may not search another one.
    expect((await (await agent()).call('GET', `/shops/${otherShopId}/search?q=${cod.orderId}`)).status).toBe(404);
  });
});
