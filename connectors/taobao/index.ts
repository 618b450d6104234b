// Taobao and Tmall through TOP (Taobao Open Platform): messages pulled from TMC, details read from
// the trade and refund APIs, shipments and refund agreements sent back, protected buyers messaged by
// TOP's SMS by OAID; docs/connectors/taobao.md.
import type { Connector } from '../connector';
import { backfillMessages } from './backfill';
import { messageBuyer } from './buyer-message';
import { mapMessage } from './map';
import { permitMessages } from './permit';
import { agreeRefund } from './refund';
import { TAOBAO_SECRET_FIELDS, taobaoSettingsSchema, type TaobaoSettings } from './settings';
import { pushShipment } from './shipment';
import { pullMessages } from './tmc';

export type { TaobaoSettings } from './settings';

export const taobaoConnector: Connector<TaobaoSettings> = {
  platform: 'taobao',
  // Tmall's shops are Taobao's sellers of type B: one connector brings both.
  orderPlatforms: ['taobao', 'tmall'],
  settingsSchema: taobaoSettingsSchema,
  accountField: 'sellerNick',
  secretFields: TAOBAO_SECRET_FIELDS,
  connect: permitMessages,
  pull: pullMessages,
  map: mapMessage,
  backfill: backfillMessages,
  pushShipment,
  refund: agreeRefund,
  messageBuyer,
};
