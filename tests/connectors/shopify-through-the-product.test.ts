// A Shopify store connected to a shop through the API, end to end: the store's webhooks reach the
// real route, the connector's workflow applies them to real order workflows, what the shop ships
// and refunds goes back to the store through its Admin API, and comes back as the store's webhooks,
// which are recognised and not applied again. The store is a local peer that checks what Shopify
// checks (the webhook HMAC, the access token, the pinned version, @idempotent on refunds).
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests } from '../helpers/api-server';
import { eventually } from '../helpers/eventually';
import { eventNow } from '../helpers/orders';
import { addShopifyOrder } from '../helpers/shopify-orders';
import { runShopifyPeerDuringTests, SHOPIFY_ACCESS_TOKEN, SHOPIFY_APP_SECRET } from '../helpers/shopify-peer';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const { peer } = runShopifyPeerDuringTests();

let shopId: string;
const webhooks = () => `${api.baseUrl}/connectors/shopify/${shopId}/webhooks`;
const messages = (status?: string) =>
  t.prisma.connectorMessage.findMany({
    where: { shopId, platform: 'shopify', ...(status ? { status: status as never } : {}) },
    orderBy: { id: 'asc' },
  });
const orderRow = (orderId: string) => t.prisma.order.findUnique({ where: { shopId_orderId: { shopId, orderId } } });

afterEach(async () => {
  // Switched off, the test's connector ends after its round instead of working through the next tests.
  await api.call('PUT', `/shops/${shopId}/connectors/shopify`, {
    enabled: false,
    settings: (await api.call('GET', `/shops/${shopId}/connectors/shopify`)).body.settings,
  });
});

beforeEach(async () => {
  shopId = `shop-sfy-${randomUUID().slice(0, 8)}`;
  // Refunds up to 200 are the shop's rule to approve (A3), so a refund case runs to the money without an agent.
  expect(
    (await api.call('PUT', `/shops/${shopId}/policy`, { cases: { autoApprove: { refundUpTo: '200.00' } } })).status,
  ).toBe(200);
  const connected = await api.call('PUT', `/shops/${shopId}/connectors/shopify`, {
    pollEvery: '5s',
    settings: {
      shopDomain: peer.shopDomain,
      adminApiUrl: peer.url,
      accessToken: SHOPIFY_ACCESS_TOKEN,
      webhookSecret: SHOPIFY_APP_SECRET,
      timeoutMs: 2000,
    },
  });
  expect(connected).toMatchObject({
    status: 200,
    body: {
      enabled: true,
      settings: { accessToken: '(set)', webhookSecret: '(set)' },
      workflowId: `connector:${shopId}:shopify`,
    },
  });
});

test('the store’s webhooks become one order, paid, whatever their order and however often they come; a forged one is refused', async () => {
  const order = addShopifyOrder(peer);
  const orderId = String(order.id);
  const paid = peer.webhook('orders/paid', peer.orderPayload(order));
  // Paid before created, as Shopify may deliver them, and the payment twice.
  expect(await peer.deliver(webhooks(), paid)).toBe(200);
  expect(await peer.deliver(webhooks(), peer.webhook('orders/create', peer.orderPayload(order)))).toBe(200);
  const again = await fetch(webhooks(), { method: 'POST', headers: paid.headers, body: paid.body });
  expect(await again.json()).toEqual({ received: true, duplicate: true });
  const forged = peer.webhook('orders/cancelled', peer.orderPayload(order), { secret: 'not-the-app-secret' });
  const refused = await api
    .as(null)
    .call('POST', `/connectors/shopify/${shopId}/webhooks`, forged.body.toString(), forged.headers);
  expect(refused).toMatchObject({ status: 401, body: { error: { code: 'invalid_signature' } } });

  await eventually(
    () => orderRow(orderId),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the order paid',
  );
  expect((await messages()).map((m) => [m.topic, m.status])).toEqual([
    ['orders/paid', 'APPLIED'],
    ['orders/create', 'APPLIED'],
  ]);
  const log = await t.prisma.orderLogEntry.findMany({ where: { shopId, orderId, kind: 'EVENT' } });
  expect(log.map((entry) => [entry.type, entry.actor]).sort()).toEqual([
    ['paid', 'shopify'],
    ['placed', 'shopify'],
  ]);
  const health = await api.call('GET', `/shops/${shopId}/connectors`);
  expect(health.body.connectors).toEqual([
    expect.objectContaining({ platform: 'shopify', backlog: 0, unmapped: 0, lastMessageAt: expect.any(String) }),
  ]);
});

test('a body signed with the app’s secret for another store’s order, posted to this shop, is not taken as this shop’s order', async () => {
  // One app signs every store's webhooks with one secret; the order is asked of the shop's own store.
  const foreign = addShopifyOrder(peer);
  peer.orders = peer.orders.filter((order) => order !== foreign);
  expect(await peer.deliver(webhooks(), peer.webhook('orders/create', peer.orderPayload(foreign)))).toBe(200);
  const [kept] = await eventually(
    () => messages('UNMAPPED'),
    (rows) => rows.length === 1,
    'the message unmapped',
  );
  expect(kept.reason).toContain('another store');
  expect(await t.prisma.orderIntake.count({ where: { shopId } })).toBe(0);
});

test('a store is connected to one shop: another shop cannot connect it and see its orders', async () => {
  const other = `shop-sfy-${randomUUID().slice(0, 8)}`;
  const taken = await api.call('PUT', `/shops/${other}/connectors/shopify`, {
    settings: {
      shopDomain: peer.shopDomain,
      adminApiUrl: peer.url,
      accessToken: SHOPIFY_ACCESS_TOKEN,
      webhookSecret: SHOPIFY_APP_SECRET,
    },
  });
  expect(taken).toMatchObject({
    status: 409,
    body: { error: { code: 'account_connected_elsewhere', fields: [{ field: 'settings.shopDomain' }] } },
  });
  expect(await t.prisma.connector.count({ where: { shopId: other } })).toBe(0);
});

test('a shipment the shop makes goes to the store as a fulfillment once, and its fulfillments/create comes back as an echo', async () => {
  const order = addShopifyOrder(peer);
  const orderId = String(order.id);
  expect(await peer.deliver(webhooks(), peer.webhook('orders/create', peer.orderPayload(order)))).toBe(200);
  await eventually(
    () => orderRow(orderId),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the order paid',
  );

  // The shop's warehouse reports the parcel through the API, as a shop system would.
  const shipped = await api.call(
    'POST',
    `/orders/${shopId}/${orderId}/events`,
    eventNow('wh-ship-1', 'shipped', { courier: '顺丰速运', trackingNumber: 'SF1000000001' }, 'warehouse-chen'),
  );
  expect(shipped.status).toBe(202);
  const fulfilled = await eventually(
    async () => peer.order(order.id).fulfillments,
    (list) => list.length > 0,
    'the fulfillment at the store',
  );
  expect(fulfilled).toEqual([expect.objectContaining({ number: 'SF1000000001' })]);
  const push = await eventually(
    () => t.prisma.connectorPush.findFirst({ where: { shopId, orderId } }),
    (row) => row?.status === 'SENT',
    'the push sent',
  );
  expect(push!.platformRef).toEqual(expect.stringContaining(String(fulfilled[0].id)));

  expect(
    await peer.deliver(
      webhooks(),
      peer.webhook('fulfillments/create', peer.fulfillmentPayload(peer.order(order.id), fulfilled[0])),
    ),
  ).toBe(200);
  const echo = await eventually(
    () => messages(),
    (rows) => rows.some((m) => m.topic === 'fulfillments/create' && m.status !== 'RECEIVED'),
    'the echo settled',
  );
  expect(echo.find((m) => m.topic === 'fulfillments/create')).toMatchObject({ status: 'ECHO' });
  const shippedLog = await t.prisma.orderLogEntry.findMany({
    where: { shopId, orderId, kind: 'EVENT', type: 'shipped' },
  });
  expect(shippedLog.map((entry) => entry.actor)).toEqual(['warehouse-chen']);
  expect(peer.order(order.id).fulfillments).toHaveLength(1);
});

test('a second parcel of the same order is a second parcel of one order', async () => {
  const order = addShopifyOrder(peer);
  const orderId = String(order.id);
  expect(await peer.deliver(webhooks(), peer.webhook('orders/create', peer.orderPayload(order)))).toBe(200);
  const at = new Date().toISOString();
  for (const number of ['YT2000000001', 'YT2000000002']) {
    const fulfillment = {
      id: peer.id(),
      createdAt: at,
      updatedAt: at,
      status: 'SUCCESS' as const,
      company: 'YTO Express',
      number,
      displayStatus: null,
    };
    order.fulfillments.push(fulfillment);
    expect(
      await peer.deliver(webhooks(), peer.webhook('fulfillments/create', peer.fulfillmentPayload(order, fulfillment))),
    ).toBe(200);
  }
  const view = await eventually(
    () => api.call('GET', `/orders/${shopId}/${orderId}`),
    (v) => v.body.parcels?.length === 2 && v.body.order?.status === 'SHIPPED',
    'both parcels on the shipped order',
  );
  expect(view.body.parcels.map((p: { trackingNumber: string }) => p.trackingNumber)).toEqual([
    'YT2000000001',
    'YT2000000002',
  ]);
  expect(await t.prisma.connectorPush.count({ where: { shopId } })).toBe(0);
});

test('a refund the shop approves is made by the store once, with no payment gateway, and its refunds/create is an echo', async () => {
  const order = addShopifyOrder(peer);
  const orderId = String(order.id);
  expect(await peer.deliver(webhooks(), peer.webhook('orders/create', peer.orderPayload(order)))).toBe(200);
  await eventually(
    () => orderRow(orderId),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the order paid',
  );

  const opened = await api.call('POST', '/cases', {
    shopId,
    caseId: `RF-${orderId}`,
    orderId,
    type: 'REFUND_ONLY',
    situation: 'no_reason',
    requestedAmount: '24.00',
    channel: 'chat',
    openedBy: 'buyer',
  });
  expect(opened.status).toBe(201);
  const paid = await eventually(
    () => t.prisma.refund.findFirst({ where: { shopId, orderId } }),
    (row) => row?.status === 'PAID',
    'the refund paid',
  );
  const made = peer.order(order.id).refunds;
  expect(made).toHaveLength(1);
  // The ledger row's id goes with the refund (its note), and the same id makes Shopify's idempotency key.
  expect(made[0].note).toContain(paid!.id);
  expect(made[0].idempotencyKey).toEqual(expect.any(String));
  expect(paid!.providerRefundId).toEqual(expect.stringContaining(String(made[0].id)));

  expect(
    await peer.deliver(webhooks(), peer.webhook('refunds/create', peer.refundPayload(peer.order(order.id), made[0]))),
  ).toBe(200);
  await eventually(
    () => messages(),
    (rows) => rows.some((m) => m.topic === 'refunds/create' && m.status === 'ECHO'),
    'the refund’s echo',
  );
  expect(await t.prisma.refund.count({ where: { shopId, orderId } })).toBe(1);
});

test('what nothing in the product means is kept with its reason, visible, and can be applied again', async () => {
  const order = addShopifyOrder(peer, { currency: 'CNY', shippingAddress: null });
  expect(await peer.deliver(webhooks(), peer.webhook('orders/create', peer.orderPayload(order)))).toBe(200);
  const [unmapped] = await eventually(
    () => messages('UNMAPPED'),
    (rows) => rows.length === 1,
    'the message unmapped',
  );
  expect(unmapped.reason).toEqual(expect.any(String));
  const listed = await api.call('GET', `/shops/${shopId}/connectors/shopify/messages?status=UNMAPPED`);
  expect(listed.body.messages).toEqual([
    expect.objectContaining({ topic: 'orders/create', platformOrderId: String(order.id), reason: unmapped.reason }),
  ]);
  expect(listed.body.messages[0]).not.toHaveProperty('payload');
  const health = await api.call('GET', `/shops/${shopId}/connectors`);
  expect(health.body.connectors[0]).toMatchObject({ unmapped: 1, backlog: 0 });
  expect(
    await api.call('POST', `/shops/${shopId}/connectors/shopify/messages/${unmapped.messageId}/retry`),
  ).toMatchObject({ status: 202 });
  // Applied again, it is refused for the same reason: still there, never dropped.
  await eventually(
    () => t.prisma.connectorMessage.findUnique({ where: { id: unmapped.id } }),
    (row) => row?.status === 'UNMAPPED' && row.attempts === 1 && row.settledAt! > unmapped.settledAt!,
    'the retry settled',
  );
});

test('a backfill after an outage brings the orders whose webhooks were lost, and only those', async () => {
  const seen = addShopifyOrder(peer);
  const lost = addShopifyOrder(peer);
  expect(await peer.deliver(webhooks(), peer.webhook('orders/create', peer.orderPayload(seen)))).toBe(200);
  await eventually(
    () => orderRow(String(seen.id)),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the order seen paid',
  );
  const started = await api.call('POST', `/shops/${shopId}/connectors/shopify/backfill`, {
    from: '2026-11-19T00:00:00Z',
    to: '2026-11-21T00:00:00Z',
  });
  expect(started).toMatchObject({ status: 202, body: { workflowId: expect.stringMatching(/^connector-backfill:/) } });
  await eventually(
    () => orderRow(String(lost.id)),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the lost order paid',
  );
  await eventually(
    () => messages('RECEIVED'),
    (rows) => rows.length === 0,
    'the backlog applied',
  );
  // The order that was already here got nothing twice.
  expect(await t.prisma.orderLogEntry.count({ where: { shopId, orderId: String(seen.id), kind: 'EVENT' } })).toBe(2);
  expect(await t.prisma.orderIntake.count({ where: { shopId } })).toBe(2);
});

test('a store that does not answer leaves the shipment waiting with the reason, and it goes once the store is back', async () => {
  const order = addShopifyOrder(peer);
  const orderId = String(order.id);
  expect(await peer.deliver(webhooks(), peer.webhook('orders/create', peer.orderPayload(order)))).toBe(200);
  await eventually(
    () => orderRow(orderId),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the order paid',
  );
  peer.failNext(1_000_000, 503);
  expect(
    (
      await api.call(
        'POST',
        `/orders/${shopId}/${orderId}/events`,
        eventNow('wh-ship-2', 'shipped', { courier: '中通快递', trackingNumber: 'ZT3000000001' }, 'warehouse-li'),
      )
    ).status,
  ).toBe(202);
  await eventually(
    () => api.call('GET', `/shops/${shopId}/connectors`),
    (v) => v.body.connectors[0].pendingPushes === 1 && v.body.connectors[0].lastError !== null,
    'the push waiting with the error',
  );
  peer.failNext(0);
  await eventually(
    () => t.prisma.connectorPush.findFirst({ where: { shopId, orderId } }),
    (row) => row?.status === 'SENT',
    'the push sent',
  );
  expect(peer.order(order.id).fulfillments).toHaveLength(1);
});

test('the app’s install gives the shop its token: approved at the store, the redirect checked, the code exchanged once, and orders flow with it', async () => {
  // A shop connected without a token: the admin installs the app instead of pasting one.
  const installing = `shop-sfy-${randomUUID().slice(0, 8)}`;
  const domain = `install-${randomUUID().slice(0, 8)}.myshopify.com`;
  peer.shopDomain = domain;
  const put = await api.call('PUT', `/shops/${installing}/connectors/shopify`, {
    settings: {
      shopDomain: domain,
      adminApiUrl: peer.url,
      webhookSecret: SHOPIFY_APP_SECRET,
      apiKey: peer.apiKey,
      timeoutMs: 2000,
    },
  });
  expect(put.status).toBe(200);
  expect(put.body.settings).not.toHaveProperty('accessToken');

  const install = await api.call('GET', `/shops/${installing}/connectors/shopify/install`);
  expect(install.status).toBe(200);
  const authorize = new URL(install.body.authorizeUrl);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${peer.url}/admin/oauth/authorize`);
  expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
    client_id: peer.apiKey,
    scope: expect.stringContaining('read_orders'),
    redirect_uri: install.body.redirectUri,
  });
  const state = authorize.searchParams.get('state')!;
  const callback = (query: Record<string, string>) =>
    api.as(null).call('GET', `/connectors/shopify/${installing}/oauth/callback?${new URLSearchParams(query)}`);

  // Not Shopify's signature, or not this deployment's state: refused, and no token kept.
  expect(await callback(peer.approvedRedirect(state, { secret: 'not-the-app-secret' }))).toMatchObject({
    status: 401,
    body: { error: { code: 'install_refused' } },
  });
  expect(await callback(peer.approvedRedirect('forged-state'))).toMatchObject({
    status: 400,
    body: { error: { code: 'invalid_state' } },
  });
  expect(peer.exchanges).toBe(0);

  const approved = peer.approvedRedirect(state);
  expect(await callback(approved)).toMatchObject({ status: 200, body: { installed: true } });
  // The same redirect again: Shopify's code is good once.
  expect(await callback(approved)).toMatchObject({ status: 401 });
  expect(peer.exchanges).toBe(1);
  expect((await api.call('GET', `/shops/${installing}/connectors/shopify`)).body.settings).toMatchObject({
    accessToken: '(set)',
  });

  // The token at work: an order paid at checkout reads its payments from the store with it.
  const order = addShopifyOrder(peer);
  expect(
    await peer.deliver(
      `${api.baseUrl}/connectors/shopify/${installing}/webhooks`,
      peer.webhook('orders/create', peer.orderPayload(order)),
    ),
  ).toBe(200);
  await eventually(
    () => t.prisma.order.findUnique({ where: { shopId_orderId: { shopId: installing, orderId: String(order.id) } } }),
    (row) => row?.status === 'AWAITING_SHIPMENT',
    'the order paid',
  );
  await api.call('PUT', `/shops/${installing}/connectors/shopify`, {
    enabled: false,
    settings: (await api.call('GET', `/shops/${installing}/connectors/shopify`)).body.settings,
  });
});
