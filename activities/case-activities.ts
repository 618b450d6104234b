// Activities of the after-sales case and review-repair workflows that touch the `cases`,
// `case_log`, `compensations` and `review_repairs` tables. Each is idempotent: inserts skip
// existing keys, a log entry's key is its step, updates set values.
import { createHash, randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Prisma } from '../generated/prisma/client';
import type { CaseStatus, CaseType } from '../workflows/definitions';
import type { Locale } from '../workflows/shop-policy';
import { appendCaseLog } from './log-entries';
import { loadShopPolicy } from './shop-settings';
import type { PrismaClient } from './prisma-client';

export interface CaseRef {
  shopId: string;
  caseId: string;
}

/** What a case's rules need to know of its order: nothing that identifies the buyer. */
export interface CaseFacts {
  /** Only in histories recorded before the token was kept out of them (the outbox now reads it at
   *  send time): their replay needs it. */
  accessToken?: string;
  locale: Locale;
  order: { totalAmount: string; currency: string; buyerTier: string; shippedAt?: string; receivedAt?: string };
}

/** Columns of `cases` a rule may set; times are ISO-8601. */
export interface CaseFields {
  status?: CaseStatus;
  fault?: string;
  firstResponseAt?: string;
  decision?: string;
  decidedBy?: string;
  decidedAt?: string;
  returnCourier?: string;
  returnTrackingNumber?: string;
  returnShippedAt?: string;
  returnReceivedAt?: string;
  closedAt?: string;
  closedReason?: string;
}

const TIME_FIELDS = ['firstResponseAt', 'decidedAt', 'returnShippedAt', 'returnReceivedAt', 'closedAt'] as const;

/** A new case's token: long enough not to be guessed, short enough for an SMS link. */
export function newAccessToken(): string {
  return randomBytes(16).toString('base64url');
}

export function createCaseActivities(prisma: PrismaClient) {
  return {
    /**
     * Makes sure the case's row exists (the API writes it first for a case it received; a case the
     * order's workflow opens is written here), dates it by the workflow's clock and returns the
     * order's facts the rules need.
     */
    async recordCase(
      input: CaseRef & {
        orderId: string;
        workflowId: string;
        type: CaseType;
        situation: string;
        requestedAmount?: string;
        channel: string;
        openedBy: string;
        at: string;
      },
    ): Promise<CaseFacts> {
      const { shopId, caseId, orderId, at, ...rest } = input;
      const order = await prisma.order.findUnique({ where: { shopId_orderId: { shopId, orderId } } });
      if (!order)
        throw ApplicationFailure.retryable(
          `No order ${orderId} of shop ${shopId} for case ${caseId}: is this worker connected to the same database as the API?`,
          'MissingOrder',
        );
      // A case the API received has its row already; only one the order's workflow opened is written here.
      const existing = await prisma.afterSalesCase.count({ where: { shopId, caseId } });
      if (!existing)
        await prisma.afterSalesCase.createMany({
          skipDuplicates: true,
          data: {
            shopId,
            caseId,
            orderId,
            workflowId: rest.workflowId,
            type: rest.type,
            status: 'OPEN',
            situation: rest.situation,
            channel: rest.channel,
            openedBy: rest.openedBy,
            locale: (await loadShopPolicy(prisma, shopId)).messages.defaultLocale,
            accessToken: newAccessToken(),
            requestedAmount: rest.requestedAmount ?? null,
            currency: order.currency,
            payloadHash: createHash('sha256').update(JSON.stringify(input)).digest('hex'),
            openedAt: new Date(at),
          },
        });
      const row = await prisma.afterSalesCase.update({
        where: { shopId_caseId: { shopId, caseId } },
        data: { openedAt: new Date(at) },
      });
      // Not the access token: the result enters the workflow's history, and the token is the buyer's credential.
      return {
        locale: row.locale as Locale,
        order: {
          totalAmount: order.totalAmount.toFixed(2),
          currency: order.currency,
          buyerTier: order.buyerTier,
          ...(order.shippedAt ? { shippedAt: order.shippedAt.toISOString() } : {}),
          ...(order.receivedAt ? { receivedAt: order.receivedAt.toISOString() } : {}),
        },
      };
    },

    /** Appends the change to the case's log and sets the columns it changes, in one transaction. */
    async changeCase({
      shopId,
      caseId,
      entryId,
      type,
      at,
      actor,
      data,
      set,
    }: CaseRef & {
      entryId: string;
      type: string;
      at: string;
      actor: string;
      data?: Record<string, string | number | boolean>;
      set?: CaseFields;
    }): Promise<void> {
      const columns: Prisma.AfterSalesCaseUpdateManyMutationInput = { ...set };
      for (const key of TIME_FIELDS) if (set?.[key]) columns[key] = new Date(set[key]);
      await prisma.$transaction([
        appendCaseLog(prisma, {
          shopId,
          caseId,
          entryId,
          kind: 'CHANGE',
          type,
          actor,
          data: { ...data, ...set },
          payloadHash: null,
          at: new Date(at),
        }),
        ...(set ? [prisma.afterSalesCase.updateMany({ where: { shopId, caseId }, data: columns })] : []),
      ]);
    },

    /** A6: what the shop's table gave the buyer, once per case. */
    async recordCompensation({
      at,
      amount,
      ...compensation
    }: CaseRef & {
      id: string;
      orderId: string;
      situation: string;
      offer: string;
      amount?: string;
      currency: string;
      at: string;
    }): Promise<void> {
      await prisma.compensation.createMany({
        skipDuplicates: true,
        data: { ...compensation, amount: amount ?? null, appliedAt: new Date(at) },
      });
    },

    /** R1: a review's repair begins. */
    async startReviewRepair({
      at,
      ...repair
    }: {
      shopId: string;
      orderId: string;
      workflowId: string;
      rating: string;
      at: string;
    }): Promise<void> {
      await prisma.reviewRepair.createMany({ skipDuplicates: true, data: { ...repair, startedAt: new Date(at) } });
    },

    /** R2-R4: what the agent reported and, at the end, how the repair ended. */
    async updateReviewRepair({
      shopId,
      orderId,
      agentResult,
      outcome,
      at,
    }: {
      shopId: string;
      orderId: string;
      agentResult?: string;
      outcome?: 'REPAIRED' | 'NOT_REPAIRED' | 'APPEALED' | 'CANCELLED';
      at: string;
    }): Promise<void> {
      await prisma.reviewRepair.updateMany({
        where: { shopId, orderId },
        data: { ...(agentResult ? { agentResult } : {}), ...(outcome ? { outcome, closedAt: new Date(at) } : {}) },
      });
    },
  };
}
