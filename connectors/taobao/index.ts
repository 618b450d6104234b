// Placeholder while the taobao connector is being built on its own branch.
import { z } from 'zod';
import type { Connector } from '../connector';

const notYet = () => Promise.reject(new Error('the taobao connector is not built yet'));

export const taobaoConnector: Connector<{ placeholder?: string }> = {
  platform: 'taobao',
  orderPlatforms: ['taobao'],
  settingsSchema: () => z.strictObject({ placeholder: z.string().optional() }),
  secretFields: [],
  map: notYet,
  backfill: notYet,
  pushShipment: notYet,
  refund: notYet,
};
