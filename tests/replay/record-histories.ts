// Records the histories tests/replay/order-replay.test.ts replays. Run on purpose, not in the
// suite: `npm run record-histories`. Re-record only when a change is meant to be incompatible
// (behind `patched()`); a new scenario gets a new file, old files stay as they are.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { keepOrderIntake } from '../../api/order-intake';
import type { PrismaClient } from '../../activities/prisma-client';
import { getOrderStateQuery, orderWorkflowId } from '../../workflows/definitions';
import { testPrisma } from '../helpers/database';
import { sampleOrder } from '../helpers/orders';
import { createTestWorker, startTimeSkippingServer } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let prisma: PrismaClient;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  env = await startTimeSkippingServer();
  prisma = testPrisma();
  worker = await createTestWorker(env, prisma);
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await prisma?.$disconnect();
  await env?.teardown();
});

async function record(file: string, paymentMethod: 'ONLINE' | 'CASH_ON_DELIVERY', finish: (handle: WorkflowHandle) => Promise<unknown>) {
  const order = sampleOrder({ shopId: 'shop-replay', paymentMethod });
  await keepOrderIntake(prisma, order);
  const handle = await env.client.workflow.start('orderWorkflow', {
    taskQueue: worker.options.taskQueue,
    workflowId: orderWorkflowId(order.shopId, order.orderId),
    args: [{ shopId: order.shopId, orderId: order.orderId, paymentMethod: order.paymentMethod, placedAt: order.placedAt }],
  });
  while (!(await handle.query(getOrderStateQuery)).recorded) await new Promise((r) => setTimeout(r, 100));
  await finish(handle);
  writeFileSync(join(__dirname, 'histories', file), historyToJSON(await handle.fetchHistory()) + '\n');
}

it('records the order scenarios', async () => {
  await record('order-online-cancelled.json', 'ONLINE', async (handle) => { await handle.cancel(); await handle.result(); });
  await record('order-cod-open.json', 'CASH_ON_DELIVERY', async () => {});
});
