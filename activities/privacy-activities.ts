// The retention sweep's activities: which shops have orders, and one batch of a shop's erasure by
// that shop's own policy (privacy.erasePersonalDataAfter). Results carry counts only.
import type { Client } from '@temporalio/client';
import { durationMs } from '../workflows/shop-policy';
import { erasePersonalDataOlderThan, type ErasureCounts } from './personal-data-erasure';
import type { PrismaClient } from './prisma-client';
import { runningWorkflows } from './running-workflows';
import { loadShopPolicy } from './shop-settings';

export function createPrivacyActivities(prisma: PrismaClient, temporal: Client) {
  const running = runningWorkflows(temporal);
  return {
    /** Every shop with an order, whether or not it changed the default policy. */
    async shopsWithOrders(): Promise<string[]> {
      const rows = await prisma.order.findMany({
        distinct: ['shopId'],
        select: { shopId: true },
        orderBy: { shopId: 'asc' },
      });
      return rows.map((row) => row.shopId);
    },

    /** One batch of the shop's orders past its retention at `at` (the workflow's clock). */
    async erasePersonalDataDue({
      shopId,
      at,
    }: {
      shopId: string;
      at: string;
    }): Promise<{ counts: ErasureCounts; erased: number; more: boolean }> {
      const policy = await loadShopPolicy(prisma, shopId);
      const before = new Date(Date.parse(at) - durationMs(policy.privacy.erasePersonalDataAfter));
      const result = await erasePersonalDataOlderThan(prisma, { shopId, before }, running);
      return { counts: result.counts, erased: result.erased.length, more: result.more };
    },
  };
}
