// The settings a shop gives for its Shopify store, as PUT /shops/:shopId/connectors/shopify takes them.
import { shopifyConnector } from '../../connectors/shopify';
import { TEST_ALLOWED_HOSTS } from '../helpers/outbound';

const schema = shopifyConnector.settingsSchema(TEST_ALLOWED_HOSTS);
const base = { shopDomain: 'My-Store.myshopify.com', accessToken: 'shpat_x', webhookSecret: 'secret' };

describe('Shopify settings', () => {
  test('the Admin API is the store’s own domain unless told otherwise; the token and the app’s secret are the secrets', () => {
    expect(schema.parse(base)).toEqual({
      shopDomain: 'my-store.myshopify.com',
      adminApiUrl: 'https://my-store.myshopify.com',
      accessToken: 'shpat_x',
      webhookSecret: 'secret',
      timeoutMs: 10_000,
    });
    expect(shopifyConnector.secretFields).toEqual(['accessToken', 'webhookSecret']);
  });

  test('a domain that is not a myshopify.com store, or an Admin API URL the outbound rule refuses, is refused', () => {
    expect(schema.safeParse({ ...base, shopDomain: 'shop.example.com' }).success).toBe(false);
    expect(schema.safeParse({ ...base, adminApiUrl: 'http://10.0.0.5:8080' }).success).toBe(false);
    expect(schema.safeParse({ ...base, adminApiUrl: 'http://127.0.0.1:4000/' }).data?.adminApiUrl).toBe(
      'http://127.0.0.1:4000',
    );
  });
});
