// PIPL/GDPR erasure against the real test database: what the retention sweep and a buyer's request
// erase (every row of the order: no name, phone, e-mail or street left in any of them), what they
// keep (ids, amounts, statuses, items, the figures), and what they leave alone (a recent order, an
// order whose workflow still runs, another shop's buyer with the same id).
import { randomUUID } from 'node:crypto';
import { keepOrderIntake } from '../../api/order-intake';
import { monthBounds, orderFigures } from '../../api/order-figures';
import { caseFigures } from '../../api/case-figures';
import type { OrderInput } from '../../api/order-schema';
import { eraseBuyerPersonalData, erasePersonalDataOlderThan, ERASURE_ENTRY_TYPE } from '../../activities/personal-data-erasure';
import type { PrismaClient } from '../../activities/prisma-client';
import type { RunningWorkflows } from '../../activities/running-workflows';
import { DEFAULT_SHOP_POLICY } from '../../workflows/shop-policy';
import { orderWorkflowId } from '../../workflows/definitions';
import { testPrisma } from '../helpers/database';
import { recordSampleOrder } from '../helpers/orders';

const DAY = 86_400_000;
const nothingRuns: RunningWorkflows = async () => [];
const retentionCutoff = () => new Date(Date.now() - 365 * DAY);

let prisma: PrismaClient;
beforeAll(() => {
  prisma = testPrisma();
});
afterAll(() => prisma.$disconnect());

/** A buyer whose every detail is unique, so a search of the rows' text finds only this order's. */
function buyer(id = `buyer-${randomUUID().slice(0, 8)}`) {
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  return { id, name: `王${randomUUID().slice(0, 6)}`, phone: `139${digits}`, email: `${id}@mail.example.cn`, street: `文一路 ${digits} 号`, newStreet: `天目山路 ${digits} 号` };
}
type Buyer = ReturnType<typeof buyer>;

/**
 * A completed order with everything a real one leaves: its posted intake, the `placed` and
 * `address_changed` events, the workflow's change, a message to the buyer, a case in the buyer's
 * words with its log and an agent's task note. `ageDays` backdates all of it.
 */
async function completedOrder(shopId: string, who: Buyer, ageDays: number): Promise<OrderInput> {
  const shippingAddress = { recipient: who.name, phone: who.phone, province: '浙江省', city: '杭州市', district: '西湖区', street: who.street };
  const order = await recordSampleOrder(prisma, { shopId, buyer: { id: who.id, name: who.name, phone: who.phone, email: who.email }, shippingAddress });
  const { orderId } = order;
  const then = new Date(Date.now() - ageDays * DAY);
  const month = new Date('2026-03-10T04:00:00Z');
  const workflowId = orderWorkflowId(shopId, orderId);
  const caseId = `case-${randomUUID().slice(0, 8)}`;
  await prisma.orderLogEntry.createMany({
    data: [
      { shopId, orderId, entryId: 'event:placed', kind: 'EVENT', type: 'placed', actor: 'platform', data: order, payloadHash: '1'.repeat(64), at: then, recordedAt: then },
      { shopId, orderId, entryId: 'event:addr', kind: 'EVENT', type: 'address_changed', actor: 'buyer', reason: `${who.name} 搬家了`, flagged: false, data: { shippingAddress: { ...shippingAddress, street: who.newStreet } }, at: then, recordedAt: then },
      { shopId, orderId, entryId: `${workflowId}:address`, kind: 'CHANGE', type: 'address_changed', actor: 'buyer', reason: `${who.name} 搬家了`, flagged: true, data: { eventId: 'addr' }, at: then, recordedAt: then },
      { shopId, orderId, entryId: `${workflowId}:shipped`, kind: 'CHANGE', type: 'status SHIPPED', actor: 'workflow', data: { courier: '中通快递', trackingNumber: '75312345678901' }, at: then, recordedAt: then },
    ],
  });
  await prisma.message.create({
    data: {
      id: `${workflowId}:shipped:SMS`, shopId, orderId, buyerId: who.id, workflowId, audience: 'BUYER', channel: 'SMS', template: 'shipment_notice', locale: 'zh-CN',
      recipient: who.phone, subject: `订单${orderId}已发货`, body: `您好，您的订单${orderId}已发出`, status: 'SENT', sentAt: then,
    },
  });
  await prisma.afterSalesCase.create({
    data: {
      shopId, caseId, orderId, workflowId: `case:${shopId}:${caseId}`, type: 'REFUND_ONLY', status: 'REFUNDED', situation: 'no_reason', channel: 'chat', openedBy: 'buyer',
      description: `我是${who.name}，电话${who.phone}`, locale: 'zh-CN', accessToken: `token-${caseId}`, currency: 'CNY', payloadHash: '2'.repeat(64), openedAt: month, closedAt: then,
    },
  });
  await prisma.caseLogEntry.create({ data: { shopId, caseId, entryId: 'event:note', kind: 'EVENT', type: 'return_shipped', actor: 'buyer', data: { courier: '顺丰速运', trackingNumber: 'SF1234567890123', note: who.phone }, at: then, recordedAt: then } });
  await prisma.task.create({
    data: {
      id: `${workflowId}:chase`, shopId, kind: 'chase_payment', queue: 'PRE_SALES', status: 'DONE', title: `Chase ${orderId}`, details: { rule: 'O2', orderId },
      outcome: { reached: true, note: `打给 ${who.phone} 找到 ${who.name}` }, workflowId, orderId, dueAt: then, completedAt: then,
    },
  });
  await prisma.order.update({
    where: { shopId_orderId: { shopId, orderId } },
    data: { status: 'COMPLETED', paidAt: month, shipDueAt: new Date(month.getTime() + DAY), shippedAt: new Date(month.getTime() + DAY / 2), courier: '中通快递', trackingNumber: '75312345678901' },
  });
  // Prisma dates `updated_at` itself; only SQL can make the rows as old as the test needs.
  await prisma.$executeRaw`UPDATE orders SET updated_at = ${then} WHERE shop_id = ${shopId} AND order_id = ${orderId}`;
  await prisma.$executeRaw`UPDATE cases SET updated_at = ${then} WHERE shop_id = ${shopId} AND case_id = ${caseId}`;
  await prisma.$executeRaw`UPDATE order_intakes SET received_at = ${then} WHERE shop_id = ${shopId} AND order_id = ${orderId}`;
  return order;
}

/** Every row the database keeps about the order, as one text. */
async function rowsOf(shopId: string, orderId: string): Promise<string> {
  const cases = await prisma.afterSalesCase.findMany({ where: { shopId, orderId } });
  const rows = {
    order: await prisma.order.findUnique({ where: { shopId_orderId: { shopId, orderId } }, include: { items: true } }),
    intake: await prisma.orderIntake.findUnique({ where: { shopId_orderId: { shopId, orderId } } }),
    log: await prisma.orderLogEntry.findMany({ where: { shopId, orderId } }),
    messages: await prisma.message.findMany({ where: { shopId, orderId } }),
    tasks: await prisma.task.findMany({ where: { shopId, orderId } }),
    cases,
    caseLog: await prisma.caseLogEntry.findMany({ where: { shopId, caseId: { in: cases.map((c) => c.caseId) } } }),
  };
  return JSON.stringify(rows, (_, value) => (typeof value === 'bigint' ? String(value) : value));
}

function expectNoPersonalData(text: string, who: Buyer) {
  for (const detail of [who.name, who.phone, who.email, who.street, who.newStreet, who.id]) expect(text).not.toContain(detail);
}

function expectPersonalData(text: string, who: Buyer) {
  for (const detail of [who.name, who.phone, who.street]) expect(text).toContain(detail);
}

describe('the retention sweep (erasePersonalDataOlderThan)', () => {
  const shopId = `shop-privacy-${randomUUID().slice(0, 8)}`;

  test('erases an old closed order everywhere and keeps its ids, amounts, status, items and figures', async () => {
    const who = buyer();
    const order = await completedOrder(shopId, who, 400);
    expectPersonalData(await rowsOf(shopId, order.orderId), who);

    const result = await erasePersonalDataOlderThan(prisma, { shopId, before: retentionCutoff() }, nothingRuns);
    expect(result.erased).toEqual([order.orderId]);
    expect(result.counts).toMatchObject({ orders: 1, intakes: 1, messages: 1, cases: 1, caseLogEntries: 1, tasks: 1 });
    expect(result.counts.orderLogEntries).toBeGreaterThanOrEqual(3);

    const text = await rowsOf(shopId, order.orderId);
    expectNoPersonalData(text, who);
    const row = await prisma.order.findUniqueOrThrow({ where: { shopId_orderId: { shopId, orderId: order.orderId } }, include: { items: true } });
    expect(row).toMatchObject({ orderId: order.orderId, status: 'COMPLETED', buyerName: '(erased)', buyerPhone: null, buyerEmail: null, currency: 'CNY', trackingNumber: '75312345678901' });
    expect(row.totalAmount.toFixed(2)).toBe('109.00');
    expect(row.items.map((item) => [item.sku, item.quantity, item.unitPrice.toFixed(2)])).toEqual([['CUP-500', 2, '49.50'], ['LID-1', 1, '10.00']]);
    const intake = await prisma.orderIntake.findUniqueOrThrow({ where: { shopId_orderId: { shopId, orderId: order.orderId } } });
    expect(intake.payload).toMatchObject({ total: '109.00', paymentMethod: 'ONLINE', placedAt: order.placedAt, items: order.items, buyer: { tier: 'REGULAR' }, shippingAddress: { country: 'CN' } });
    const kase = await prisma.afterSalesCase.findFirstOrThrow({ where: { shopId, orderId: order.orderId } });
    expect(kase).toMatchObject({ status: 'REFUNDED', type: 'REFUND_ONLY', description: null });
    // The buyer's old link no longer opens the case.
    expect(kase.accessToken).not.toMatch(/^token-/);

    // Recorded, with counts and no personal data.
    const record = await prisma.orderLogEntry.findFirstOrThrow({ where: { shopId, orderId: order.orderId, type: ERASURE_ENTRY_TYPE } });
    expect(record).toMatchObject({ kind: 'CHANGE', actor: 'retention', data: result.counts });

    // The figures still count it: paid and shipped on time in March, and its refund case.
    const march = await monthBounds(prisma, '2026-03', DEFAULT_SHOP_POLICY.timeZone);
    expect((await orderFigures(prisma, shopId, march, DEFAULT_SHOP_POLICY)).shipping).toMatchObject({ shipped: 1, onTime: 1 });
    expect((await caseFigures(prisma, shopId, march, DEFAULT_SHOP_POLICY.cases.firstResponseWithin)).returnAndRefundRate).toMatchObject({ ordersPaid: 1, returnsAndRefunds: 1 });

    // A repeated POST of the original order is a repeat of a closed order: not a conflict, nothing stored again.
    expect((await keepOrderIntake(prisma, order)).outcome).toBe('same');
    expectNoPersonalData(await rowsOf(shopId, order.orderId), who);

    // The next day's sweep does not erase it again.
    expect((await erasePersonalDataOlderThan(prisma, { shopId, before: retentionCutoff() }, nothingRuns)).erased).toEqual([]);
  });

  test('leaves a recent closed order, an old order still open, and an old order whose workflow still runs', async () => {
    const recent = buyer();
    const recentOrder = await completedOrder(shopId, recent, 30);
    const open = buyer();
    const openOrder = await completedOrder(shopId, open, 400);
    await prisma.order.update({ where: { shopId_orderId: { shopId, orderId: openOrder.orderId } }, data: { status: 'SHIPPED' } });
    await prisma.$executeRaw`UPDATE orders SET updated_at = now() - interval '400 days' WHERE shop_id = ${shopId} AND order_id = ${openOrder.orderId}`;
    const running = buyer();
    const runningOrder = await completedOrder(shopId, running, 400);
    const runningWorkflow = orderWorkflowId(shopId, runningOrder.orderId);

    const result = await erasePersonalDataOlderThan(prisma, { shopId, before: retentionCutoff() }, async (ids) => ids.filter((id) => id === runningWorkflow));
    expect(result.erased).toEqual([]);
    expect(result.notYet).toEqual([runningOrder.orderId]);
    expectPersonalData(await rowsOf(shopId, recentOrder.orderId), recent);
    expectPersonalData(await rowsOf(shopId, openOrder.orderId), open);
    expectPersonalData(await rowsOf(shopId, runningOrder.orderId), running);
  });

  test('an old order whose platform sent an event after closing waits for that event to be as old', async () => {
    const who = buyer();
    const order = await completedOrder(shopId, who, 400);
    await prisma.orderLogEntry.create({ data: { shopId, orderId: order.orderId, entryId: 'event:late', kind: 'EVENT', type: 'address_changed', actor: 'platform', data: { shippingAddress: { street: who.newStreet } }, at: new Date() } });
    expect((await erasePersonalDataOlderThan(prisma, { shopId, before: retentionCutoff() }, nothingRuns)).erased).not.toContain(order.orderId);
    // A year on, the sweep takes it.
    expect((await erasePersonalDataOlderThan(prisma, { shopId, before: new Date(Date.now() + DAY) }, nothingRuns)).erased).toContain(order.orderId);
    expectNoPersonalData(await rowsOf(shopId, order.orderId), who);
  });
});

describe("a buyer's request (eraseBuyerPersonalData)", () => {
  test("erases every closed order of the buyer in the shop, leaves the open one for later and another shop's buyer of the same id alone", async () => {
    const shopId = `shop-privacy-${randomUUID().slice(0, 8)}`;
    const otherShopId = `shop-privacy-${randomUUID().slice(0, 8)}`;
    const who = buyer();
    const first = await completedOrder(shopId, who, 3);
    const second = await completedOrder(shopId, who, 1);
    const stillOpen = await recordSampleOrder(prisma, { shopId, buyer: { id: who.id, name: who.name, phone: who.phone } });
    const namesake = { ...buyer(who.id) };
    const elsewhere = await completedOrder(otherShopId, namesake, 400);

    const result = await eraseBuyerPersonalData(prisma, { shopId, buyerId: who.id }, nothingRuns);
    expect(result.erased.sort()).toEqual([first.orderId, second.orderId].sort());
    expect(result.notYet).toEqual([stillOpen.orderId]);
    expect(result.counts).toMatchObject({ orders: 2, messages: 2, cases: 2 });
    for (const order of [first, second]) {
      expectNoPersonalData(await rowsOf(shopId, order.orderId), who);
      expect(await prisma.orderLogEntry.count({ where: { shopId, orderId: order.orderId, type: ERASURE_ENTRY_TYPE, actor: 'buyer_request' } })).toBe(1);
    }
    expectPersonalData(await rowsOf(otherShopId, elsewhere.orderId), namesake);
    expect((await prisma.order.findUniqueOrThrow({ where: { shopId_orderId: { shopId: otherShopId, orderId: elsewhere.orderId } } })).buyerId).toBe(who.id);
  });
});
