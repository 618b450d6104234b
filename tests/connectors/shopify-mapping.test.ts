// What each Shopify topic means to the product, from the payloads the peer's webhooks carry; and
// that a backfill of the same facts gives exactly the same events (ids and bodies).
import { placedOrderDataSchema } from '../../api/order-schema';
import type { ConnectorAction, Mapping, PlatformMessage } from '../../connectors/connector';
import { shopifyConnector } from '../../connectors/shopify';
import type { PeerOrder, WebhookTopic } from '../peers/shopify-peer';
import { runShopifyPeerDuringTests } from '../helpers/shopify-peer';
import { addShopifyOrder, PAID_AT, PLACED_AT } from '../helpers/shopify-orders';

const shop = runShopifyPeerDuringTests();
const { peer } = shop;

function message(topic: WebhookTopic, payload: Record<string, unknown>, orderId: number): PlatformMessage {
  return {
    messageId: `wh-${topic}-${String(payload.id)}`,
    topic,
    platformOrderId: String(orderId),
    occurredAt: '2026-11-20T02:00:00Z',
    payload,
  };
}
const map = (m: PlatformMessage) => shopifyConnector.map(shop.ctx(), m);
const events = (mapping: Mapping) =>
  mapping.kind === 'apply'
    ? mapping.actions.map((a: ConnectorAction) => (a.kind === 'order_event' ? a.event : undefined))
    : [];
const orderMessage = (topic: WebhookTopic, order: PeerOrder) => message(topic, peer.orderPayload(order), order.id);

function fulfil(order: PeerOrder, company: string, number: string, displayStatus = 'FULFILLED') {
  const at = '2026-11-21T10:00:00+08:00';
  const f = { id: peer.id(), createdAt: at, updatedAt: at, status: 'SUCCESS' as const, company, number, displayStatus };
  order.fulfillments.push(f);
  return f;
}

describe('orders/create, orders/paid, orders/cancelled', () => {
  test('an order paid at checkout is placed with its breakdown adding up to total_price, and paid at its payment’s time', async () => {
    const order = addShopifyOrder(peer);
    const mapping = await map(orderMessage('orders/create', order));
    const [placed, paid] = events(mapping);
    expect(placed).toMatchObject({
      eventId: `shopify.${order.id}.placed`,
      type: 'placed',
      occurredAt: PLACED_AT,
      actor: 'platform',
    });
    expect(placed!.data).toMatchObject({
      platform: 'shopify',
      buyer: {
        id: `customer-${order.customer!.id}`,
        name: '三 张',
        phone: '+8613800000000',
        email: 'buyer@example.com',
      },
      items: [
        { sku: 'CUP-500', title: '保温杯', quantity: 2, unitPrice: '49.50' },
        { sku: 'variant-778899', title: '杯盖', quantity: 1, unitPrice: '10.00' },
      ],
      shipping: '10.00',
      tax: '15.00',
      discounts: [{ kind: 'shop_coupon', amount: '10.00' }],
      total: '124.00',
      currency: 'CNY',
      paymentMethod: 'ONLINE',
      shippingAddress: {
        recipient: '三 张',
        phone: '+86 138-0000-0000',
        country: 'CN',
        province: '浙江省',
        city: '杭州市',
        street: '文三路 1 号',
        postalCode: '310000',
      },
      placedAt: PLACED_AT,
    });
    expect(placedOrderDataSchema.safeParse(placed!.data).success).toBe(true);
    expect(paid).toEqual({
      eventId: `shopify.${order.id}.paid`,
      type: 'paid',
      occurredAt: PAID_AT,
      actor: 'platform',
      data: { amount: '124.00' },
    });
    // orders/paid for the same order is the same event, so the product keeps it once.
    expect(events(await map(orderMessage('orders/paid', order)))).toEqual([paid]);
  });

  test('paid delivered before created maps to the same events as in order (the product holds the paid event for its order)', async () => {
    const order = addShopifyOrder(peer);
    const paidFirst = events(await map(orderMessage('orders/paid', order)));
    const created = events(await map(orderMessage('orders/create', order)));
    expect(created.map((e) => e!.type)).toEqual(['placed', 'paid']);
    expect(paidFirst).toEqual([created[1]]);
  });

  test('with taxes_included the tax is inside the prices and not added again', async () => {
    const order = addShopifyOrder(peer, { taxesIncluded: true, totalTax: '16.35', totalPrice: '109.00' });
    const [placed] = events(await map(orderMessage('orders/create', order)));
    expect(placed!.data).toMatchObject({ tax: '0.00', total: '109.00' });
  });

  test('free shipping outside total_discounts: the shipping is taken at its discounted price', async () => {
    const order = addShopifyOrder(peer, {
      shippingLines: [{ price: '10.00', discountedPrice: '0.00' }],
      totalPrice: '114.00',
    });
    const [placed] = events(await map(orderMessage('orders/create', order)));
    expect(placed!.data).toMatchObject({
      shipping: '0.00',
      discounts: [{ kind: 'shop_coupon', amount: '10.00' }],
      total: '114.00',
    });
  });

  test('an automatic discount (no code) is the shop’s other discount', async () => {
    const order = addShopifyOrder(peer, { discountCodes: [] });
    const [placed] = events(await map(orderMessage('orders/create', order)));
    expect(placed!.data).toMatchObject({ discounts: [{ kind: 'other', amount: '10.00' }] });
  });

  test('Cash on Delivery (COD) is the product’s cash on delivery, and unpaid at creation', async () => {
    const order = addShopifyOrder(peer, {
      gateways: ['Cash on Delivery (COD)'],
      financialStatus: 'pending',
      transactions: [],
    });
    const mapped = events(await map(orderMessage('orders/create', order)));
    expect(mapped).toHaveLength(1);
    expect(mapped[0]!.data).toMatchObject({ paymentMethod: 'CASH_ON_DELIVERY' });
  });

  test('an order discounted to nothing, paid without a payment, is paid when Shopify processed it', async () => {
    const order = addShopifyOrder(peer, {
      transactions: [],
      totalTax: '0.00',
      shippingLines: [],
      totalDiscounts: '109.00',
      totalPrice: '0.00',
    });
    const [, paid] = events(await map(orderMessage('orders/create', order)));
    expect(paid).toEqual({
      eventId: `shopify.${order.id}.paid`,
      type: 'paid',
      occurredAt: PLACED_AT,
      actor: 'platform',
      data: { amount: '0.00' },
    });
    expect(events(await map(orderMessage('orders/paid', order)))).toEqual([paid]);
  });

  test('an order paid later is paid at the time of its payment, for what was paid', async () => {
    const order = addShopifyOrder(peer, { financialStatus: 'pending', transactions: [] });
    expect(events(await map(orderMessage('orders/create', order)))).toHaveLength(1);
    order.transactions.push({
      id: peer.id(),
      kind: 'SALE',
      status: 'SUCCESS',
      amount: '124.00',
      gateway: 'bank_deposit',
      processedAt: '2026-11-22T08:00:00Z',
    });
    order.financialStatus = 'paid';
    expect(events(await map(orderMessage('orders/paid', order)))).toEqual([
      {
        eventId: `shopify.${order.id}.paid`,
        type: 'paid',
        occurredAt: '2026-11-22T08:00:00Z',
        actor: 'platform',
        data: { amount: '124.00' },
      },
    ]);
  });

  test('an order without a shipping address, or whose breakdown does not add up, is unmapped with the reason (no personal data in it)', async () => {
    const digital = addShopifyOrder(peer, { shippingAddress: null });
    expect(await map(orderMessage('orders/create', digital))).toEqual({
      kind: 'unmapped',
      reason: 'the order has no shipping address (a digital or pickup order): nothing for the product to ship',
    });
    const withTip = addShopifyOrder(peer, { totalPrice: '134.00' });
    const mapping = await map(orderMessage('orders/create', withTip));
    expect(mapping).toEqual({ kind: 'unmapped', reason: expect.stringContaining('total: must equal the breakdown') });
    expect(JSON.stringify(mapping)).not.toMatch(/张|文三路|138/);
  });

  test('orders/cancelled is the order cancelled at cancelled_at', async () => {
    const order = addShopifyOrder(peer, { cancelledAt: '2026-11-20T12:00:00+08:00' });
    expect(events(await map(orderMessage('orders/cancelled', order)))).toEqual([
      {
        eventId: `shopify.${order.id}.cancelled`,
        type: 'cancelled',
        occurredAt: '2026-11-20T12:00:00+08:00',
        actor: 'platform',
        data: {},
      },
    ]);
  });
});

describe('fulfillments/create and fulfillments/update', () => {
  test('a split shipment: each fulfillment of the order is a parcel, its own shipped event, with the product’s courier name', async () => {
    const order = addShopifyOrder(peer);
    const first = fulfil(order, 'SF Express', 'SF1234567890');
    const second = fulfil(order, 'ZTO Express', 'ZTO9876543210');
    const shipped = await Promise.all(
      [first, second].map(async (f) =>
        events(await map(message('fulfillments/create', peer.fulfillmentPayload(order, f), order.id))),
      ),
    );
    expect(shipped).toEqual([
      [
        {
          eventId: `shopify.fulfillment.${first.id}`,
          type: 'shipped',
          occurredAt: first.createdAt,
          actor: 'platform',
          data: { courier: '顺丰速运', trackingNumber: 'SF1234567890' },
        },
      ],
      [
        {
          eventId: `shopify.fulfillment.${second.id}`,
          type: 'shipped',
          occurredAt: second.createdAt,
          actor: 'platform',
          data: { courier: '中通快递', trackingNumber: 'ZTO9876543210' },
        },
      ],
    ]);
  });

  test('a fulfillment without a tracking number is unmapped: the product cannot follow it', async () => {
    const order = addShopifyOrder(peer);
    const f = { ...fulfil(order, 'Other', 'x'), number: null };
    expect(await map(message('fulfillments/create', peer.fulfillmentPayload(order, f), order.id))).toMatchObject({
      kind: 'unmapped',
    });
  });

  test('our own fulfillment coming back as fulfillments/create is an echo, known by its id or (before the push was recorded) its tracking number', async () => {
    const order = addShopifyOrder(peer);
    const { platformRef } = await shopifyConnector.pushShipment(shop.ctx(), {
      pushId: `shipment:${order.id}:SF1234567890`,
      orderId: String(order.id),
      courier: '顺丰速运',
      trackingNumber: 'SF1234567890',
    });
    const ours = message('fulfillments/create', peer.fulfillmentPayload(order, order.fulfillments[0]), order.id);
    shop.pushed.shipments.push({ orderId: String(order.id), trackingNumber: 'SF1234567890' });
    expect(await map(ours)).toEqual({
      kind: 'echo',
      reason: `fulfillment ${platformRef} is the shipment the product pushed`,
    });
    shop.pushed.shipments = [{ orderId: String(order.id), platformRef, trackingNumber: 'SF1234567890' }];
    expect(await map(ours)).toMatchObject({ kind: 'echo' });
  });

  test.each([
    ['IN_TRANSIT', { type: 'tracking_scanned', data: { scan: 'in_transit' } }],
    ['OUT_FOR_DELIVERY', { type: 'tracking_scanned', data: { scan: 'out_for_delivery' } }],
    ['ATTEMPTED_DELIVERY', { type: 'tracking_scanned', data: { scan: 'out_for_delivery' } }],
    ['DELIVERED', { type: 'delivered', data: {} }],
    ['FAILURE', { type: 'tracking_scanned', data: { scan: 'returned' } }],
  ])('fulfillments/update with shipment_status %s', async (status, expected) => {
    const order = addShopifyOrder(peer);
    const f = fulfil(order, 'SF Express', 'SF1234567890', status);
    f.updatedAt = '2026-11-22T10:00:00+08:00';
    const [event] = events(await map(message('fulfillments/update', peer.fulfillmentPayload(order, f), order.id)));
    expect(event).toEqual({
      eventId: `shopify.fulfillment.${f.id}.${status.toLowerCase()}.${Date.parse(f.updatedAt) / 1000}`,
      occurredAt: f.updatedAt,
      actor: 'platform',
      ...expected,
    });
  });

  test('a shipment status that means nothing to the product (a label printed) is applied with no actions', async () => {
    const order = addShopifyOrder(peer);
    const f = fulfil(order, 'SF Express', 'SF1234567890', 'LABEL_PRINTED');
    expect(await map(message('fulfillments/update', peer.fulfillmentPayload(order, f), order.id))).toEqual({
      kind: 'apply',
      actions: [],
    });
  });
});

describe('refunds/create', () => {
  test('a refund the shop made in Shopify is refunded, for its successful refund transactions', async () => {
    const order = addShopifyOrder(peer);
    const tx = {
      id: peer.id(),
      kind: 'REFUND' as const,
      status: 'SUCCESS' as const,
      amount: '24.00',
      gateway: 'shopify_payments',
      processedAt: '2026-11-23T10:00:00Z',
      parentId: order.transactions[0].id,
    };
    const failed = { ...tx, id: peer.id(), status: 'FAILURE' as const };
    order.transactions.push(tx, failed);
    const refund = {
      id: peer.id(),
      createdAt: '2026-11-23T10:00:00Z',
      note: 'damaged lid',
      transactionIds: [tx.id, failed.id],
    };
    order.refunds.push(refund);
    expect(events(await map(message('refunds/create', peer.refundPayload(order, refund), order.id)))).toEqual([
      {
        eventId: `shopify.refund.${refund.id}`,
        type: 'refunded',
        occurredAt: refund.createdAt,
        actor: 'platform',
        data: { refundId: String(refund.id), amount: '24.00' },
      },
    ]);
  });

  test('our own refund coming back is an echo: by its note’s ledger key even before the ledger has its id, and by the id', async () => {
    const order = addShopifyOrder(peer);
    const result = await shopifyConnector.refund(shop.ctx(), {
      refundId: 'case:shop-shopify:CASE-1:A5:refund',
      orderId: String(order.id),
      caseId: 'CASE-1',
      amount: '20.00',
      currency: 'CNY',
    });
    const ours = message('refunds/create', peer.refundPayload(order, order.refunds[0]), order.id);
    expect(await map(ours)).toEqual({
      kind: 'echo',
      reason: `refund ${result.providerRefundId} is one the product asked for`,
    });
    const withoutNote = message(
      'refunds/create',
      { ...peer.refundPayload(order, order.refunds[0]), note: null },
      order.id,
    );
    expect(await map(withoutNote)).toMatchObject({ kind: 'apply' });
    shop.pushed.refunds.push({ orderId: String(order.id), providerRefundId: result.providerRefundId });
    expect(await map(withoutNote)).toMatchObject({ kind: 'echo' });
  });
});

describe('backfill', () => {
  test('backfilled facts map to exactly the events their webhooks mapped to (same ids, same bodies)', async () => {
    const order = addShopifyOrder(peer, { cancelledAt: null });
    const f = fulfil(order, 'SF Express', 'SF1234567890', 'IN_TRANSIT');
    const tx = {
      id: peer.id(),
      kind: 'REFUND' as const,
      status: 'SUCCESS' as const,
      amount: '24.00',
      gateway: 'shopify_payments',
      processedAt: '2026-11-23T10:00:00Z',
      parentId: order.transactions[0].id,
    };
    order.transactions.push(tx);
    const refund = { id: peer.id(), createdAt: '2026-11-23T10:00:00Z', note: null, transactionIds: [tx.id] };
    order.refunds.push(refund);
    order.updatedAt = '2026-11-23T10:00:00Z';

    const webhooks = [
      orderMessage('orders/create', order),
      orderMessage('orders/paid', order),
      message('fulfillments/create', { ...peer.fulfillmentPayload(order, f), shipment_status: null }, order.id),
      message('fulfillments/update', peer.fulfillmentPayload(order, f), order.id),
      message('refunds/create', peer.refundPayload(order, refund), order.id),
    ];
    const byWebhook = (await Promise.all(webhooks.map(map))).flatMap(events);
    const page = await shopifyConnector.backfill(shop.ctx(), {
      from: new Date('2026-11-23T00:00:00Z'),
      to: new Date('2026-11-24T00:00:00Z'),
    });
    expect(page.cursor).toBeUndefined();
    expect(page.messages.map((m) => m.messageId)).toEqual([
      `backfill.${order.id}.orders/create.${order.id}`,
      `backfill.${order.id}.orders/paid.${order.id}`,
      `backfill.${order.id}.fulfillments/create.${f.id}`,
      `backfill.${order.id}.fulfillments/update.${f.id}.in_transit`,
      `backfill.${order.id}.refunds/create.${refund.id}`,
    ]);
    const byBackfill = (await Promise.all(page.messages.map(map))).flatMap(events);
    expect(byBackfill).toEqual(byWebhook);
    expect(byBackfill.map((e) => e!.type)).toEqual([
      'placed',
      'paid',
      'paid',
      'shipped',
      'tracking_scanned',
      'refunded',
    ]);
  });

  test('a range with more orders than a page comes in pages, by Shopify’s cursor, and only the orders updated in the range', async () => {
    const inRange = Array.from({ length: 7 }, (_, i) =>
      addShopifyOrder(peer, { updatedAt: `2026-11-23T0${i}:00:00Z` }),
    );
    addShopifyOrder(peer, { updatedAt: '2026-11-25T00:00:00Z' });
    const range = { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-24T00:00:00Z') };
    const pages = [await shopifyConnector.backfill(shop.ctx(), range)];
    while (pages[pages.length - 1].cursor)
      pages.push(await shopifyConnector.backfill(shop.ctx(), range, pages[pages.length - 1].cursor));
    expect(pages).toHaveLength(3);
    const created = pages
      .flatMap((p) => p.messages)
      .filter((m) => m.topic === 'orders/create')
      .map((m) => m.platformOrderId);
    expect(created).toEqual(inRange.map((o) => String(o.id)));
  });
});
