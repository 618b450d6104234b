// An order's life through the HTTP API on the Temporal dev server with the production worker and
// PostgreSQL: placed, paid, shipped, delivered, received, and its timeline; bad and repeated
// events; an event before its order; and ops finding the late-to-ship orders with the CLI.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { serveApiDuringTests, type Json } from '../helpers/api-server';
import { eventually } from '../helpers/eventually';
import { sampleOrderBody } from '../helpers/orders';
import { startDevServer } from '../helpers/temporal';
import { temporalWorkflowList } from '../helpers/temporal-cli';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const { call } = serveApiDuringTests(t);
const HOUR = 3_600_000;

const shopId = `shop-${randomUUID().slice(0, 8)}`;
const iso = (at: number) => new Date(at).toISOString();
const event = (eventId: string, type: string, data: Json = {}, extra: Json = {}) => ({
  eventId,
  type,
  occurredAt: iso(Date.now()),
  data,
  ...extra,
});
const post = (orderId: string, body: Json) => call('POST', `/orders/${shopId}/${orderId}/events`, body);
const view = (orderId: string) => call('GET', `/orders/${shopId}/${orderId}`);
const statusOf = (orderId: string, status: string) =>
  eventually(
    () => view(orderId),
    (v) => v.body.workflow?.status === status,
    `${orderId} to be ${status}`,
  );

describe('an order from placed to received, through the API', () => {
  const order = sampleOrderBody({ shopId, placedAt: iso(Date.now()) });
  const { orderId } = order;
  const paid = event('pay-1', 'paid');

  it('places, pays, ships, delivers and confirms receipt, and the timeline tells it in order', async () => {
    expect(await call('POST', '/orders', order)).toMatchObject({ status: 201 });
    await statusOf(orderId, 'AWAITING_PAYMENT');
    expect(await post(orderId, paid)).toMatchObject({
      status: 202,
      body: { eventId: 'pay-1', workflowId: `order:${shopId}:${orderId}`, duplicate: false, delivered: true },
    });
    const awaiting = await statusOf(orderId, 'AWAITING_SHIPMENT');
    expect(awaiting.body.workflow.deadlines).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'O8', what: 'ship by the cut-off' })]),
    );

    await post(
      orderId,
      event('ship-1', 'shipped', { courier: '顺丰速运', trackingNumber: 'SF1234567890' }, { actor: 'warehouse-chen' }),
    );
    await statusOf(orderId, 'SHIPPED');
    await post(orderId, event('deliver-1', 'delivered', {}, { actor: 'courier' }));
    await statusOf(orderId, 'DELIVERED');
    await post(orderId, event('receipt-1', 'receipt_confirmed', {}, { actor: 'buyer' }));
    const received = await statusOf(orderId, 'RECEIVED');
    expect(received.body.order).toMatchObject({
      status: 'RECEIVED',
      courier: '顺丰速运',
      trackingNumber: 'SF1234567890',
    });
    expect(received.body.workflow.deadlines).toEqual([
      expect.objectContaining({ rule: 'O11', what: 'review window closes' }),
    ]);

    const timeline = await call('GET', `/orders/${shopId}/${orderId}/timeline`);
    expect(timeline.status).toBe(200);
    const entries = timeline.body.entries.map((e: Json) => `${e.kind} ${e.type} by ${e.actor}`);
    const expected = [
      'EVENT placed by platform',
      'EVENT paid by platform',
      'CHANGE status AWAITING_SHIPMENT by workflow',
      'EVENT shipped by warehouse-chen',
      'CHANGE status SHIPPED by warehouse-chen',
      'EVENT delivered by courier',
      'CHANGE status DELIVERED by courier',
      'EVENT receipt_confirmed by buyer',
      'CHANGE status RECEIVED by buyer',
    ];
    expect(entries.filter((entry: string) => expected.includes(entry))).toEqual(expected);
  });

  it('answers a repeated event the same, with one effect, and refuses another event under its id', async () => {
    const again = await post(orderId, paid);
    expect(again).toMatchObject({
      status: 200,
      body: { eventId: 'pay-1', workflowId: `order:${shopId}:${orderId}`, duplicate: true },
    });
    const timeline = await call('GET', `/orders/${shopId}/${orderId}/timeline`);
    expect(timeline.body.entries.filter((e: Json) => e.type === 'paid')).toHaveLength(1);
    expect((await view(orderId)).body.workflow.eventIds.filter((id: string) => id === 'pay-1')).toHaveLength(1);

    const reused = await post(orderId, { ...paid, type: 'cancelled' });
    expect(reused).toMatchObject({
      status: 409,
      body: { error: { code: 'event_conflict', fields: [{ field: 'eventId' }] } },
    });
  });

  it('refuses a malformed event with a 400 naming each bad field, and keeps nothing of it', async () => {
    const res = await post(orderId, {
      eventId: 'bad id!',
      type: 'shipped',
      occurredAt: 'yesterday',
      data: { courier: '顺丰速运', trackingNumber: '#1' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: Json) => f.field).sort()).toEqual(['eventId', 'occurredAt']);
    const badData = await post(orderId, event('ship-2', 'shipped', { courier: '顺丰速运', trackingNumber: '#1' }));
    expect(badData).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'data.trackingNumber' }] } } });
    expect(await post(orderId, event('x-1', 'teleported'))).toMatchObject({
      status: 400,
      body: { error: { fields: [{ field: 'type' }] } },
    });
    const timeline = await call('GET', `/orders/${shopId}/${orderId}/timeline`);
    expect(timeline.body.entries.some((e: Json) => e.entryId === 'event:ship-2')).toBe(false);
  });
});

describe('an event that comes before its order', () => {
  it('is kept and starts no workflow; the order, when it arrives, goes on with it', async () => {
    const order = sampleOrderBody({ shopId, placedAt: iso(Date.now()) });
    const early = await post(order.orderId, event('pay-early', 'paid'));
    expect(early).toMatchObject({
      status: 202,
      body: { delivered: false, message: expect.stringContaining('has not been received yet') },
    });
    await expect(t.env.client.workflow.getHandle(`order:${shopId}:${order.orderId}`).describe()).rejects.toThrow(
      WorkflowNotFoundError,
    );

    expect(await call('POST', '/orders', order)).toMatchObject({ status: 201 });
    await statusOf(order.orderId, 'AWAITING_SHIPMENT');
    const timeline = await call('GET', `/orders/${shopId}/${order.orderId}/timeline`);
    const received = [...timeline.body.entries]
      .sort((a: Json, b: Json) => a.recordedAt.localeCompare(b.recordedAt))
      .map((e: Json) => e.type);
    expect(received.slice(0, 2)).toEqual(['paid', 'placed']);
  });

  it('a junk order id leaves no workflow waiting, however many events name it', async () => {
    const junk = `NO-SUCH-${randomUUID().slice(0, 8)}`;
    for (const id of ['junk-1', 'junk-2', 'junk-3'])
      expect(await post(junk, event(id, 'paid'))).toMatchObject({ status: 202, body: { delivered: false } });
    await expect(t.env.client.workflow.getHandle(`order:${shopId}:${junk}`).describe()).rejects.toThrow(
      WorkflowNotFoundError,
    );
    expect((await call('GET', `/orders/${shopId}/${junk}/timeline`)).body.entries).toHaveLength(3);
    // Ops see them as unmatched, without their data.
    const unmatched = (await call('GET', `/shops/${shopId}/unmatched-events`)).body.events.filter(
      (e: Json) => e.orderId === junk,
    );
    expect(unmatched).toEqual(
      ['junk-1', 'junk-2', 'junk-3'].map((eventId) => ({
        orderId: junk,
        eventId,
        type: 'paid',
        actor: 'platform',
        at: expect.any(String),
        recordedAt: expect.any(String),
      })),
    );
  });
});

describe('ops finding the orders late to ship', () => {
  it('`temporal workflow list --query` with ShopId and LateToShip, or Attention = LATE_TO_SHIP, lists the late order and not the others', async () => {
    const lateShop = `shop-${randomUUID().slice(0, 8)}`;
    // Placed and paid two days ago (the platform's events arrive late): long past its cut-off.
    const late = sampleOrderBody({ shopId: lateShop, placedAt: iso(Date.now() - 50 * HOUR) });
    const onTime = sampleOrderBody({ shopId: lateShop, placedAt: iso(Date.now()) });
    for (const order of [late, onTime]) await call('POST', '/orders', order);
    await call(
      'POST',
      `/orders/${lateShop}/${late.orderId}/events`,
      event('pay-late', 'paid', {}, { occurredAt: iso(Date.now() - 49 * HOUR) }),
    );
    await call('POST', `/orders/${lateShop}/${onTime.orderId}/events`, event('pay-now', 'paid'));

    const found = await eventually(
      () => temporalWorkflowList(t.env.address, `ShopId = "${lateShop}" AND LateToShip = true`),
      (list) => list.length > 0,
      'the late order in visibility',
    );
    expect(found.map((w) => w.execution.workflowId)).toEqual([`order:${lateShop}:${late.orderId}`]);
    // The Attention flag finds it too; the order on time has no flag at all.
    expect(
      (await temporalWorkflowList(t.env.address, `ShopId = '${lateShop}' AND Attention = 'LATE_TO_SHIP'`)).map(
        (w) => w.execution.workflowId,
      ),
    ).toEqual([`order:${lateShop}:${late.orderId}`]);
    expect(
      (await temporalWorkflowList(t.env.address, `ShopId = '${lateShop}' AND Attention IS NULL`)).map(
        (w) => w.execution.workflowId,
      ),
    ).toEqual([`order:${lateShop}:${onTime.orderId}`]);
    const lateView = await call('GET', `/orders/${lateShop}/${late.orderId}`);
    expect(lateView.body.workflow).toMatchObject({ status: 'AWAITING_SHIPMENT', lateToShip: true });
  });
});
