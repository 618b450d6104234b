// The after-sales figures of a month (seed 002; A2, A5, A6, A7, R1-R4) through the HTTP API over
// rows written straight into PostgreSQL: the figures read only tables, so no Temporal server is
// needed, and the rows can say exactly what each figure should count.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client';
import { serveApiDuringTests } from '../helpers/api-server';
import { testPrisma } from '../helpers/database';
import type { WorkerHarness } from '../helpers/worker-harness';

// The app is built with a client that is never called: these routes reach only the database.
const harness = { env: { client: {} } } as unknown as WorkerHarness;
beforeAll(() => {
  harness.prisma = testPrisma();
});
afterAll(() => harness.prisma.$disconnect());
const api = serveApiDuringTests(harness);

const newShopId = () => `shop-case-figures-${randomUUID().slice(0, 8)}`;
/** Shanghai wall-clock time, the default zone's, so the month's edges read as the shop sees them. */
const cst = (local: string) => new Date(`${local}:00+08:00`);
const maybeCst = (local: string | undefined) => (local === undefined ? undefined : cst(local));

function paidOrder(shopId: string, orderId: string, paidAt: string | null): Prisma.OrderCreateManyInput {
  return {
    shopId,
    orderId,
    workflowId: `order:${shopId}:${orderId}`,
    platform: 'taobao',
    buyerId: 'buyer-1',
    buyerName: '张三',
    shippingAddress: {},
    paymentMethod: 'ONLINE',
    currency: 'CNY',
    totalAmount: '109.00',
    status: paidAt ? 'AWAITING_SHIPMENT' : 'AWAITING_PAYMENT',
    placedAt: cst('2026-09-01T10:00'),
    paidAt: paidAt ? cst(paidAt) : null,
  };
}

interface CaseTimes {
  firstResponse?: string;
  returnReceived?: string;
}

function afterSalesCase(
  shopId: string,
  caseId: string,
  type: Prisma.AfterSalesCaseCreateManyInput['type'],
  fault: string | null,
  opened: string,
  times: CaseTimes = {},
): Prisma.AfterSalesCaseCreateManyInput {
  return {
    shopId,
    caseId,
    orderId: `order-of-${caseId}`,
    workflowId: `case:${shopId}:${caseId}`,
    type,
    status: 'OPEN',
    situation: 'no_reason',
    fault,
    channel: 'platform',
    openedBy: 'buyer',
    locale: 'zh-CN',
    accessToken: `token-${caseId}`,
    currency: 'CNY',
    payloadHash: '0'.repeat(64),
    openedAt: cst(opened),
    firstResponseAt: maybeCst(times.firstResponse),
    returnReceivedAt: maybeCst(times.returnReceived),
  };
}

function refund(
  shopId: string,
  caseId: string,
  step: string,
  status: Prisma.RefundCreateManyInput['status'],
  amount: string,
  currency: string,
  requested: string,
  paid?: string,
): Prisma.RefundCreateManyInput {
  return {
    id: `case:${shopId}:${caseId}:${step}`,
    shopId,
    caseId,
    orderId: `order-of-${caseId}`,
    step,
    amount,
    currency,
    status,
    requestedAt: cst(requested),
    paidAt: maybeCst(paid),
  };
}

function repair(
  shopId: string,
  orderId: string,
  started: string,
  outcome: Prisma.ReviewRepairCreateManyInput['outcome'] = null,
  closed?: string,
): Prisma.ReviewRepairCreateManyInput {
  return {
    shopId,
    orderId,
    workflowId: `review:${shopId}:${orderId}`,
    rating: 'negative',
    startedAt: cst(started),
    outcome,
    closedAt: maybeCst(closed),
  };
}

function compensation(
  shopId: string,
  caseId: string,
  offer: string,
  amount: string | null,
  currency: string,
  applied: string,
): Prisma.CompensationCreateManyInput {
  return {
    id: `case:${shopId}:${caseId}:compensation`,
    shopId,
    caseId,
    orderId: `order-of-${caseId}`,
    situation: 'late_delivery',
    offer,
    amount,
    currency,
    appliedAt: cst(applied),
  };
}

const zeroTypes = {
  RETURN_REFUND: 0,
  REFUND_ONLY: 0,
  EXCHANGE: 0,
  REISSUE: 0,
  LOGISTICS: 0,
  QUALITY_COMPLAINT: 0,
  SERVICE_COMPLAINT: 0,
};

describe('GET /shops/:shopId/figures/cases', () => {
  test('counts October 2026 in Shanghai time, from the rows each figure is made of', async () => {
    const shopId = newShopId();
    await harness.prisma.order.createMany({
      data: [
        paidOrder(shopId, 'o1', '2026-10-03T15:00'),
        paidOrder(shopId, 'o2', '2026-10-12T09:00'),
        paidOrder(shopId, 'o3', '2026-10-31T23:59'),
        // Shanghai's first half hour of October: still September in UTC.
        paidOrder(shopId, 'o4', '2026-10-01T00:30'),
        // Still October in UTC, November in Shanghai.
        paidOrder(shopId, 'o5', '2026-11-01T07:00'),
        paidOrder(shopId, 'o6', null),
      ],
    });
    await harness.prisma.afterSalesCase.createMany({
      data: [
        // Answered in 30 minutes; its return arrived, then the refund was paid 6 hours later.
        afterSalesCase(shopId, 'c1', 'RETURN_REFUND', 'PRODUCT', '2026-10-02T10:00', {
          firstResponse: '2026-10-02T10:30',
          returnReceived: '2026-10-05T10:00',
        }),
        // Answered in 3 hours, past the default 2h; nobody has judged whose fault it was.
        afterSalesCase(shopId, 'c2', 'REFUND_ONLY', null, '2026-10-10T09:00', { firstResponse: '2026-10-10T12:00' }),
        afterSalesCase(shopId, 'c3', 'EXCHANGE', 'COURIER', '2026-10-15T20:00', { firstResponse: '2026-10-15T20:10' }),
        // Opened at 23:30 on October's last day in Shanghai: October's, and still unanswered.
        afterSalesCase(shopId, 'c4', 'RETURN_REFUND', 'SERVICE', '2026-10-31T23:30'),
        // Opened in September in UTC, October in Shanghai; answered in exactly 2h, which is within it.
        afterSalesCase(shopId, 'c5', 'QUALITY_COMPLAINT', 'PRODUCT', '2026-10-01T00:30', {
          firstResponse: '2026-10-01T02:30',
        }),
        // October in UTC, November in Shanghai: counts in no October figure.
        afterSalesCase(shopId, 'c6', 'LOGISTICS', 'COURIER', '2026-11-01T00:30', { firstResponse: '2026-11-01T00:40' }),
        // Opened in September, refunded in October: counts for the refund only.
        afterSalesCase(shopId, 'c7', 'RETURN_REFUND', 'BUYER', '2026-09-28T12:00', {
          firstResponse: '2026-09-28T12:05',
          returnReceived: '2026-10-02T08:00',
        }),
      ],
    });
    await harness.prisma.refund.createMany({
      data: [
        refund(shopId, 'c1', 'refund', 'PAID', '99.00', 'CNY', '2026-10-05T10:05', '2026-10-05T16:00'),
        refund(shopId, 'c2', 'refund', 'PAID_MANUALLY', '20.50', 'CNY', '2026-10-10T12:00', '2026-10-11T09:00'),
        refund(shopId, 'c7', 'refund', 'PAID', '100.00', 'CNY', '2026-10-02T08:10', '2026-10-02T20:00'),
        refund(shopId, 'c4', 'refund', 'PAID', '15.25', 'USD', '2026-10-31T23:40', '2026-10-31T23:50'),
        refund(shopId, 'c1', 'refund-first-try', 'FAILED', '99.00', 'CNY', '2026-10-04T10:00'),
        refund(shopId, 'c3', 'refund-last-month', 'FAILED', '10.00', 'CNY', '2026-09-30T23:00'),
        refund(shopId, 'c2', 'platform', 'PAID_BY_PLATFORM', '5.00', 'CNY', '2026-10-19T09:00', '2026-10-20T09:00'),
        refund(shopId, 'c6', 'platform', 'PAID_BY_PLATFORM', '5.00', 'CNY', '2026-10-30T09:00', '2026-11-01T00:30'),
        refund(shopId, 'c6', 'refund', 'PAID', '30.00', 'CNY', '2026-11-01T00:50', '2026-11-01T01:00'),
        refund(shopId, 'c3', 'refund', 'PENDING', '12.00', 'CNY', '2026-10-25T09:00'),
      ],
    });
    await harness.prisma.reviewRepair.createMany({
      data: [
        repair(shopId, 'r1', '2026-10-05T09:00', 'REPAIRED', '2026-10-08T09:00'),
        repair(shopId, 'r2', '2026-09-20T09:00', 'REPAIRED', '2026-10-31T23:40'),
        repair(shopId, 'r3', '2026-10-02T09:00', 'NOT_REPAIRED', '2026-10-09T09:00'),
        repair(shopId, 'r4', '2026-10-03T09:00', 'APPEALED', '2026-10-06T09:00'),
        repair(shopId, 'r5', '2026-10-25T09:00', 'REPAIRED', '2026-11-01T00:20'),
        repair(shopId, 'r6', '2026-10-20T09:00'),
        repair(shopId, 'r7', '2026-09-25T09:00'),
      ],
    });
    await harness.prisma.compensation.createMany({
      data: [
        compensation(shopId, 'c1', 'COUPON', '10.00', 'CNY', '2026-10-03T10:00'),
        compensation(shopId, 'c2', 'COUPON', '15.50', 'CNY', '2026-10-12T10:00'),
        compensation(shopId, 'c3', 'PARTIAL_REFUND', '21.80', 'CNY', '2026-10-14T10:00'),
        compensation(shopId, 'c4', 'REISSUE', null, 'CNY', '2026-10-16T10:00'),
        compensation(shopId, 'c5', 'COUPON', '5.00', 'USD', '2026-10-31T23:30'),
        compensation(shopId, 'c6', 'COUPON', '30.00', 'CNY', '2026-11-01T00:05'),
      ],
    });

    const res = await api.call('GET', `/shops/${shopId}/figures/cases?month=2026-10`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      shopId,
      month: '2026-10',
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-10-31T16:00:00.000Z',
      returnAndRefundRate: {
        ordersPaid: 4,
        returnsAndRefunds: 3,
        rate: 0.75,
        casesOpened: 5,
        byType: { ...zeroTypes, RETURN_REFUND: 2, REFUND_ONLY: 1, EXCHANGE: 1, QUALITY_COMPLAINT: 1 },
        byFault: { COURIER: 1, PRODUCT: 2, SERVICE: 1, UNKNOWN: 1 },
      },
      // 10, 30, 120 and 180 minutes.
      timeToFirstResponse: {
        answered: 4,
        unanswered: 1,
        minutes: { median: 75, average: 85 },
        limit: '2h',
        answeredAfterLimit: 1,
      },
      timeToRefund: {
        paid: 4,
        // 20, 1440, 4680 and 6240 minutes from opening; 360 and 720 from the return's receipt.
        minutesFromOpened: { median: 3060, average: 3095 },
        paidAfterReturn: 2,
        minutesFromReturnReceived: { median: 540, average: 540 },
        byCurrency: [
          { currency: 'CNY', count: 3, totalAmount: '219.50' },
          { currency: 'USD', count: 1, totalAmount: '15.25' },
        ],
        failed: 1,
        paidByPlatform: 1,
      },
      reviewRepair: {
        closed: 4,
        byOutcome: { REPAIRED: 2, NOT_REPAIRED: 1, APPEALED: 1, CANCELLED: 0 },
        successRate: 0.5,
        startedStillOpen: 1,
      },
      compensationPaid: {
        count: 5,
        byOffer: [
          { offer: 'COUPON', currency: 'CNY', count: 2, totalAmount: '25.50' },
          { offer: 'COUPON', currency: 'USD', count: 1, totalAmount: '5.00' },
          { offer: 'PARTIAL_REFUND', currency: 'CNY', count: 1, totalAmount: '21.80' },
          { offer: 'REISSUE', currency: 'CNY', count: 1, totalAmount: '0.00' },
        ],
      },
    });

    // The rows on the far side of Shanghai's midnight belong to November, and only they do.
    const november = await api.call('GET', `/shops/${shopId}/figures/cases?month=2026-11`);
    expect(november.body).toMatchObject({
      returnAndRefundRate: {
        ordersPaid: 1,
        returnsAndRefunds: 0,
        rate: 0,
        casesOpened: 1,
        byType: { ...zeroTypes, LOGISTICS: 1 },
        byFault: { COURIER: 1 },
      },
      timeToFirstResponse: { answered: 1, unanswered: 0, minutes: { median: 10, average: 10 } },
      timeToRefund: {
        paid: 1,
        byCurrency: [{ currency: 'CNY', count: 1, totalAmount: '30.00' }],
        failed: 0,
        paidByPlatform: 1,
      },
      reviewRepair: {
        closed: 1,
        byOutcome: { REPAIRED: 1, NOT_REPAIRED: 0, APPEALED: 0, CANCELLED: 0 },
        successRate: 1,
        startedStillOpen: 0,
      },
      compensationPaid: { count: 1, byOffer: [{ offer: 'COUPON', currency: 'CNY', count: 1, totalAmount: '30.00' }] },
    });
  });

  test("a first response is judged against the shop's own cases.firstResponseWithin", async () => {
    const shopId = newShopId();
    await harness.prisma.shop.create({ data: { shopId, policy: { cases: { firstResponseWithin: '15m' } } } });
    await harness.prisma.afterSalesCase.createMany({
      data: [
        afterSalesCase(shopId, 'c1', 'REISSUE', null, '2026-10-02T10:00', { firstResponse: '2026-10-02T10:15' }),
        afterSalesCase(shopId, 'c2', 'REISSUE', null, '2026-10-02T10:00', { firstResponse: '2026-10-02T10:16' }),
      ],
    });
    const res = await api.call('GET', `/shops/${shopId}/figures/cases?month=2026-10`);
    expect(res.body.timeToFirstResponse).toEqual({
      answered: 2,
      unanswered: 0,
      minutes: { median: 15.5, average: 15.5 },
      limit: '15m',
      answeredAfterLimit: 1,
    });
  });

  test('without a month it answers the current one in the shop zone: zeros, and no rate or duration where nothing was counted', async () => {
    const res = await api.call('GET', `/shops/${newShopId()}/figures/cases`);
    const thisMonth = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
    }).format(new Date());
    const none = { median: null, average: null };
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      month: thisMonth,
      returnAndRefundRate: {
        ordersPaid: 0,
        returnsAndRefunds: 0,
        rate: null,
        casesOpened: 0,
        byType: zeroTypes,
        byFault: {},
      },
      timeToFirstResponse: { answered: 0, unanswered: 0, minutes: none, limit: '2h', answeredAfterLimit: 0 },
      timeToRefund: {
        paid: 0,
        minutesFromOpened: none,
        paidAfterReturn: 0,
        minutesFromReturnReceived: none,
        byCurrency: [],
        failed: 0,
        paidByPlatform: 0,
      },
      reviewRepair: {
        closed: 0,
        byOutcome: { REPAIRED: 0, NOT_REPAIRED: 0, APPEALED: 0, CANCELLED: 0 },
        successRate: null,
        startedStillOpen: 0,
      },
      compensationPaid: { count: 0, byOffer: [] },
    });
  });

  test.each(['2026-13', '7969-12'])('a month that does not exist (%s) gets a 400 naming the field', async (month) => {
    const res = await api.call('GET', `/shops/${newShopId()}/figures/cases?month=${month}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((field: { field: string }) => field.field)).toEqual(['month']);
  });
});
