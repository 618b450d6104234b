// The order workflow on Temporal's time-skipping test server, with the real activities writing
// to PostgreSQL.
import { randomUUID } from 'node:crypto';
import { keepOrderIntake } from '../../api/order-intake';
import { createOrderActivities } from '../../activities/order-activities';
import {
  BuyerTierAttribute,
  getOrderStateQuery,
  orderWorkflowId,
  OrderStatusAttribute,
  PaymentMethodAttribute,
  ShopIdAttribute,
} from '../../workflows/definitions';
import { DEFAULT_SHOP_POLICY } from '../../activities/shop-policy-schema';
import { createActivities } from '../../activities';
import { sampleOrder } from '../helpers/orders';
import { sendOrderEvent, startOrderWorkflow, waitUntilRecorded } from '../helpers/order-workflows';
import { eventually } from '../helpers/eventually';
import { TEST_ALLOWED_HOSTS } from '../helpers/outbound';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startTimeSkippingServer, `orders-${randomUUID()}`);
const startOrder = (order: ReturnType<typeof sampleOrder>) => startOrderWorkflow(t, order);

describe('orderWorkflow', () => {
  it('records the order and its items from the intake, and says so in its state', async () => {
    const order = sampleOrder();
    const handle = await startOrder(order);
    const state = await waitUntilRecorded(handle);

    expect(state).toMatchObject({ shopId: order.shopId, orderId: order.orderId, status: 'AWAITING_PAYMENT' });
    const row = await t.prisma.order.findUniqueOrThrow({
      where: { shopId_orderId: { shopId: order.shopId, orderId: order.orderId } },
      include: { items: { orderBy: { lineNo: 'asc' } } },
    });
    expect(row).toMatchObject({
      workflowId: handle.workflowId,
      status: 'AWAITING_PAYMENT',
      buyerName: '张三',
      paymentMethod: 'ONLINE',
    });
    expect(row.totalAmount.toFixed(2)).toBe('109.00');
    expect(row.items.map((i) => [i.sku, i.quantity, i.unitPrice.toFixed(2)])).toEqual([
      ['CUP-500', 2, '49.50'],
      ['LID-1', 1, '10.00'],
    ]);
  });

  it("starts a cash-on-delivery order awaiting the buyer's confirmation (O4)", async () => {
    const order = sampleOrder({ paymentMethod: 'CASH_ON_DELIVERY' });
    const state = await waitUntilRecorded(await startOrder(order));
    expect(state.status).toBe('AWAITING_COD_CONFIRMATION');
    const row = await t.prisma.order.findUniqueOrThrow({
      where: { shopId_orderId: { shopId: order.shopId, orderId: order.orderId } },
    });
    expect(row.status).toBe('AWAITING_COD_CONFIRMATION');
  });

  it('closes as CANCELLED in the database, its state and its search attribute when ops cancel it', async () => {
    const order = sampleOrder();
    const handle = await startOrder(order);
    await waitUntilRecorded(handle);
    await handle.cancel();
    const result = await handle.result();

    expect(result.status).toBe('CANCELLED');
    const row = await t.prisma.order.findUniqueOrThrow({
      where: { shopId_orderId: { shopId: order.shopId, orderId: order.orderId } },
    });
    expect(row.status).toBe('CANCELLED');
    const { typedSearchAttributes } = await handle.describe();
    expect(typedSearchAttributes.get(OrderStatusAttribute)).toBe('CANCELLED');
  });

  it('closes on cancellation even when its order could never be recorded (worker on the wrong database)', async () => {
    const order = sampleOrder();
    const handle = await t.env.client.workflow.start('orderWorkflow', {
      taskQueue: t.worker.options.taskQueue,
      workflowId: orderWorkflowId(order.shopId, order.orderId),
      args: [{ shopId: order.shopId, orderId: order.orderId, policy: DEFAULT_SHOP_POLICY }],
    });
    await t.env.client.workflow.getHandle(handle.workflowId).signal('orderEvent', {
      eventId: 'placed',
      type: 'placed',
      at: order.placedAt,
      by: 'platform',
      paymentMethod: 'ONLINE',
      placedAt: order.placedAt,
      totalAmount: '109.00',
      currency: 'CNY',
      buyerTier: 'REGULAR',
    });
    await t.env.sleep('5 minutes');
    expect((await handle.query(getOrderStateQuery)).recorded).toBe(false);
    await handle.cancel();

    expect(await handle.result()).toMatchObject({ status: 'CANCELLED', recorded: false });
    expect(await t.prisma.order.count({ where: { orderId: order.orderId } })).toBe(0);
  });

  it('sets its own search attributes, whoever started it', async () => {
    const order = sampleOrder({ paymentMethod: 'CASH_ON_DELIVERY' });
    const handle = await startOrder(order);
    await waitUntilRecorded(handle);
    const { typedSearchAttributes } = await handle.describe();
    expect(
      [ShopIdAttribute, PaymentMethodAttribute, OrderStatusAttribute, BuyerTierAttribute].map((key) =>
        typedSearchAttributes.get(key),
      ),
    ).toEqual([order.shopId, 'CASH_ON_DELIVERY', 'AWAITING_COD_CONFIRMATION', 'REGULAR']);
  });
});

describe('events before their order', () => {
  it('keeps an address change that came before the order and applies it once the order is recorded (O6)', async () => {
    const order = sampleOrder();
    const moved = { ...order.shippingAddress, street: '江南大道 2 号' };
    await sendOrderEvent(t, order, 'address_changed', { shippingAddress: moved }, { actor: 'buyer' });
    const handle = await startOrder(order);
    await waitUntilRecorded(handle);
    const row = await eventually(
      () =>
        t.prisma.order.findUniqueOrThrow({
          where: { shopId_orderId: { shopId: order.shopId, orderId: order.orderId } },
        }),
      (r) => (r.shippingAddress as { street: string }).street === '江南大道 2 号',
      'the new address on the order',
    );
    expect(row.status).toBe('AWAITING_PAYMENT');
    expect(
      await t.prisma.orderLogEntry.count({
        where: { orderId: order.orderId, type: 'address_changed', kind: 'CHANGE', flagged: true },
      }),
    ).toBe(1);
  });
});

describe('order activities are idempotent', () => {
  it('writes one order row and one row per item however often recordOrder runs', async () => {
    const order = sampleOrder();
    await keepOrderIntake(t.prisma, order);
    const { recordOrder } = createOrderActivities(t.prisma);
    const ref = {
      shopId: order.shopId,
      orderId: order.orderId,
      workflowId: orderWorkflowId(order.shopId, order.orderId),
      status: 'AWAITING_PAYMENT' as const,
    };
    await Promise.all([recordOrder(ref), recordOrder(ref)]);
    await recordOrder(ref);

    expect(await t.prisma.order.count({ where: { orderId: order.orderId } })).toBe(1);
    expect(await t.prisma.orderItem.count({ where: { orderId: order.orderId } })).toBe(2);
  });

  it('let database errors out with their code only, never the personal data in their message', async () => {
    const order = sampleOrder();
    await keepOrderIntake(t.prisma, order);
    // A workflow id another order already holds makes the write fail.
    const { recordOrder } = createActivities(t.prisma, t.env.client, TEST_ALLOWED_HOSTS);
    const ref = { shopId: order.shopId, orderId: order.orderId, status: 'AWAITING_PAYMENT' as const };
    const taken = sampleOrder();
    await keepOrderIntake(t.prisma, taken);
    await recordOrder({
      shopId: taken.shopId,
      orderId: taken.orderId,
      workflowId: 'order:taken',
      status: 'AWAITING_PAYMENT',
    });

    const failure = await recordOrder({ ...ref, workflowId: 'order:taken' }).catch((err: unknown) => err);
    expect(failure).toMatchObject({
      type: 'PrismaClientKnownRequestError',
      message: expect.stringMatching(/^Database error PrismaClientKnownRequestError P\d{4} /),
    });
    expect(JSON.stringify(failure) + String((failure as Error).message)).not.toMatch(/张三|13800000000|文三路/);
  });

  it('fails retryably when the intake is missing, naming the order and the likely cause', async () => {
    const { recordOrder } = createOrderActivities(t.prisma);
    await expect(
      recordOrder({ shopId: 'shop-test', orderId: 'NEVER-RECEIVED', workflowId: 'x', status: 'AWAITING_PAYMENT' }),
    ).rejects.toMatchObject({
      nonRetryable: false,
      type: 'MissingOrderIntake',
      message: expect.stringMatching(/NEVER-RECEIVED.*same database as the API/),
    });
  });
});
