// Records the histories tests/replay/order-replay.test.ts replays. Run on purpose, not in the
// suite: `npm run record-histories`. Re-record only when a change is meant to be incompatible
// (behind `patched()`); a new scenario gets a new file, old files stay as they are.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { sampleOrder } from '../helpers/orders';
import { startOrderWorkflow, waitUntilRecorded } from '../helpers/order-workflows';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startTimeSkippingServer);

async function record(file: string, paymentMethod: 'ONLINE' | 'CASH_ON_DELIVERY', finish: (handle: WorkflowHandle) => Promise<unknown>) {
  const handle = await startOrderWorkflow(t, sampleOrder({ shopId: 'shop-replay', paymentMethod }));
  await waitUntilRecorded(handle);
  await finish(handle);
  writeFileSync(join(__dirname, 'histories', file), historyToJSON(await handle.fetchHistory()) + '\n');
}

it('records the order scenarios', async () => {
  await record('order-online-cancelled.json', 'ONLINE', async (handle) => { await handle.cancel(); await handle.result(); });
  await record('order-cod-open.json', 'CASH_ON_DELIVERY', async () => {});
});
