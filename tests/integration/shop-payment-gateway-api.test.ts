// The shop's payment gateway (A5) through the HTTP API: stored with its default timeout, the
// secret never shown again, bad input named field by field. These routes reach only the
// database, so no Temporal server is needed.
import { openSecret } from '../../config/secret-box';
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests } from '../helpers/api-server';
import { testPrisma } from '../helpers/database';
import type { WorkerHarness } from '../helpers/worker-harness';

// The app is built with a client that is never called.
const harness = { env: { client: {} } } as unknown as WorkerHarness;
beforeAll(() => {
  harness.prisma = testPrisma();
});
afterAll(() => harness.prisma.$disconnect());
const api = serveApiDuringTests(harness);

const shopId = () => `shop-gateway-${randomUUID().slice(0, 8)}`;
const SECRET = 'a-very-long-gateway-secret';

describe('shop payment gateway API (A5)', () => {
  test('a shop without a gateway gets 404 payment_gateway_not_configured', async () => {
    const res = await api.call('GET', `/shops/${shopId()}/payment-gateway`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('payment_gateway_not_configured');
  });

  test('a gateway is stored with the default timeout, replaced by a second PUT, and its secret is never shown', async () => {
    const shop = shopId();
    const put = await api.call('PUT', `/shops/${shop}/payment-gateway`, {
      url: 'https://pay.shop.example.test/refunds',
      secret: SECRET,
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      shopId: shop,
      url: 'https://pay.shop.example.test/refunds',
      secret: '(set)',
      timeoutMs: 10000,
      updatedAt: expect.any(String),
    });

    await api.call('PUT', `/shops/${shop}/payment-gateway`, {
      url: 'https://pay2.shop.example.test/refunds',
      secret: `${SECRET}-2`,
      timeoutMs: 3000,
    });
    const got = await api.call('GET', `/shops/${shop}/payment-gateway`);
    expect(got.body).toMatchObject({ url: 'https://pay2.shop.example.test/refunds', secret: '(set)', timeoutMs: 3000 });
    expect(JSON.stringify(got.body)).not.toContain(SECRET);
    const stored = await harness.prisma.shopPaymentGateway.findUniqueOrThrow({ where: { shopId: shop } });
    expect(stored.secret).not.toContain(SECRET);
    expect(openSecret(stored.secret)).toBe(`${SECRET}-2`);
  });

  test('a bad body gets a 400 naming each field, and nothing is stored', async () => {
    const shop = shopId();
    const bad = await api.call('PUT', `/shops/${shop}/payment-gateway`, {
      url: 'ftp://pay.example.test/',
      secret: 'short',
      timeoutMs: 50,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['secret', 'timeoutMs', 'url']);
    expect((await api.call('GET', `/shops/${shop}/payment-gateway`)).status).toBe(404);
  });
});
