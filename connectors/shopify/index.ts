// Placeholder while the shopify connector is being built on its own branch.
import { z } from 'zod';
import type { Connector } from '../connector';

const notYet = () => Promise.reject(new Error('the shopify connector is not built yet'));

export const shopifyConnector: Connector<{ placeholder?: string }> = {
  platform: 'shopify',
  orderPlatforms: ['shopify'],
  settingsSchema: () => z.strictObject({ placeholder: z.string().optional() }),
  secretFields: [],
  map: notYet,
  backfill: notYet,
  pushShipment: notYet,
  refund: notYet,
};
