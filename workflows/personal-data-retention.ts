// PIPL/GDPR retention: once a day (the schedule in worker/retention-schedule.ts) every shop's
// orders past the shop's retention lose their buyers' personal data. One activity call per batch of
// a shop, so a crash resumes where it stopped; a batch that erased nothing (its orders still run)
// ends that shop's turn until tomorrow.
import { proxyActivities } from '@temporalio/workflow';
import type { PrivacyActivities } from '../activities';
import { RECORDS } from './activity-options';

// A batch rewrites a few hundred orders' rows, longer than one record.
const { shopsWithOrders, erasePersonalDataDue } = proxyActivities<PrivacyActivities>({
  ...RECORDS,
  startToCloseTimeout: '10 minutes',
});

export async function personalDataRetention(): Promise<{ shops: number; ordersErased: number }> {
  // One instant for every shop of this run, on the workflow's (deterministic) clock.
  const at = new Date(Date.now()).toISOString();
  const shops = await shopsWithOrders();
  let ordersErased = 0;
  for (const shopId of shops) {
    for (;;) {
      const batch = await erasePersonalDataDue({ shopId, at });
      ordersErased += batch.erased;
      if (!batch.more || batch.erased === 0) break;
    }
  }
  return { shops: shops.length, ordersErased };
}
