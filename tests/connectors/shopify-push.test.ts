// The shipment and the refund pushed to the peer's Admin GraphQL API: once each, whatever retries
// happen; within Shopify's rate limit; and a peer that hangs, fails or refuses answered as the
// connector's errors say (try later, or a person must look).
import {
  PlatformCredentialsError,
  PlatformRefusedError,
  PlatformUnavailableError,
  type RefundPush,
} from '../../connectors/connector';
import { shopifyConnector } from '../../connectors/shopify';
import { runShopifyPeerDuringTests, SHOPIFY_ACCESS_TOKEN } from '../helpers/shopify-peer';
import { addShopifyOrder } from '../helpers/shopify-orders';

const shop = runShopifyPeerDuringTests();
const { peer } = shop;

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected the call to fail');
  expect(err.message).not.toContain(SHOPIFY_ACCESS_TOKEN);
  return err;
}

const shipment = (orderId: number) => ({
  pushId: `shipment:${orderId}:ZTO9876543210`,
  orderId: String(orderId),
  courier: '中通快递',
  trackingNumber: 'ZTO9876543210',
});
const refund = (orderId: number, overrides: Partial<RefundPush> = {}): RefundPush => ({
  refundId: `case:shop-shopify:CASE-${orderId}:A5:refund`,
  orderId: String(orderId),
  caseId: `CASE-${orderId}`,
  amount: '59.00',
  currency: 'CNY',
  ...overrides,
});

describe('pushShipment: one fulfillment per shipment', () => {
  test('the order’s open fulfillment order is fulfilled with the tracking number under Shopify’s company name, the buyer notified', async () => {
    const order = addShopifyOrder(peer);
    const { platformRef } = await shopifyConnector.pushShipment(shop.ctx(), shipment(order.id));
    expect(order.fulfillments).toEqual([
      expect.objectContaining({
        id: Number(platformRef),
        company: 'ZTO Express',
        number: 'ZTO9876543210',
        notifyCustomer: true,
      }),
    ]);
    expect(order.fulfillmentOrders[0].status).toBe('CLOSED');
  });

  test('the first answer is lost after Shopify made the fulfillment: the retry finds it and makes no second one', async () => {
    const order = addShopifyOrder(peer);
    peer.silenceNext('after', 'fulfillmentCreate');
    const err = await failure(shopifyConnector.pushShipment(shop.ctx(), shipment(order.id)));
    expect(err).toBeInstanceOf(PlatformUnavailableError);
    expect(err.message).toBe('Shopify did not answer within 1000 ms');
    expect(order.fulfillments).toHaveLength(1);

    const { platformRef } = await shopifyConnector.pushShipment(shop.ctx(), shipment(order.id));
    expect(platformRef).toBe(String(order.fulfillments[0].id));
    expect(order.fulfillments).toHaveLength(1);
    expect(peer.requests.filter((r) => r === 'fulfillmentCreate')).toHaveLength(1);
  });

  test('what Shopify refuses (fulfillment orders at two locations) is refused with Shopify’s reason, for a person to look at', async () => {
    const order = addShopifyOrder(peer, {
      fulfillmentOrders: [
        { id: peer.id(), status: 'OPEN', locationId: 1 },
        { id: peer.id(), status: 'OPEN', locationId: 2 },
      ],
    });
    const err = await failure(shopifyConnector.pushShipment(shop.ctx(), shipment(order.id)));
    expect(err).toBeInstanceOf(PlatformRefusedError);
    expect(err.message).toBe(
      `Shopify refused the shipment of order ${order.id}: All fulfillment orders must be assigned to the same location.`,
    );
    expect(order.fulfillments).toHaveLength(0);
  });

  test('an order with nothing left to fulfil is refused for a person to look at', async () => {
    const order = addShopifyOrder(peer, { fulfillmentOrders: [] });
    expect(await failure(shopifyConnector.pushShipment(shop.ctx(), shipment(order.id)))).toBeInstanceOf(
      PlatformRefusedError,
    );
  });
});

describe('refund: one refundCreate per ledger row', () => {
  test('the refund goes back to the order’s payment, with the ledger key in its note and an idempotency key', async () => {
    const order = addShopifyOrder(peer);
    const push = refund(order.id);
    expect(await shopifyConnector.refund(shop.ctx(), push)).toEqual({
      providerRefundId: String(order.refunds[0].id),
      paidBy: 'connector',
    });
    expect(order.refunds).toEqual([
      expect.objectContaining({
        note: `Back office refund ${push.refundId}`,
        idempotencyKey: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      }),
    ]);
    expect(order.transactions.filter((t) => t.kind === 'REFUND')).toEqual([
      expect.objectContaining({ amount: '59.00', parentId: order.transactions[0].id }),
    ]);
  });

  test('the answer is lost after Shopify made the refund: the retry gets that refund back and no money moves twice', async () => {
    const order = addShopifyOrder(peer);
    const push = refund(order.id);
    peer.silenceNext('after', 'refundCreate');
    expect(await failure(shopifyConnector.refund(shop.ctx(), push))).toBeInstanceOf(PlatformUnavailableError);
    expect(order.refunds).toHaveLength(1);

    expect(await shopifyConnector.refund(shop.ctx(), push)).toEqual({
      providerRefundId: String(order.refunds[0].id),
      paidBy: 'connector',
    });
    expect(await shopifyConnector.refund(shop.ctx(), push)).toEqual({
      providerRefundId: String(order.refunds[0].id),
      paidBy: 'connector',
    });
    expect(order.refunds).toHaveLength(1);
    expect(order.transactions.filter((t) => t.kind === 'REFUND')).toHaveLength(1);
  });

  test('more than Shopify can still refund is refused without asking Shopify to move money', async () => {
    const order = addShopifyOrder(peer);
    await shopifyConnector.refund(shop.ctx(), refund(order.id, { refundId: 'r-1', amount: '100.00' }));
    const err = await failure(
      shopifyConnector.refund(shop.ctx(), refund(order.id, { refundId: 'r-2', amount: '30.00' })),
    );
    expect(err).toBeInstanceOf(PlatformRefusedError);
    expect(err.message).toBe(`Shopify can refund at most 24.00 CNY more on order ${order.id}, not 30.00`);
    expect(peer.requests.filter((r) => r === 'refundCreate')).toHaveLength(1);
  });
});

describe('rate limit, timeouts, failures', () => {
  test('an empty bucket that refills slowly: the call is put off with how long Shopify needs, and nothing is done', async () => {
    const order = addShopifyOrder(peer);
    peer.setBucket({ available: 0, restoreRate: 10 });
    const err = await failure(shopifyConnector.refund(shop.ctx(), refund(order.id)));
    expect(err).toBeInstanceOf(PlatformUnavailableError);
    // 101 points at 10 a second.
    expect((err as PlatformUnavailableError).retryAfterMs).toBeGreaterThan(9_000);
    expect(peer.throttled).toBe(1);
    expect(order.refunds).toHaveLength(0);

    // Told how long to wait, the connector does not knock again before then.
    const again = await failure(shopifyConnector.refund(shop.ctx(), refund(order.id)));
    expect((again as PlatformUnavailableError).retryAfterMs).toBeGreaterThan(8_000);
    expect(peer.throttled).toBe(1);
  });

  test('a bucket that refills within a moment: the connector waits for it instead of failing', async () => {
    const order = addShopifyOrder(peer);
    peer.setBucket({ available: 0, restoreRate: 500 });
    expect(await shopifyConnector.refund(shop.ctx(), refund(order.id))).toMatchObject({ paidBy: 'connector' });
    expect(order.refunds).toHaveLength(1);
    // At most the first query met the empty bucket: after it the connector knew the bucket and waited.
    expect(peer.throttled).toBeLessThanOrEqual(1);
  });

  test('a Shopify that does not answer is unavailable after the timeout', async () => {
    const order = addShopifyOrder(peer);
    peer.silenceNext('before');
    const err = await failure(shopifyConnector.pushShipment(shop.ctx(), shipment(order.id)));
    expect(err).toBeInstanceOf(PlatformUnavailableError);
    expect(err.message).toBe('Shopify did not answer within 1000 ms');
  });

  test('a 5xx is unavailable; a wrong token is the shop’s credentials to fix', async () => {
    const order = addShopifyOrder(peer);
    peer.failNext(1, 502);
    expect(await failure(shopifyConnector.pushShipment(shop.ctx(), shipment(order.id)))).toBeInstanceOf(
      PlatformUnavailableError,
    );
    const err = await failure(
      shopifyConnector.pushShipment(shop.ctx({ accessToken: 'shpat_wrong' }), shipment(order.id)),
    );
    expect(err).toBeInstanceOf(PlatformCredentialsError);
    expect(peer.refused).toBe(1);
    expect(order.fulfillments).toHaveLength(0);
  });
});
