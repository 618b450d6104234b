// Shopify: webhooks in (signed with the app's secret), the Admin GraphQL API out (the shop's
// token from the app's install), at one pinned API version. docs/connectors/shopify.md says how a
// shop connects and what maps to which rule.
import type { Connector } from '../connector';
import { backfillShopify } from './backfill';
import { shopifyInstall } from './install';
import { mapShopifyMessage } from './map';
import { shopifyRefund } from './refund';
import { SHOPIFY_SECRET_FIELDS, shopifySettingsSchema, type ShopifySettings } from './settings';
import { pushShopifyShipment } from './shipment';
import { verifyShopifyWebhook } from './webhook';

export type { ShopifySettings } from './settings';

export const shopifyConnector: Connector<ShopifySettings> = {
  platform: 'shopify',
  orderPlatforms: ['shopify'],
  settingsSchema: shopifySettingsSchema,
  accountField: 'shopDomain',
  secretFields: SHOPIFY_SECRET_FIELDS,
  install: shopifyInstall,
  verifyWebhook: verifyShopifyWebhook,
  map: mapShopifyMessage,
  backfill: backfillShopify,
  pushShipment: pushShopifyShipment,
  refund: shopifyRefund,
};
