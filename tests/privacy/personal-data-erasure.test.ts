// PIPL/GDPR erasure against the real test database: what the retention sweep and a buyer's request
// erase (every row of the order: no name, phone, e-mail or street left in any of them), what they
// keep (ids, amounts, statuses, items, the figures), and what they leave alone (a recent order, an
// order whose workflow still runs, another shop's buyer with the same id).
import { randomUUID } from 'node:crypto';
import { keepOrderIntake } from '../../api/order-intake';
import { monthBounds, orderFigures } from '../../api/order-figures';
import { caseFigures } from '../../api/case-figures';
import {
  eraseBuyerPersonalData,
  erasePersonalDataOlderThan,
  ERASURE_ENTRY_TYPE,
} from '../../activities/personal-data-erasure';
import type { PrismaClient } from '../../activities/prisma-client';
import type { RunningWorkflows } from '../../activities/running-workflows';
import { DEFAULT_SHOP_POLICY } from '../../activities/shop-policy-schema';
import { orderWorkflowId } from '../../workflows/definitions';
import { testPrisma } from '../helpers/database';
import { recordSampleOrder } from '../helpers/orders';
import { personalDataFixtures } from '../helpers/personal-data';

const DAY = 86_400_000;
const nothingRuns: RunningWorkflows = async () => [];
const retentionCutoff = () => new Date(Date.now() - 365 * DAY);

let prisma: PrismaClient;
beforeAll(() => {
  prisma = testPrisma();
});
afterAll(() => prisma.$disconnect());

const { buyer, completedOrder, rowsOf, expectNoPersonalData, expectPersonalData } = personalDataFixtures(() => prisma);

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
    const row = await prisma.order.findUniqueOrThrow({
      where: { shopId_orderId: { shopId, orderId: order.orderId } },
      include: { items: true },
    });
    expect(row).toMatchObject({
      orderId: order.orderId,
      status: 'COMPLETED',
      buyerName: '(erased)',
      buyerPhone: null,
      buyerEmail: null,
      currency: 'CNY',
      trackingNumber: '75312345678901',
    });
    expect(row.totalAmount.toFixed(2)).toBe('109.00');
    expect(row.items.map((item) => [item.sku, item.quantity, item.unitPrice.toFixed(2)])).toEqual([
      ['CUP-500', 2, '49.50'],
      ['LID-1', 1, '10.00'],
    ]);
    const intake = await prisma.orderIntake.findUniqueOrThrow({
      where: { shopId_orderId: { shopId, orderId: order.orderId } },
    });
    expect(intake.payload).toMatchObject({
      total: '109.00',
      paymentMethod: 'ONLINE',
      placedAt: order.placedAt,
      items: order.items,
      buyer: { tier: 'REGULAR' },
      shippingAddress: { country: 'CN' },
    });
    const kase = await prisma.afterSalesCase.findFirstOrThrow({ where: { shopId, orderId: order.orderId } });
    expect(kase).toMatchObject({ status: 'REFUNDED', type: 'REFUND_ONLY', description: null });
    // The buyer's old link no longer opens the case.
    expect(kase.accessToken).not.toMatch(/^token-/);

    // Recorded, with counts and no personal data.
    const record = await prisma.orderLogEntry.findFirstOrThrow({
      where: { shopId, orderId: order.orderId, type: ERASURE_ENTRY_TYPE },
    });
    expect(record).toMatchObject({ kind: 'CHANGE', actor: 'retention', data: result.counts });

    // The figures still count it: paid and shipped on time in March, and its refund case.
    const march = await monthBounds(prisma, '2026-03', DEFAULT_SHOP_POLICY.timeZone);
    expect((await orderFigures(prisma, shopId, march, DEFAULT_SHOP_POLICY)).shipping).toMatchObject({
      shipped: 1,
      onTime: 1,
    });
    expect(
      (await caseFigures(prisma, shopId, march, DEFAULT_SHOP_POLICY.cases.firstResponseWithin)).returnAndRefundRate,
    ).toMatchObject({ ordersPaid: 1, returnsAndRefunds: 1 });

    // A repeated POST of the original order is a repeat of a closed order: not a conflict, nothing stored again.
    expect((await keepOrderIntake(prisma, order)).outcome).toBe('same');
    expectNoPersonalData(await rowsOf(shopId, order.orderId), who);

    // The next day's sweep does not erase it again.
    expect(
      (await erasePersonalDataOlderThan(prisma, { shopId, before: retentionCutoff() }, nothingRuns)).erased,
    ).toEqual([]);
  });

  test('leaves a recent closed order, an old order still open, and an old order whose workflow still runs', async () => {
    const recent = buyer();
    const recentOrder = await completedOrder(shopId, recent, 30);
    const open = buyer();
    const openOrder = await completedOrder(shopId, open, 400);
    await prisma.order.update({
      where: { shopId_orderId: { shopId, orderId: openOrder.orderId } },
      data: { status: 'SHIPPED' },
    });
    await prisma.$executeRaw`UPDATE orders SET updated_at = now() - interval '400 days' WHERE shop_id = ${shopId} AND order_id = ${openOrder.orderId}`;
    const running = buyer();
    const runningOrder = await completedOrder(shopId, running, 400);
    const runningWorkflow = orderWorkflowId(shopId, runningOrder.orderId);

    const result = await erasePersonalDataOlderThan(prisma, { shopId, before: retentionCutoff() }, async (ids) =>
      ids.filter((id) => id === runningWorkflow),
    );
    expect(result.erased).toEqual([]);
    expect(result.notYet).toEqual([runningOrder.orderId]);
    expectPersonalData(await rowsOf(shopId, recentOrder.orderId), recent);
    expectPersonalData(await rowsOf(shopId, openOrder.orderId), open);
    expectPersonalData(await rowsOf(shopId, runningOrder.orderId), running);
  });

  test('an old order whose platform sent an event after closing waits for that event to be as old', async () => {
    const who = buyer();
    const order = await completedOrder(shopId, who, 400);
    await prisma.orderLogEntry.create({
      data: {
        shopId,
        orderId: order.orderId,
        entryId: 'event:late',
        kind: 'EVENT',
        type: 'address_changed',
        actor: 'platform',
        data: { shippingAddress: { street: who.newStreet } },
        at: new Date(),
      },
    });
    expect(
      (await erasePersonalDataOlderThan(prisma, { shopId, before: retentionCutoff() }, nothingRuns)).erased,
    ).not.toContain(order.orderId);
    // A year on, the sweep takes it.
    expect(
      (await erasePersonalDataOlderThan(prisma, { shopId, before: new Date(Date.now() + DAY) }, nothingRuns)).erased,
    ).toContain(order.orderId);
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
    const stillOpen = await recordSampleOrder(prisma, {
      shopId,
      buyer: { id: who.id, name: who.name, phone: who.phone },
    });
    const namesake = { ...buyer(who.id) };
    const elsewhere = await completedOrder(otherShopId, namesake, 400);

    const result = await eraseBuyerPersonalData(prisma, { shopId, buyerId: who.id }, nothingRuns);
    expect(result.erased.sort()).toEqual([first.orderId, second.orderId].sort());
    expect(result.notYet).toEqual([stillOpen.orderId]);
    expect(result.counts).toMatchObject({ orders: 2, messages: 2, cases: 2 });
    for (const order of [first, second]) {
      expectNoPersonalData(await rowsOf(shopId, order.orderId), who);
      expect(
        await prisma.orderLogEntry.count({
          where: { shopId, orderId: order.orderId, type: ERASURE_ENTRY_TYPE, actor: 'buyer_request' },
        }),
      ).toBe(1);
    }
    expectPersonalData(await rowsOf(otherShopId, elsewhere.orderId), namesake);
    expect(
      (
        await prisma.order.findUniqueOrThrow({
          where: { shopId_orderId: { shopId: otherShopId, orderId: elsewhere.orderId } },
        })
      ).buyerId,
    ).toBe(who.id);
  });
});
