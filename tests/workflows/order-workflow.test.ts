// The order workflow on Temporal's time-skipping test server, with the real activities writing
// to PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { keepOrderIntake } from '../../api/order-intake';
import type { PrismaClient } from '../../activities/prisma-client';
import { createOrderActivities } from '../../activities/order-activities';
import { getOrderStateQuery, orderWorkflowId, OrderStatusAttribute } from '../../workflows/definitions';
import type { OrderInput } from '../../api/order-schema';
import { testPrisma } from '../helpers/database';
import { sampleOrder } from '../helpers/orders';
import { createTestWorker, startTimeSkippingServer } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let prisma: PrismaClient;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `orders-${randomUUID()}`;

beforeAll(async () => {
  env = await startTimeSkippingServer();
  prisma = testPrisma();
  worker = await createTestWorker(env, prisma, taskQueue);
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await prisma?.$disconnect();
  await env?.teardown();
});

async function startOrder(order: OrderInput) {
  await keepOrderIntake(prisma, order);
  return env.client.workflow.start('orderWorkflow', {
    taskQueue,
    workflowId: orderWorkflowId(order.shopId, order.orderId),
    args: [{ shopId: order.shopId, orderId: order.orderId, paymentMethod: order.paymentMethod, placedAt: order.placedAt }],
  });
}

async function waitUntilRecorded(handle: Awaited<ReturnType<typeof startOrder>>) {
  for (let i = 0; i < 100; i++) {
    const state = await handle.query(getOrderStateQuery);
    if (state.recorded) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the order was never recorded');
}

describe('orderWorkflow', () => {
  it('records the order and its items from the intake, and says so in its state', async () => {
    const order = sampleOrder();
    const handle = await startOrder(order);
    const state = await waitUntilRecorded(handle);

    expect(state).toMatchObject({ shopId: order.shopId, orderId: order.orderId, status: 'AWAITING_PAYMENT' });
    const row = await prisma.order.findUniqueOrThrow({
      where: { shopId_orderId: { shopId: order.shopId, orderId: order.orderId } },
      include: { items: { orderBy: { lineNo: 'asc' } } },
    });
    expect(row).toMatchObject({ workflowId: handle.workflowId, status: 'AWAITING_PAYMENT', buyerName: '张三', paymentMethod: 'ONLINE' });
    expect(row.totalAmount.toFixed(2)).toBe('109.00');
    expect(row.items.map((i) => [i.sku, i.quantity, i.unitPrice.toFixed(2)])).toEqual([
      ['CUP-500', 2, '49.50'],
      ['LID-1', 1, '10.00'],
    ]);
  });

  it('starts a cash-on-delivery order awaiting the buyer\'s confirmation (O4)', async () => {
    const order = sampleOrder({ paymentMethod: 'CASH_ON_DELIVERY' });
    const state = await waitUntilRecorded(await startOrder(order));
    expect(state.status).toBe('AWAITING_COD_CONFIRMATION');
    const row = await prisma.order.findUniqueOrThrow({ where: { shopId_orderId: { shopId: order.shopId, orderId: order.orderId } } });
    expect(row.status).toBe('AWAITING_COD_CONFIRMATION');
  });

  it('keeps running, without timers of its own yet, across a week of skipped time', async () => {
    const handle = await startOrder(sampleOrder());
    await waitUntilRecorded(handle);
    await env.sleep('7 days');
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('closes as CANCELLED in the database, its state and its search attribute when ops cancel it', async () => {
    const order = sampleOrder();
    const handle = await startOrder(order);
    await waitUntilRecorded(handle);
    await handle.cancel();
    const result = await handle.result();

    expect(result.status).toBe('CANCELLED');
    const row = await prisma.order.findUniqueOrThrow({ where: { shopId_orderId: { shopId: order.shopId, orderId: order.orderId } } });
    expect(row.status).toBe('CANCELLED');
    const { typedSearchAttributes } = await handle.describe();
    expect(typedSearchAttributes.get(OrderStatusAttribute)).toBe('CANCELLED');
  });
});

describe('order activities are idempotent', () => {
  it('writes one order row and one row per item however often recordOrder runs', async () => {
    const order = sampleOrder();
    await keepOrderIntake(prisma, order);
    const { recordOrder } = createOrderActivities(prisma);
    const ref = { shopId: order.shopId, orderId: order.orderId, workflowId: orderWorkflowId(order.shopId, order.orderId), status: 'AWAITING_PAYMENT' as const };
    await Promise.all([recordOrder(ref), recordOrder(ref)]);
    await recordOrder(ref);

    expect(await prisma.order.count({ where: { orderId: order.orderId } })).toBe(1);
    expect(await prisma.orderItem.count({ where: { orderId: order.orderId } })).toBe(2);
  });

  it('fails without retrying when the intake is missing, naming the order', async () => {
    const { recordOrder } = createOrderActivities(prisma);
    await expect(recordOrder({ shopId: 'shop-test', orderId: 'NEVER-RECEIVED', workflowId: 'x', status: 'AWAITING_PAYMENT' })).rejects.toMatchObject({
      nonRetryable: true,
      message: expect.stringContaining('NEVER-RECEIVED'),
    });
  });
});
