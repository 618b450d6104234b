// A3/A5/A6 "no refund or compensation exceeds what the buyer paid, whatever path approves it": the
// ledger against the real test database and a real local payment gateway. Examples first, then a
// property: random sequences of refunds, compensations, retries, gateway failures, manual
// payments, voids and the platform's own refunds, with the invariant checked after every step.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { PrismaClient } from '../../activities/prisma-client';
import { createRefundActivities, type RefundRequest } from '../../activities/refund-activities';
import { COMMITTED_REFUND_STATUSES, orderMoney, recordPlatformRefund } from '../../activities/refund-ledger';
import { cents } from '../../workflows/money';
import { testPrisma } from '../helpers/database';
import { keepOrderIntake } from '../../api/order-intake';
import { sampleOrder } from '../helpers/orders';
import { keepPaidOrder } from '../helpers/paid-orders';
import { TEST_ALLOWED_HOSTS } from '../helpers/outbound';
import { runPaymentPeerDuringTests } from '../helpers/payment-peer';

const t = {} as { prisma: PrismaClient };
beforeAll(() => {
  t.prisma = testPrisma();
});
afterAll(() => t.prisma.$disconnect());

const shopId = `shop-ledger-${randomUUID().slice(0, 8)}`;
const peer = runPaymentPeerDuringTests(t, shopId);
const activities = () => createRefundActivities(t.prisma, TEST_ALLOWED_HOSTS);
const AT = '2026-11-23T02:00:00.000Z';

function request(orderId: string, caseNo: number, step: string, amount: string, lineNo?: number): RefundRequest {
  const caseId = `CASE-${caseNo}`;
  return {
    refundId: `case:${shopId}:${orderId}-${caseId}:${step}`,
    shopId,
    caseId: `${orderId}-${caseId}`,
    orderId,
    step,
    amount,
    currency: 'CNY',
    at: AT,
    ...(lineNo ? { lineNo } : {}),
  };
}

/** What the ledger holds against the order (or one of its lines) and what the gateway actually paid out for it, in cents. */
async function moneyOut(orderId: string, lineNo?: number) {
  const rows = await t.prisma.refund.findMany({
    where: { shopId, orderId, status: { in: [...COMMITTED_REFUND_STATUSES] }, ...(lineNo ? { lineNo } : {}) },
  });
  const committed = rows.reduce((sum, row) => sum + cents(row.amount.toFixed(2)), 0);
  const paidOut = peer.refunds
    .filter((refund) => refund.orderId === orderId)
    .reduce((sum, refund) => sum + cents(refund.amount), 0);
  return { committed, paidOut };
}

describe('the refund ledger never holds more than the buyer paid (A3, A5, A6)', () => {
  test('A3 a refund on an order that was never paid is refused, and nothing is written or paid', async () => {
    const order = await keepPaidOrder(t.prisma, shopId, { total: '120.00', paid: null });
    const refund = request(order.orderId, 1, 'refund', '120.00');

    const outcome = await activities().payRefund(refund);

    expect(outcome).toEqual({
      status: 'EXCEEDS_REFUNDABLE',
      providerRefundId: null,
      refused: { reason: 'the order has not been paid', refundable: '0.00' },
    });
    expect(await t.prisma.refund.count({ where: { id: refund.refundId } })).toBe(0);
    expect(peer.requests).toBe(0);
  });

  test('A5 a refund of 9999.00 on a ¥120 order is refused and says what is refundable', async () => {
    const order = await keepPaidOrder(t.prisma, shopId, { total: '120.00' });

    const outcome = await activities().payRefund(request(order.orderId, 1, 'refund', '9999.00'));

    expect(outcome.status).toBe('EXCEEDS_REFUNDABLE');
    expect(outcome.refused).toEqual({
      reason: '9999.00 exceeds what is still refundable: 120.00 of 120.00 paid (0.00 already refunded or in flight)',
      refundable: '120.00',
    });
    expect(peer.refunds).toEqual([]);
  });

  test('A5 two cases of one order asking at the same moment cannot together pay more than was paid', async () => {
    const order = await keepPaidOrder(t.prisma, shopId, { total: '100.00' });
    const [first, second] = await Promise.all([
      activities().payRefund(request(order.orderId, 1, 'refund', '70.00')),
      activities().payRefund(request(order.orderId, 2, 'refund', '70.00')),
    ]);

    expect([first.status, second.status].sort()).toEqual(['EXCEEDS_REFUNDABLE', 'PAID']);
    expect(await moneyOut(order.orderId)).toEqual({ committed: 7000, paidOut: 7000 });
  });

  test('A6 a partial-refund compensation counts against the same paid amount as the refund', async () => {
    const order = await keepPaidOrder(t.prisma, shopId, { total: '100.00' });
    expect((await activities().payRefund(request(order.orderId, 1, 'compensation', '10.00'))).status).toBe('PAID');

    expect((await activities().payRefund(request(order.orderId, 2, 'refund', '100.00'))).refused?.refundable).toBe(
      '90.00',
    );
    expect((await activities().payRefund(request(order.orderId, 2, 'refund', '90.00'))).status).toBe('PAID');
  });

  test('A5 a refund that finally failed holds its amount until a supervisor voids it, which frees it', async () => {
    const order = await keepPaidOrder(t.prisma, shopId, { total: '50.00' });
    const failing = request(order.orderId, 1, 'refund', '50.00');
    peer.refuseNext(400, 'account_closed');
    await expect(activities().payRefund(failing)).rejects.toMatchObject({ type: 'RefundRefused' });
    await activities().recordRefund({ ...failing, status: 'FAILED' });
    expect((await activities().payRefund(request(order.orderId, 2, 'refund', '50.00'))).refused?.refundable).toBe(
      '0.00',
    );

    expect(await activities().recordRefund({ ...failing, status: 'VOIDED' })).toMatchObject({ status: 'VOIDED' });
    expect((await activities().payRefund(failing)).status).toBe('EXCEEDS_REFUNDABLE');
    expect((await activities().payRefund(request(order.orderId, 2, 'refund', '50.00'))).status).toBe('PAID');
  });

  test('A5 a refund the platform made itself is kept in the ledger once, so the gateway does not pay it again', async () => {
    const order = await keepPaidOrder(t.prisma, shopId, { total: '80.00' });
    const platform = { shopId, orderId: order.orderId, refundId: 'TB-RF-1', amount: '80.00', at: new Date(AT) };
    expect(await recordPlatformRefund(t.prisma, platform)).toEqual({});
    expect(await recordPlatformRefund(t.prisma, platform)).toEqual({});

    expect(await orderMoney(t.prisma, shopId, order.orderId)).toMatchObject({
      paid: '80.00',
      committed: '80.00',
      refundable: '0.00',
    });
    expect((await activities().payRefund(request(order.orderId, 1, 'refund', '1.00'))).status).toBe(
      'EXCEEDS_REFUNDABLE',
    );
  });

  test("A5 a case about one item line gets back no more than that line's share of the payment, discounts spread over every line", async () => {
    // Lines of 60.00 and 40.00, a 10.00 coupon: 90.00 paid, the first line's share 54.00.
    const order = sampleOrder({
      shopId,
      items: [
        { sku: 'A', title: 'A', quantity: 1, unitPrice: '60.00' },
        { sku: 'B', title: 'B', quantity: 1, unitPrice: '40.00' },
      ],
      discounts: [{ kind: 'platform_coupon', amount: '10.00' }],
      total: '90.00',
    });
    await keepOrderIntake(t.prisma, order);
    await t.prisma.orderLogEntry.create({
      data: {
        shopId,
        orderId: order.orderId,
        entryId: 'event:pay',
        kind: 'EVENT',
        type: 'paid',
        actor: 'platform',
        data: {},
        at: new Date(order.placedAt),
      },
    });

    expect((await orderMoney(t.prisma, shopId, order.orderId, 1))?.line).toEqual({
      lineNo: 1,
      paid: '54.00',
      committed: '0.00',
      refundable: '54.00',
    });
    expect((await activities().payRefund(request(order.orderId, 1, 'refund', '54.01', 1))).refused?.refundable).toBe(
      '54.00',
    );
    expect((await activities().payRefund(request(order.orderId, 1, 'refund', '54.00', 1))).status).toBe('PAID');
    expect((await activities().payRefund(request(order.orderId, 2, 'refund', '1.00', 1))).status).toBe(
      'EXCEEDS_REFUNDABLE',
    );
    expect((await activities().payRefund(request(order.orderId, 3, 'refund', '36.00', 2))).status).toBe('PAID');
    // A line the order does not have is owed nothing.
    expect((await activities().payRefund(request(order.orderId, 4, 'refund', '0.01', 3))).status).toBe(
      'EXCEEDS_REFUNDABLE',
    );
  });

  test('A5 a manual payment beyond what was paid is refused like any other', async () => {
    const order = await keepPaidOrder(t.prisma, shopId, { total: '20.00' });
    const outcome = await activities().recordRefund({
      ...request(order.orderId, 1, 'refund', '99999.00'),
      status: 'PAID_MANUALLY',
      reference: 'BANK-1',
    });
    expect(outcome.status).toBe('EXCEEDS_REFUNDABLE');
  });

  test('A3/A5/A6 property: after every step of any sequence, the ledger and the gateway hold no more than was paid', async () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('pay' as const),
        caseNo: fc.integer({ min: 1, max: 4 }),
        step: fc.constantFrom('refund', 'compensation'),
        failures: fc.integer({ min: 0, max: 2 }),
      }),
      fc.record({ kind: fc.constant('pay_together' as const), caseNo: fc.integer({ min: 1, max: 3 }) }),
      fc.record({
        kind: fc.constant('fail' as const),
        caseNo: fc.integer({ min: 1, max: 4 }),
        step: fc.constantFrom('refund', 'compensation'),
      }),
      fc.record({
        kind: fc.constant('manual' as const),
        caseNo: fc.integer({ min: 1, max: 4 }),
        step: fc.constantFrom('refund', 'compensation'),
      }),
      fc.record({
        kind: fc.constant('void' as const),
        caseNo: fc.integer({ min: 1, max: 4 }),
        step: fc.constantFrom('refund', 'compensation'),
      }),
      fc.record({
        kind: fc.constant('platform' as const),
        refundNo: fc.integer({ min: 1, max: 3 }),
        share: fc.integer({ min: 1, max: 100 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 30_000 }), { minLength: 2, maxLength: 2 }),
        fc.array(fc.integer({ min: 1, max: 60_000 }), { minLength: 8, maxLength: 8 }),
        fc.array(step, { minLength: 1, maxLength: 12 }),
        async (lineCents, amounts, steps) => {
          const paidCents = lineCents[0] + lineCents[1];
          const order = await keepPaidOrder(t.prisma, shopId, {
            total: (paidCents / 100).toFixed(2),
            linePrices: lineCents.map((c) => (c / 100).toFixed(2)),
          });
          // One amount per case and step, as a workflow's step always asks the same amount again;
          // case 1 is about the first item line, case 2 about the second, the others the whole order.
          const amountOf = (caseNo: number, stepName: string) =>
            (amounts[(caseNo - 1) * 2 + (stepName === 'refund' ? 0 : 1)] / 100).toFixed(2);
          const of = (caseNo: number, stepName: string) =>
            request(order.orderId, caseNo, stepName, amountOf(caseNo, stepName), caseNo <= 2 ? caseNo : undefined);
          const settled = (promise: Promise<unknown>) => promise.catch(() => undefined); // gateway failures are the retry policy's
          for (const s of steps) {
            switch (s.kind) {
              case 'pay':
                if (s.failures) peer.failNext(s.failures, 500);
                for (let attempt = 0; attempt <= s.failures; attempt++)
                  await settled(activities().payRefund(of(s.caseNo, s.step)));
                break;
              case 'pay_together':
                await Promise.all([
                  settled(activities().payRefund(of(s.caseNo, 'refund'))),
                  settled(activities().payRefund(of(s.caseNo + 1, 'refund'))),
                ]);
                break;
              case 'fail':
                await settled(activities().recordRefund({ ...of(s.caseNo, s.step), status: 'FAILED' }));
                break;
              case 'manual':
                await settled(
                  activities().recordRefund({
                    ...of(s.caseNo, s.step),
                    status: 'PAID_MANUALLY',
                    reference: `BANK-${s.caseNo}`,
                  }),
                );
                break;
              case 'void':
                await settled(activities().recordRefund({ ...of(s.caseNo, s.step), status: 'VOIDED' }));
                break;
              case 'platform': {
                // A platform refunds within what is still refundable; beyond it is tested on its own above.
                const { refundable } = (await orderMoney(t.prisma, shopId, order.orderId))!;
                const amount = Math.floor((cents(refundable) * s.share) / 100);
                if (amount > 0)
                  await recordPlatformRefund(t.prisma, {
                    shopId,
                    orderId: order.orderId,
                    refundId: `RF-${s.refundNo}`,
                    amount: (amount / 100).toFixed(2),
                    at: new Date(AT),
                  });
                break;
              }
            }
            const out = await moneyOut(order.orderId);
            expect(out.committed).toBeLessThanOrEqual(paidCents);
            expect(out.paidOut).toBeLessThanOrEqual(paidCents);
            for (const lineNo of [1, 2])
              expect((await moneyOut(order.orderId, lineNo)).committed).toBeLessThanOrEqual(lineCents[lineNo - 1]);
          }
        },
      ),
      { numRuns: 40, seed: 20261201 },
    );
  });
});
