// End to end on real parts: the HTTP API, the Temporal CLI's dev server, the production worker
// and PostgreSQL. Asserts the row, the workflow's query and its search attributes.
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createApp } from '../../api/app';
import { createPrismaClient } from '../../activities/prisma-client';
import { sampleOrder, sampleOrderBody } from '../helpers/orders';
import { keepOrderIntake } from '../../api/order-intake';
import { DEFAULT_SHOP_POLICY } from '../../activities/shop-policy-schema';
import { createOrderActivities } from '../../activities/order-activities';
import { eventually } from '../helpers/eventually';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';
import { serveApiDuringTests, type Json } from '../helpers/api-server';
import { temporalWorkflowList as workflowList } from '../helpers/temporal-cli';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const call = api.call;

const temporalWorkflowList = (query: string) => workflowList(t.env.address, query);

describe('POST /orders -> Temporal -> worker -> PostgreSQL', () => {
  const shopId = `shop-${randomUUID().slice(0, 8)}`;
  const order = sampleOrderBody({ shopId });
  const path = `/orders/${shopId}/${order.orderId}`;

  it('reports Temporal and the database reachable and the worker polling', async () => {
    const health = await eventually(
      () => call('GET', '/health'),
      (h) => h.status === 200,
      'a healthy answer',
    );
    expect(health.body).toMatchObject({
      status: 'ok',
      temporal: { ok: true },
      database: { ok: true },
      worker: { ok: true },
    });
  });

  it('starts one workflow per order and records its row', async () => {
    const created = await call('POST', '/orders', order);
    expect(created).toMatchObject({
      status: 201,
      body: { workflowId: `order:${shopId}:${order.orderId}`, created: true },
    });

    const view = await eventually(
      () => call('GET', path),
      (v) => v.body.workflow?.recorded === true,
      'the order row',
    );
    expect(view.status).toBe(200);
    expect(view.body.order).toMatchObject({
      shopId,
      orderId: order.orderId,
      status: 'AWAITING_PAYMENT',
      buyerName: '张三',
      totalAmount: '109.00',
    });
    expect(view.body.order.items.map((i: Json) => [i.lineNo, i.sku, i.quantity, i.unitPrice])).toEqual([
      [1, 'CUP-500', 2, '49.50'],
      [2, 'LID-1', 1, '10.00'],
    ]);
    expect(view.body.workflow).toMatchObject({
      status: 'AWAITING_PAYMENT',
      placed: { paymentMethod: 'ONLINE' },
      recorded: true,
    });
  });

  it('answers a repeated POST with the same workflow, starting nothing and writing nothing', async () => {
    const first = await call('GET', path);
    const again = await call('POST', '/orders', order);
    expect(again).toMatchObject({
      status: 200,
      body: { workflowId: `order:${shopId}:${order.orderId}`, created: false },
    });
    const runs = await temporalWorkflowList(`WorkflowId = "order:${shopId}:${order.orderId}"`);
    expect(runs).toHaveLength(1);
    expect(await t.prisma.order.count({ where: { shopId } })).toBe(1);
    expect(await t.prisma.orderIntake.count({ where: { shopId } })).toBe(1);
    expect((await call('GET', path)).body.order.createdAt).toBe(first.body.order.createdAt);
  });

  it('treats the same amounts written differently as the same order', async () => {
    const again = await call('POST', '/orders', {
      ...order,
      total: 109,
      items: order.items.map((i: Json) => ({ ...i, unitPrice: Number(i.unitPrice) })),
    });
    expect(again).toMatchObject({ status: 200, body: { created: false } });
  });

  it('refuses a different order that reuses the id, keeping the first', async () => {
    const conflict = await call('POST', '/orders', {
      ...order,
      items: [{ sku: 'X', title: 'X', quantity: 1, unitPrice: '1.00' }],
      total: '1.00',
    });
    expect(conflict).toMatchObject({
      status: 409,
      body: { error: { code: 'order_conflict', fields: [{ field: 'orderId' }] } },
    });
    expect((await call('GET', path)).body.order.totalAmount).toBe('109.00');
  });

  it('lets ops find the order by its search attributes', async () => {
    const found = await eventually(
      () =>
        temporalWorkflowList(`ShopId = "${shopId}" AND OrderStatus = "AWAITING_PAYMENT" AND PaymentMethod = "ONLINE"`),
      (list) => list.length === 1,
      'the visibility record',
    );
    expect(found[0].execution.workflowId).toBe(`order:${shopId}:${order.orderId}`);
  });
});

describe('orders whose first POST did not get as far as a workflow', () => {
  it('starts the first version when a different one arrives, and answers 409', async () => {
    const first = sampleOrder({ shopId: `shop-${randomUUID().slice(0, 8)}` });
    await keepOrderIntake(t.prisma, first); // the first POST stored it, then failed to reach Temporal
    const conflict = await call('POST', '/orders', {
      ...sampleOrderBody(first),
      items: [{ sku: 'X', title: 'X', quantity: 1, unitPrice: '1.00' }],
      total: '1.00',
    });
    expect(conflict.status).toBe(409);

    const view = await eventually(
      () => call('GET', `/orders/${first.shopId}/${first.orderId}`),
      (v) => v.body.order !== null,
      "the first version's row",
    );
    expect(view.body.order.totalAmount).toBe('109.00');
  });

  it('does not start a closed order again once Temporal has forgotten its workflow', async () => {
    const closed = sampleOrder({ shopId: `shop-${randomUUID().slice(0, 8)}` });
    await keepOrderIntake(t.prisma, closed);
    const { recordOrder, changeOrder } = createOrderActivities(t.prisma);
    await recordOrder({
      shopId: closed.shopId,
      orderId: closed.orderId,
      workflowId: `order:${closed.shopId}:${closed.orderId}`,
      status: 'AWAITING_PAYMENT',
    });
    await changeOrder({
      shopId: closed.shopId,
      orderId: closed.orderId,
      entryId: 'test:closed',
      type: 'status CANCELLED',
      at: new Date().toISOString(),
      actor: 'test',
      set: { status: 'CANCELLED' },
    });

    const again = await call('POST', '/orders', sampleOrderBody(closed));
    expect(again).toMatchObject({
      status: 200,
      body: { created: false, runId: null, message: expect.stringContaining('CANCELLED') },
    });
    expect(await temporalWorkflowList(`ShopId = "${closed.shopId}"`)).toHaveLength(0);
    await expect(
      t.env.client.workflow.getHandle(`order:${closed.shopId}:${closed.orderId}`).describe(),
    ).rejects.toThrow(/not found/i);
  });
});

describe('GET when no worker answers', () => {
  it('still shows the stored order, and says why the workflow state is missing', async () => {
    const order = sampleOrder({ shopId: `shop-${randomUUID().slice(0, 8)}` });
    // A workflow on a task queue nobody polls stands for an order whose worker is down.
    await t.env.client.workflow.start('orderWorkflow', {
      taskQueue: `nobody-${randomUUID()}`,
      workflowId: `order:${order.shopId}:${order.orderId}`,
      args: [{ shopId: order.shopId, orderId: order.orderId, policy: DEFAULT_SHOP_POLICY }],
    });
    const res = await call('GET', `/orders/${order.shopId}/${order.orderId}`);
    expect(res).toMatchObject({
      status: 200,
      body: { order: null, workflow: null, workflowError: expect.stringContaining('is a worker running?') },
    });
  });
});

describe('health when the database is down', () => {
  it('answers 503 and names the database', async () => {
    const unreachable = createPrismaClient('postgresql://nobody:nothing@127.0.0.1:1/none');
    const app = createApp({ temporal: t.env.client, prisma: unreachable, logger: pino({ level: 'silent' }) }).listen(
      0,
      '127.0.0.1',
    );
    await new Promise((resolve) => app.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        status: 'unavailable',
        temporal: { ok: true },
        database: { ok: false, error: expect.any(String) },
      });
    } finally {
      await new Promise((resolve) => app.close(resolve));
      await unreachable.$disconnect();
    }
  });
});

describe('bad requests', () => {
  it('names each invalid field with a 400 and stores nothing', async () => {
    const shopId = `shop-${randomUUID().slice(0, 8)}`;
    const res = await call('POST', '/orders', sampleOrderBody({ shopId, total: '-1', buyer: { id: 'b' } }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['buyer.name', 'total']);
    expect(await t.prisma.orderIntake.count({ where: { shopId } })).toBe(0);
  });

  it('answers malformed JSON with a 400 naming the body', async () => {
    const res = await call('POST', '/orders', '{"shopId": ');
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_json', fields: [{ field: '(body)' }] } },
    });
  });

  it('answers an unknown order with a 404 and a bad id with a 400', async () => {
    expect(await call('GET', '/orders/shop-x/NOPE')).toMatchObject({
      status: 404,
      body: { error: { code: 'order_not_found' } },
    });
    expect(await call('GET', '/orders/shop-x/bad%20id')).toMatchObject({
      status: 400,
      body: { error: { fields: [{ field: 'orderId' }] } },
    });
  });
});
