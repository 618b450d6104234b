// Shopify's webhooks as the peer sends them, over HTTP, into verifyWebhook: Shopify's HMAC of the
// raw body under the app's secret, the store's domain, the delivery id the product dedups by.
import { shopifyConnector } from '../../connectors/shopify';
import { runShopifyPeerDuringTests } from '../helpers/shopify-peer';
import { addShopifyOrder } from '../helpers/shopify-orders';
import { WebhookInbox } from '../helpers/shopify-webhooks';

const shop = runShopifyPeerDuringTests();
const inbox = new WebhookInbox();
beforeAll(() => inbox.listen());
beforeEach(() => {
  inbox.received = [];
});
afterAll(() => inbox.close());

const verify = (request: (typeof inbox.received)[number]) =>
  shopifyConnector.verifyWebhook!(shop.ctx().settings, request);

async function delivered(webhook: ReturnType<typeof shop.peer.webhook>) {
  expect(await shop.peer.deliver(inbox.url, webhook)).toBe(200);
  return inbox.received[inbox.received.length - 1];
}

describe('Shopify webhooks: verified as Shopify signs them', () => {
  test('a webhook signed with the app’s secret for this store is a message: its delivery id, topic, time and order', async () => {
    const order = addShopifyOrder(shop.peer);
    const webhook = shop.peer.webhook('orders/create', shop.peer.orderPayload(order), {
      triggeredAt: '2026-11-20T01:30:01.123456789Z',
    });
    const verdict = verify(await delivered(webhook));
    expect(verdict).toEqual({
      ok: true,
      message: {
        messageId: webhook.headers['x-shopify-webhook-id'],
        topic: 'orders/create',
        occurredAt: '2026-11-20T01:30:01.123456789Z',
        platformOrderId: String(order.id),
        payload: shop.peer.orderPayload(order),
      },
    });
  });

  test('a body changed after signing is refused', async () => {
    const order = addShopifyOrder(shop.peer);
    const webhook = shop.peer.webhook('orders/paid', shop.peer.orderPayload(order));
    const tampered = { ...webhook, body: Buffer.from(webhook.body.toString('utf8').replace('"124.00"', '"1.00"')) };
    expect(verify(await delivered(tampered))).toEqual({
      ok: false,
      reason: 'the HMAC does not match the body under the app’s secret',
    });
  });

  test('a webhook signed with another secret is refused', async () => {
    const order = addShopifyOrder(shop.peer);
    const webhook = shop.peer.webhook('orders/paid', shop.peer.orderPayload(order), {
      secret: 'another-apps-secret-0123456789',
    });
    expect(verify(await delivered(webhook))).toMatchObject({
      ok: false,
      reason: 'the HMAC does not match the body under the app’s secret',
    });
  });

  test('a webhook well signed by our app but for another store is not this shop’s', async () => {
    const order = addShopifyOrder(shop.peer);
    const webhook = shop.peer.webhook('orders/paid', shop.peer.orderPayload(order), {
      shopDomain: 'someone-else.myshopify.com',
    });
    expect(verify(await delivered(webhook))).toEqual({
      ok: false,
      reason: 'X-Shopify-Shop-Domain is not this shop’s store',
    });
  });

  test('a webhook without a signature or with a malformed one is refused', async () => {
    const order = addShopifyOrder(shop.peer);
    const webhook = shop.peer.webhook('orders/paid', shop.peer.orderPayload(order));
    const malformed = { ...webhook, headers: { ...webhook.headers, 'x-shopify-hmac-sha256': 'not base64 at all!' } };
    expect(verify(await delivered(malformed))).toEqual({
      ok: false,
      reason: 'the HMAC does not match the body under the app’s secret',
    });
    const headers = Object.fromEntries(
      Object.entries(webhook.headers).filter(([name]) => name !== 'x-shopify-hmac-sha256'),
    );
    expect(verify(await delivered({ ...webhook, headers }))).toEqual({
      ok: false,
      reason: 'no X-Shopify-Hmac-Sha256 header',
    });
  });

  test('the same webhook delivered twice, and replayed later, is the same message (same id), so the product keeps it once', async () => {
    const order = addShopifyOrder(shop.peer);
    const webhook = shop.peer.webhook('orders/create', shop.peer.orderPayload(order));
    const first = verify(await delivered(webhook));
    const again = verify(await delivered(webhook));
    const replay = verify(await delivered(webhook));
    expect(first.ok && again.ok && replay.ok).toBe(true);
    expect(again).toEqual(first);
    expect(replay).toEqual(first);
    const mapped = await Promise.all(
      [first, replay].map((v) => (v.ok ? shopifyConnector.map(shop.ctx(), v.message) : undefined)),
    );
    expect(mapped[1]).toEqual(mapped[0]);
  });

  test('a topic the connector does not map is still a verified message, and maps to unmapped with the reason', async () => {
    const webhook = shop.peer.webhook('orders/create', { id: 1, updated_at: '2026-11-20T01:00:00Z' });
    const request = await delivered({
      ...webhook,
      headers: { ...webhook.headers, 'x-shopify-topic': 'products/update' },
    });
    const verdict = verify(request);
    expect(verdict).toMatchObject({ ok: true, message: { topic: 'products/update' } });
    if (verdict.ok)
      expect(await shopifyConnector.map(shop.ctx(), verdict.message)).toEqual({
        kind: 'unmapped',
        reason: 'the topic products/update is not one the connector maps',
      });
  });
});
