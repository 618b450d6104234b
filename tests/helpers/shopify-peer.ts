// One Shopify peer per test file, forgotten before each test, and the ConnectorContext the core
// would hand the connector for a shop connected to it. ownShipment/ownRefund are the core's plain
// lookups of what the product pushed; here they read what the test says the product pushed.
import { randomUUID } from 'node:crypto';
import type { ConnectorContext } from '../../connectors/connector';
import { shopifyConnector, type ShopifySettings } from '../../connectors/shopify';
import { SHOPIFY_API_VERSION } from '../../connectors/shopify/settings';
import { ShopifyPeer } from '../peers/shopify-peer';
import { TEST_ALLOWED_HOSTS } from './outbound';

export const SHOPIFY_ACCESS_TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
export const SHOPIFY_APP_SECRET = 'shopify-app-client-secret-0123456789';

/** What the product pushed, as the core's lookups would find it. */
export interface Pushed {
  shipments: { orderId: string; platformRef?: string; trackingNumber: string }[];
  refunds: { orderId: string; providerRefundId: string }[];
}

export interface ShopifyTestShop {
  peer: ShopifyPeer;
  pushed: Pushed;
  /** A fresh context per call; each test gets its own store domain, so the connector's remembered rate-limit bucket is that test's. */
  ctx(overrides?: Partial<ShopifySettings>): ConnectorContext<ShopifySettings>;
}

export function runShopifyPeerDuringTests(): ShopifyTestShop {
  let shopDomain = '';
  const peer = new ShopifyPeer(
    'placeholder.myshopify.com',
    SHOPIFY_ACCESS_TOKEN,
    SHOPIFY_APP_SECRET,
    SHOPIFY_API_VERSION,
  );
  const pushed: Pushed = { shipments: [], refunds: [] };
  beforeAll(() => peer.listen());
  beforeEach(() => {
    peer.reset();
    shopDomain = `shop-${randomUUID().slice(0, 8)}.myshopify.com`;
    peer.shopDomain = shopDomain;
    pushed.shipments = [];
    pushed.refunds = [];
  });
  afterAll(() => peer.close());

  const ctx = (overrides: Partial<ShopifySettings> = {}): ConnectorContext<ShopifySettings> => ({
    shopId: 'shop-shopify',
    settings: shopifyConnector.settingsSchema(TEST_ALLOWED_HOSTS).parse({
      shopDomain,
      adminApiUrl: peer.url,
      accessToken: SHOPIFY_ACCESS_TOKEN,
      webhookSecret: SHOPIFY_APP_SECRET,
      timeoutMs: 1000,
      ...overrides,
    }),
    saveSettings: () => Promise.resolve(),
    outboundAllowedHosts: TEST_ALLOWED_HOSTS,
    ownShipment: (orderId, match) =>
      Promise.resolve(
        pushed.shipments.some(
          (s) =>
            s.orderId === orderId &&
            ((match.platformRef !== undefined && s.platformRef === match.platformRef) ||
              (match.trackingNumber !== undefined && s.trackingNumber === match.trackingNumber)),
        ),
      ),
    ownRefund: (orderId, platformRefundId) =>
      Promise.resolve(pushed.refunds.some((r) => r.orderId === orderId && r.providerRefundId === platformRefundId)),
  });
  return { peer, pushed, ctx };
}
