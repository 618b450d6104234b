// A5 "a refund is paid once, whatever retries happen": the refund activities against the real test
// database and a real local payment gateway that dedupes by Idempotency-Key, the way Temporal
// would call them (the same arguments again for a retry or a repeated step).
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient } from '../../activities/prisma-client';
import { createRefundActivities, type RefundRequest } from '../../activities/refund-activities';
import { testPrisma } from '../helpers/database';
import { PAYMENT_GATEWAY_SECRET, runPaymentPeerDuringTests } from '../helpers/payment-peer';
import { keepPaidOrder } from '../helpers/paid-orders';
import { TEST_ALLOWED_HOSTS } from '../helpers/outbound';
import { startPaymentPeer } from '../peers/payment-peer';

const t = {} as { prisma: PrismaClient };
const shopId = `shop-refunds-${randomUUID().slice(0, 8)}`;
const ORDER_ID = 'TB2001';
beforeAll(async () => {
  t.prisma = testPrisma();
  // Enough paid that no test here meets the ledger's limit; refund-ledger.test.ts tests that limit.
  await keepPaidOrder(t.prisma, shopId, { orderId: ORDER_ID, total: '100000.00' });
});
afterAll(() => t.prisma.$disconnect());

const peer = runPaymentPeerDuringTests(t, shopId);
const activities = () => createRefundActivities(t.prisma, TEST_ALLOWED_HOSTS);

const AT = '2026-11-23T02:00:00.000Z';

function refund(overrides: Partial<RefundRequest> = {}): RefundRequest {
  const caseId = `CASE-${randomUUID().slice(0, 8)}`;
  const shop = overrides.shopId ?? shopId;
  return {
    refundId: `case:${shop}:${caseId}:A5:refund`,
    shopId: shop,
    caseId,
    orderId: ORDER_ID,
    step: 'A5:refund',
    amount: '59.00',
    currency: 'CNY',
    at: AT,
    ...overrides,
  };
}

const row = (request: RefundRequest) => t.prisma.refund.findUniqueOrThrow({ where: { id: request.refundId } });

/** The failure Temporal would see; its message goes into history, so it must not hold the secret or the URL. */
async function failureOf(paying: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await paying.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApplicationFailure)) throw new Error(`expected an ApplicationFailure, got ${String(err)}`);
  expect(err.message).not.toContain(PAYMENT_GATEWAY_SECRET);
  expect(err.message).not.toContain(peer.url);
  return err;
}

describe('payRefund: paid once through the shop’s gateway (A5)', () => {
  test('A5 the first call times out after the gateway made the refund; the retry gets that refund back and nothing is paid twice', async () => {
    const request = refund();
    peer.delayNextResponse(1_500);

    const err = await failureOf(activities().payRefund(request));
    expect(err).toMatchObject({ type: 'RefundGatewayUnavailable', nonRetryable: false });
    expect(err.message).toContain('did not answer within 1000 ms');
    expect(await row(request)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: err.message });

    expect(await activities().payRefund(request)).toEqual({ status: 'PAID', providerRefundId: 're_1' });
    expect(peer.requests).toBe(2);
    expect(peer.refunds).toEqual([
      {
        refundId: 're_1',
        idempotencyKey: request.refundId,
        shopId,
        caseId: request.caseId,
        orderId: 'TB2001',
        amount: '59.00',
        currency: 'CNY',
      },
    ]);
    const paid = await row(request);
    expect(paid).toMatchObject({
      status: 'PAID',
      attempts: 2,
      providerRefundId: 're_1',
      lastError: null,
      requestedAt: new Date(AT),
      paidAt: new Date(AT),
    });
    expect(paid.amount.toFixed(2)).toBe('59.00');
  });

  test('A5 a repeated step after the refund was paid answers from the ledger and calls nothing', async () => {
    const request = refund();
    const first = await activities().payRefund(request);
    const again = await activities().payRefund({ ...request, at: '2026-11-24T00:00:00.000Z' });

    expect(again).toEqual(first);
    expect(peer.requests).toBe(1);
    expect(await row(request)).toMatchObject({ attempts: 1, paidAt: new Date(AT) });
  });

  test('A5 a request signed with another secret is refused by the gateway: final, no refund made', async () => {
    const request = refund();
    await t.prisma.shopPaymentGateway.update({
      where: { shopId },
      data: { secret: 'another-secret-of-sufficient-length' },
    });

    const err = await failureOf(activities().payRefund(request));
    expect(err).toMatchObject({ type: 'RefundRefused', nonRetryable: true });
    expect(err.message).toContain('401: bad_signature');
    expect(peer.refused).toBe(1);
    expect(peer.refunds).toEqual([]);
    expect(await row(request)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: err.message });
  });

  test.each([500, 503, 408, 409, 429])(
    'A5 a %i is retryable, kept in the ledger, and the retry pays once',
    async (status) => {
      const request = refund();
      peer.failNext(1, status);

      const err = await failureOf(activities().payRefund(request));
      expect(err).toMatchObject({
        type: 'RefundGatewayUnavailable',
        nonRetryable: false,
        message: `Payment gateway answered ${status}`,
      });
      expect(await row(request)).toMatchObject({
        status: 'PENDING',
        attempts: 1,
        lastError: `Payment gateway answered ${status}`,
      });

      expect(await activities().payRefund(request)).toMatchObject({ status: 'PAID' });
      expect(peer.refunds).toHaveLength(1);
      expect(await row(request)).toMatchObject({ status: 'PAID', attempts: 2, lastError: null });
    },
  );

  test('A5 a refusal (4xx) is final and names the status and the gateway’s reason', async () => {
    const request = refund();
    peer.refuseNext(422, 'amount_exceeds_payment');

    const err = await failureOf(activities().payRefund(request));
    expect(err).toMatchObject({
      type: 'RefundRefused',
      nonRetryable: true,
      message: 'Payment gateway refused the refund (422: amount_exceeds_payment)',
    });
    expect(peer.refunds).toEqual([]);
    expect(await row(request)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: err.message });
  });

  test('A5 an unreachable gateway is retryable', async () => {
    const request = refund();
    const gone = await startPaymentPeer(PAYMENT_GATEWAY_SECRET);
    await gone.close();
    await t.prisma.shopPaymentGateway.update({ where: { shopId }, data: { url: gone.url } });

    const err = await failureOf(activities().payRefund(request));
    expect(err).toMatchObject({
      type: 'RefundGatewayUnavailable',
      nonRetryable: false,
      message: 'Payment gateway unreachable (ECONNREFUSED)',
    });
  });

  test('A5 a gateway URL on a private address the deployment does not allow is refused before anything is sent: final, and the ledger says why', async () => {
    const request = refund();
    await t.prisma.shopPaymentGateway.update({
      where: { shopId },
      data: { url: peer.url.replace('127.0.0.1', 'localhost') },
    });

    const err = await failureOf(activities().payRefund(request));
    expect(err).toMatchObject({
      type: 'OUTBOUND_URL_REFUSED',
      nonRetryable: true,
      message: "Payment gateway URL refused: must use https (localhost is not among the deployment's allowed hosts)",
    });
    expect(peer.requests).toBe(0);
    expect(await row(request)).toMatchObject({ status: 'PENDING', lastError: err.message });
  });

  test('A5 a shop without a gateway: the refund waits in the ledger, retryable, and says how to configure one', async () => {
    const noGateway = `shop-no-gateway-${randomUUID().slice(0, 8)}`;
    await keepPaidOrder(t.prisma, noGateway, { orderId: ORDER_ID });
    const request = refund({ shopId: noGateway });

    const err = await failureOf(activities().payRefund(request));
    expect(err).toMatchObject({
      type: 'NoPaymentGateway',
      nonRetryable: false,
      message: `Shop ${request.shopId} has no payment gateway: PUT /shops/${request.shopId}/payment-gateway`,
    });
    expect(await row(request)).toMatchObject({ status: 'PENDING', attempts: 0, lastError: err.message });
    expect(peer.requests).toBe(0);
  });

  test('A5 the same refund id with another amount is refused before anything is paid', async () => {
    const request = refund();
    await activities().payRefund(request);

    const err = await failureOf(activities().payRefund({ ...request, amount: '69.00' }));
    expect(err).toMatchObject({ type: 'RefundMismatch', nonRetryable: true });
    expect(peer.requests).toBe(1);
  });
});

describe('recordRefund: how a refund ended outside the gateway (A5)', () => {
  test('A5 a paid refund is never set back: a late FAILED leaves it PAID', async () => {
    const request = refund();
    await activities().payRefund(request);

    expect(await activities().recordRefund({ ...request, status: 'FAILED' })).toEqual({
      status: 'PAID',
      providerRefundId: 're_1',
    });
    expect(await activities().recordRefund({ ...request, status: 'PAID_MANUALLY', reference: 'BANK-1' })).toEqual({
      status: 'PAID',
      providerRefundId: 're_1',
    });
    expect(await row(request)).toMatchObject({ status: 'PAID', providerRefundId: 're_1' });
  });

  test('A5 a refused refund is recorded FAILED, then PAID_MANUALLY with the transfer’s reference, and payRefund then calls nothing', async () => {
    const request = refund();
    peer.refuseNext(403, 'merchant_balance_insufficient');
    await failureOf(activities().payRefund(request));

    expect(await activities().recordRefund({ ...request, status: 'FAILED' })).toEqual({
      status: 'FAILED',
      providerRefundId: null,
    });
    const manual = { ...request, at: '2026-11-23T05:30:00.000Z' };
    expect(
      await activities().recordRefund({ ...manual, status: 'PAID_MANUALLY', reference: 'ALIPAY-TRANSFER-77' }),
    ).toEqual({ status: 'PAID_MANUALLY', providerRefundId: 'ALIPAY-TRANSFER-77' });
    // Repeating the step changes nothing.
    expect(
      await activities().recordRefund({ ...manual, status: 'PAID_MANUALLY', reference: 'ALIPAY-TRANSFER-77' }),
    ).toEqual({ status: 'PAID_MANUALLY', providerRefundId: 'ALIPAY-TRANSFER-77' });
    expect(await row(request)).toMatchObject({
      status: 'PAID_MANUALLY',
      providerRefundId: 'ALIPAY-TRANSFER-77',
      paidAt: new Date(manual.at),
      requestedAt: new Date(AT),
    });

    expect(await activities().payRefund(request)).toEqual({
      status: 'PAID_MANUALLY',
      providerRefundId: 'ALIPAY-TRANSFER-77',
    });
    expect(peer.requests).toBe(1);
  });

  test('A4 a refund the platform made is recorded without a prior ledger row', async () => {
    const request = refund();
    expect(await activities().recordRefund({ ...request, status: 'PAID_BY_PLATFORM' })).toEqual({
      status: 'PAID_BY_PLATFORM',
      providerRefundId: null,
    });
    expect(await row(request)).toMatchObject({ status: 'PAID_BY_PLATFORM', attempts: 0, paidAt: new Date(AT) });
    expect(peer.requests).toBe(0);
  });
});
