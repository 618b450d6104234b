// A5: a refund is paid once, whatever retries happen. The ledger row (`refunds`) is written before
// the gateway is called and its id, `<workflow id>:<step>`, is the gateway's Idempotency-Key, so
// a retried attempt, a repeated step or a retry after a lost answer either finds the row paid and
// calls nothing, or calls again with the same key and gets the first refund back. A paid row is
// never set back: a late FAILED after a supervisor paid by hand changes nothing. A new row is
// written only if it fits in what the buyer paid and has not had back (refund-ledger.ts); one
// that does not is refused, as an outcome the workflow hands to the supervisor.
import { ApplicationFailure } from '@temporalio/common';
import type { Refund } from '../generated/prisma/client';
import { openSecret } from '../config/secret-box';
import { orderConnector } from './connector-context';
import { refundThroughConnector } from './connector-refunds';
import { requestRefund } from './payments/refund-gateway';
import type { PrismaClient } from './prisma-client';
import { refusal, withOrderLedger } from './refund-ledger';

export type PaidRefundStatus = 'PAID' | 'PAID_MANUALLY' | 'PAID_BY_PLATFORM';
/** The ledger would not take the refund: more than the order's buyer paid and has not had back. */
export type RefusedRefundStatus = 'EXCEEDS_REFUNDABLE';

export interface RefundRequest {
  /** `<workflow id>:<step>`: the ledger's key and the gateway's Idempotency-Key. */
  refundId: string;
  /** The order's item line it pays back (1-based), when the case is about one: it is capped by that line's share too. */
  lineNo?: number;
  shopId: string;
  caseId: string;
  orderId: string;
  step: string;
  /** Decimal string with two places, e.g. "59.00". */
  amount: string;
  currency: string;
  /** The workflow's clock (ISO-8601), so a replayed step records the same times. */
  at: string;
}

/** What a step learns; strings and amounts only, as it goes into Temporal's history. */
export interface RefundOutcome<S extends string> {
  status: S;
  providerRefundId: string | null;
  /** When refused: why, and what is still refundable on the order. */
  refused?: { reason: string; refundable: string };
}

export type RecordedRefundStatus = 'FAILED' | 'PAID_MANUALLY' | 'PAID_BY_PLATFORM' | 'VOIDED';

const PAID_STATUSES: readonly PaidRefundStatus[] = ['PAID', 'PAID_MANUALLY', 'PAID_BY_PLATFORM'];
const isPaid = (status: string): status is PaidRefundStatus => (PAID_STATUSES as readonly string[]).includes(status);
/** Rows a new result may still be written over. */
const UNPAID = { in: ['PENDING' as const, 'FAILED' as const] };

function checkRequest(request: RefundRequest): void {
  // Decimal(12, 2): a workflow passing anything else is a bug no retry fixes.
  if (!/^\d{1,10}\.\d{2}$/.test(request.amount) || Number(request.amount) <= 0) {
    throw ApplicationFailure.nonRetryable(
      `Refund ${request.refundId}: amount must be a positive decimal with two places, not "${request.amount}"`,
      'InvalidRefund',
    );
  }
  if (!/^[A-Z]{3}$/.test(request.currency)) {
    throw ApplicationFailure.nonRetryable(
      `Refund ${request.refundId}: currency must be an ISO 4217 code, not "${request.currency}"`,
      'InvalidRefund',
    );
  }
}

export function createRefundActivities(prisma: PrismaClient, outboundAllowedHosts: readonly string[]) {
  /**
   * The step's ledger row, written if this is its first attempt and it fits in what is refundable,
   * and checked to be the same refund; or why it was refused.
   */
  async function ledgerRow(
    request: RefundRequest,
    { moneyMoved = false } = {},
  ): Promise<Refund | { refused: { reason: string; refundable: string } }> {
    checkRequest(request);
    const { refundId, shopId, caseId, orderId, step, amount, currency, at, lineNo } = request;
    const refused = await withOrderLedger(prisma, shopId, orderId, lineNo, async (tx, money) => {
      if (await tx.refund.count({ where: { id: refundId } })) return undefined;
      // Money the platform already paid back is recorded whatever it was, so it is never paid again.
      const reason = moneyMoved ? undefined : refusal(money, amount);
      if (reason) return { reason, refundable: money?.line?.refundable ?? money?.refundable ?? '0.00' };
      await tx.refund.createMany({
        skipDuplicates: true,
        data: {
          id: refundId,
          shopId,
          caseId,
          orderId,
          lineNo: lineNo ?? null,
          step,
          amount,
          currency,
          status: 'PENDING',
          requestedAt: new Date(at),
        },
      });
      return undefined;
    });
    if (refused) return { refused };
    const row = await prisma.refund.findUnique({ where: { id: refundId } });
    if (!row) {
      // The (shop, case, step) row exists under another key: paying under this one could pay twice.
      throw ApplicationFailure.nonRetryable(
        `Refund ${step} of case ${caseId} (shop ${shopId}) is in the ledger under another id than ${refundId}`,
        'RefundKeyConflict',
      );
    }
    // The same key with another amount would be refused by the gateway, or worse, taken as the first.
    if (!row.amount.equals(amount) || row.currency !== currency || row.orderId !== orderId || row.caseId !== caseId) {
      throw ApplicationFailure.nonRetryable(
        `Refund ${refundId} is in the ledger as ${row.amount.toFixed(2)} ${row.currency} for order ${row.orderId}, not ${amount} ${currency} for order ${orderId}`,
        'RefundMismatch',
      );
    }
    return row;
  }

  const outcome = <S extends string>(row: Refund): RefundOutcome<S> => ({
    status: row.status as S,
    providerRefundId: row.providerRefundId,
  });
  const refusedOutcome = (refused: { reason: string; refundable: string }): RefundOutcome<RefusedRefundStatus> => ({
    status: 'EXCEEDS_REFUNDABLE',
    providerRefundId: null,
    refused,
  });

  return {
    /**
     * Pays the refund through the shop's gateway, once. Retryable failures (gateway unreachable,
     * slow or 5xx, no gateway configured) are left to Temporal's retry policy; a refusal is final
     * and the workflow decides (a supervisor's task, then recordRefund).
     */
    async payRefund(request: RefundRequest): Promise<RefundOutcome<PaidRefundStatus | RefusedRefundStatus>> {
      const row = await ledgerRow(request);
      if ('refused' in row) return refusedOutcome(row.refused);
      if (isPaid(row.status)) return outcome<PaidRefundStatus>(row);
      // A voided refund is given up; paying it now would pay what may already be someone else's.
      if (row.status === 'VOIDED') return refusedOutcome({ reason: 'this refund was voided', refundable: '0.00' });
      const { refundId, shopId, caseId, orderId, amount, currency, at } = request;
      const fail = async (err: unknown): Promise<never> => {
        const message = err instanceof Error ? err.message : String(err);
        await prisma.refund.updateMany({ where: { id: refundId, status: UNPAID }, data: { lastError: message } });
        throw err;
      };

      // An order that came through a marketplace's connector is refunded by the marketplace.
      const connectorRow = await orderConnector(prisma, shopId, orderId);
      const gateway = connectorRow ? null : await prisma.shopPaymentGateway.findUnique({ where: { shopId } });
      // Retryable: the refund waits (visible as a pending activity) until the shop configures one.
      if (!connectorRow && !gateway)
        return fail(
          ApplicationFailure.retryable(
            `Shop ${shopId} has no payment gateway: PUT /shops/${shopId}/payment-gateway`,
            'NoPaymentGateway',
          ),
        );
      await prisma.refund.update({ where: { id: refundId }, data: { attempts: { increment: 1 } } });
      let paidAs: { providerRefundId: string; status: 'PAID' | 'PAID_BY_PLATFORM' };
      try {
        paidAs = connectorRow
          ? await refundThroughConnector(prisma, connectorRow, outboundAllowedHosts, {
              refundId,
              orderId,
              caseId,
              amount,
              currency,
            })
          : {
              status: 'PAID',
              ...(await requestRefund(
                { ...gateway!, secret: openSecret(gateway!.secret) },
                { idempotencyKey: refundId, shopId, caseId, orderId, amount, currency },
                outboundAllowedHosts,
              )),
            };
      } catch (err) {
        return fail(err);
      }
      const { providerRefundId } = paidAs;

      const paid = await prisma.refund.updateMany({
        where: { id: refundId, status: { in: ['PENDING', 'FAILED', paidAs.status] } },
        data: { status: paidAs.status, providerRefundId, paidAt: new Date(at), lastError: null },
      });
      if (paid.count === 0) {
        // Recorded as paid by hand or by the platform while this call was out: the buyer may have
        // had the money twice, which only a person can sort out. The row keeps what was recorded.
        await prisma.refund.update({
          where: { id: refundId },
          data: { lastError: `The gateway also paid this refund as ${providerRefundId}: check for a double refund` },
        });
        return outcome<PaidRefundStatus>(await prisma.refund.findUniqueOrThrow({ where: { id: refundId } }));
      }
      return { status: paidAs.status, providerRefundId };
    },

    /**
     * Records how a refund ended outside the gateway: FAILED (retries exhausted or refused, a
     * supervisor's task follows), PAID_MANUALLY (a supervisor paid it, `reference` being the
     * transfer's), PAID_BY_PLATFORM (A4) or VOIDED (a supervisor gave it up, which frees its
     * amount). Returns the row's final status, which stays the paid one if it was already paid.
     */
    async recordRefund({
      status,
      reference,
      ...request
    }: RefundRequest & { status: RecordedRefundStatus; reference?: string }): Promise<
      RefundOutcome<'FAILED' | 'VOIDED' | PaidRefundStatus | RefusedRefundStatus>
    > {
      if (status === 'VOIDED') {
        // Nothing to free when the ledger never took it.
        await prisma.refund.updateMany({ where: { id: request.refundId, status: UNPAID }, data: { status } });
        const row = await prisma.refund.findUnique({ where: { id: request.refundId } });
        return row ? outcome(row) : { status: 'VOIDED', providerRefundId: null };
      }
      const row = await ledgerRow(request, { moneyMoved: status === 'PAID_BY_PLATFORM' });
      if ('refused' in row) return refusedOutcome(row.refused);
      await prisma.refund.updateMany({
        where: { id: request.refundId, status: UNPAID },
        data: {
          status,
          ...(isPaid(status) ? { paidAt: new Date(request.at) } : {}),
          ...(reference ? { providerRefundId: reference } : {}),
        },
      });
      return outcome<'FAILED' | PaidRefundStatus>(
        await prisma.refund.findUniqueOrThrow({ where: { id: request.refundId } }),
      );
    },
  };
}
