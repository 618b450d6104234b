// The order figures of a month (seed 002; O1, O8, O10) through the HTTP API over rows written
// straight into PostgreSQL: the figures read only tables, so no Temporal server is needed.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client';
import { orderWorkflowId } from '../../workflows/definitions';
import { serveApiDuringTests } from '../helpers/api-server';
import { testPrisma } from '../helpers/database';
import { recordSampleOrder } from '../helpers/orders';
import type { WorkerHarness } from '../helpers/worker-harness';

// The app is built with a client that is never called: these routes reach only the database.
const harness = { env: { client: {} } } as unknown as WorkerHarness;
beforeAll(() => {
  harness.prisma = testPrisma();
});
afterAll(() => harness.prisma.$disconnect());
const api = serveApiDuringTests(harness);

const newShopId = () => `shop-figures-${randomUUID().slice(0, 8)}`;
/** Shanghai wall-clock time, the default zone's, so the month's edges read as the shop sees them. */
const cstIso = (local: string) => `${local}:00+08:00`;
const cst = (local: string) => new Date(cstIso(local));

async function placeOrder(shopId: string, placedAt: string, set: Prisma.OrderUpdateInput = {}): Promise<string> {
  const { orderId } = await recordSampleOrder(harness.prisma, { shopId, placedAt: cstIso(placedAt) });
  await harness.prisma.order.update({ where: { shopId_orderId: { shopId, orderId } }, data: set });
  return orderId;
}

function buyerMessage(
  shopId: string,
  orderId: string,
  template: string,
  status: 'SENT' | 'SUPPRESSED',
  sentAt: string,
): Prisma.MessageCreateManyInput {
  const workflowId = orderWorkflowId(shopId, orderId);
  return {
    id: `${workflowId}:${template}:${sentAt}:SMS`,
    shopId,
    orderId,
    workflowId,
    audience: 'BUYER',
    channel: 'SMS',
    template,
    locale: 'zh-CN',
    subject: '',
    body: '…',
    status,
    sentAt: status === 'SENT' ? cst(sentAt) : null,
    reason: status === 'SENT' ? null : 'daily_cap',
  };
}

function parcelProblem(
  shopId: string,
  orderId: string,
  kind: 'CHANGE' | 'EVENT',
  at: string,
): Prisma.OrderLogEntryCreateManyInput {
  return {
    shopId,
    orderId,
    entryId: `${kind}:parcel-problem:${at}`,
    kind,
    type: 'parcel_problem',
    actor: kind === 'CHANGE' ? 'workflow' : 'platform',
    data: {},
    at: cst(at),
  };
}

function claim(
  shopId: string,
  orderId: string,
  courier: string,
  reason: string,
  amount: string | null,
  filedAt: string,
): Prisma.CourierClaimCreateManyInput {
  return {
    id: `${orderId}:claim`,
    shopId,
    orderId,
    courier,
    trackingNumber: `T-${orderId}`,
    reason,
    amount,
    filedAt: cst(filedAt),
  };
}

const shippedOrder = (
  paid: string,
  due: string,
  shipped: string | null,
  status: 'SHIPPED' | 'AWAITING_SHIPMENT' | 'CANCELLED' = 'SHIPPED',
) => ({ paidAt: cst(paid), shipDueAt: cst(due), shippedAt: shipped ? cst(shipped) : null, status });

describe('GET /shops/:shopId/figures/orders', () => {
  test('counts October 2026 in Shanghai time, from the rows each figure is made of', async () => {
    const shopId = newShopId();

    // Reminded, paid after the first reminder, shipped before the batch: counts everywhere.
    const a = await placeOrder(
      shopId,
      '2026-10-03T10:00',
      shippedOrder('2026-10-03T15:00', '2026-10-03T16:30', '2026-10-03T16:00'),
    );
    // Reminded and never paid.
    const b = await placeOrder(shopId, '2026-10-05T09:00', { status: 'CANCELLED', closedReason: 'unpaid' });
    // Its reminder was suppressed, so it was never reminded; shipped three days late.
    const c = await placeOrder(
      shopId,
      '2026-10-06T08:00',
      shippedOrder('2026-10-06T10:00', '2026-10-06T16:30', '2026-10-09T10:00'),
    );
    // Missed its batch but left within 48 hours of payment.
    const d = await placeOrder(
      shopId,
      '2026-10-10T09:00',
      shippedOrder('2026-10-10T10:00', '2026-10-10T16:30', '2026-10-11T09:00'),
    );
    // Past its batch and still waiting: the warehouse's backlog. A cancelled one is not.
    await placeOrder(
      shopId,
      '2026-10-20T09:00',
      shippedOrder('2026-10-20T10:00', '2026-10-20T16:30', null, 'AWAITING_SHIPMENT'),
    );
    await placeOrder(
      shopId,
      '2026-10-21T09:00',
      shippedOrder('2026-10-21T10:00', '2026-10-21T16:30', null, 'CANCELLED'),
    );
    // Placed and reminded in September, paid and shipped in October (Shanghai's first hour).
    const h = await placeOrder(
      shopId,
      '2026-09-30T20:00',
      shippedOrder('2026-10-01T00:30', '2026-10-01T16:30', '2026-10-01T12:00'),
    );
    // Still October in UTC but November in Shanghai: counts nowhere.
    const f = await placeOrder(
      shopId,
      '2026-11-01T07:00',
      shippedOrder('2026-11-01T07:10', '2026-11-01T16:30', '2026-11-01T07:30'),
    );

    await harness.prisma.message.createMany({
      data: [
        buyerMessage(shopId, a, 'payment_reminder_cutoff', 'SENT', '2026-10-03T14:00'),
        buyerMessage(shopId, a, 'payment_reminder', 'SENT', '2026-10-03T22:00'),
        buyerMessage(shopId, b, 'payment_reminder', 'SENT', '2026-10-05T21:00'),
        buyerMessage(shopId, c, 'payment_reminder', 'SUPPRESSED', '2026-10-06T09:00'),
        buyerMessage(shopId, c, 'shipment_notice', 'SENT', '2026-10-09T10:05'),
        buyerMessage(shopId, h, 'payment_reminder', 'SENT', '2026-09-30T21:00'),
        buyerMessage(shopId, f, 'payment_reminder', 'SENT', '2026-11-01T07:05'),
      ],
    });
    await harness.prisma.orderLogEntry.createMany({
      data: [
        parcelProblem(shopId, a, 'CHANGE', '2026-10-06T09:00'),
        parcelProblem(shopId, a, 'CHANGE', '2026-10-08T09:00'),
        // Only what the workflow recorded as a problem parcel counts, not a report of one.
        parcelProblem(shopId, c, 'EVENT', '2026-10-10T09:00'),
        parcelProblem(shopId, f, 'CHANGE', '2026-11-03T09:00'),
      ],
    });
    await harness.prisma.courierClaim.createMany({
      data: [
        claim(shopId, a, '中通快递', 'lost', '30.00', '2026-10-05T10:00'),
        claim(shopId, c, '中通快递', 'damaged', '12.50', '2026-10-12T10:00'),
        claim(shopId, d, 'EMS', 'lost', null, '2026-10-31T23:30'),
        claim(shopId, f, '顺丰速运', 'lost', '99.00', '2026-11-01T00:30'),
      ],
    });

    const res = await api.call('GET', `/shops/${shopId}/figures/orders?month=2026-10`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      shopId,
      month: '2026-10',
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-10-31T16:00:00.000Z',
      paymentReminders: { reminded: 2, paidAfterReminder: 1, conversion: 0.5 },
      shipping: { shipped: 4, onTime: 2, limit: '48h', withinLimit: 3, onTimeRate: 0.5, lateUnshipped: 1 },
      problemParcels: { shipped: 4, withProblem: 1, rate: 0.25 },
      courierClaims: {
        count: 3,
        totalAmount: '42.50',
        byCourier: [
          { courier: 'EMS', count: 1, totalAmount: '0.00' },
          { courier: '中通快递', count: 2, totalAmount: '42.50' },
        ],
        byReason: { damaged: 1, lost: 2 },
      },
    });
  });

  test("O8 'within the limit' is the shop's own limit: with 12 hours, a parcel that left 23 hours after payment is not within it", async () => {
    const shopId = newShopId();
    await harness.prisma.shop.create({ data: { shopId, policy: { orders: { shipping: { apologiseAfter: '12h' } } } } });
    await placeOrder(
      shopId,
      '2026-10-10T09:00',
      shippedOrder('2026-10-10T10:00', '2026-10-10T16:30', '2026-10-11T09:00'),
    );
    const res = await api.call('GET', `/shops/${shopId}/figures/orders?month=2026-10`);
    expect(res.body.shipping).toEqual({
      shipped: 1,
      onTime: 0,
      limit: '12h',
      withinLimit: 0,
      onTimeRate: 0,
      lateUnshipped: 0,
    });
  });

  test("a month's edges are the local midnights of the shop's own zone, daylight saving included", async () => {
    const shopId = newShopId();
    await harness.prisma.shop.create({ data: { shopId, policy: { timeZone: 'America/New_York' } } });
    const res = await api.call('GET', `/shops/${shopId}/figures/orders?month=2026-11`);
    expect(res.body).toMatchObject({ from: '2026-11-01T04:00:00.000Z', to: '2026-12-01T05:00:00.000Z' });
  });

  test('without a month it answers the current one in the shop zone: zeros, and no rate where nothing was counted', async () => {
    const shopId = newShopId();
    const res = await api.call('GET', `/shops/${shopId}/figures/orders`);
    const thisMonth = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
    }).format(new Date());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      month: thisMonth,
      paymentReminders: { reminded: 0, paidAfterReminder: 0, conversion: null },
      shipping: { shipped: 0, onTime: 0, limit: '48h', withinLimit: 0, onTimeRate: null, lateUnshipped: 0 },
      problemParcels: { shipped: 0, withProblem: 0, rate: null },
      courierClaims: { count: 0, totalAmount: '0.00', byCourier: [], byReason: {} },
    });
  });

  test('a month that does not exist gets a 400 naming the field', async () => {
    const res = await api.call('GET', `/shops/${newShopId()}/figures/orders?month=2026-13`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((field: { field: string }) => field.field)).toEqual(['month']);
  });
});
