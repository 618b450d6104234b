// A shop's connector as a connector's code sees it: its settings with the secrets opened, a way to
// keep renewed credentials sealed again, and the lookups by which it recognises what the product
// itself sent to the platform.
import type { Connector as ConnectorRow, Prisma } from '../generated/prisma/client';
import type { Connector, ConnectorContext } from '../connectors/connector';
import { CONNECTOR_PLATFORMS, type ConnectorPlatform } from '../connectors/platforms';
import { connectorFor } from '../connectors/registry';
import { openSecret, sealSecret } from '../config/secret-box';
import type { PrismaClient } from './prisma-client';

export const SECRET_SHOWN_AS = '(set)';

const isPlatform = (name: string): name is ConnectorPlatform => (CONNECTOR_PLATFORMS as readonly string[]).includes(name);

function mapSecrets(connector: Connector, settings: object, change: (value: string) => string): Record<string, unknown> {
  const fields = connector.secretFields as readonly string[];
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, fields.includes(key) && typeof value === 'string' ? change(value) : value]));
}

export const sealedSettings = (connector: Connector, settings: object) => mapSecrets(connector, settings, sealSecret) as Prisma.InputJsonValue;
export const shownSettings = (connector: Connector, settings: object) => mapSecrets(connector, settings, () => SECRET_SHOWN_AS);
export const openedSettings = (connector: Connector, settings: object) => mapSecrets(connector, settings, openSecret);

export function connectorContext(prisma: PrismaClient, row: ConnectorRow, outboundAllowedHosts: readonly string[]): { connector: Connector; ctx: ConnectorContext<object> } {
  const platform = row.platform as ConnectorPlatform;
  const connector = connectorFor(platform);
  const { shopId } = row;
  const ctx: ConnectorContext<object> = {
    shopId,
    settings: openedSettings(connector, row.settings as object),
    outboundAllowedHosts,
    async saveSettings(settings) {
      ctx.settings = settings;
      await prisma.connector.update({ where: { shopId_platform: { shopId, platform } }, data: { settings: sealedSettings(connector, settings) } });
    },
    async ownShipment(orderId, { platformRef, trackingNumber }) {
      const matches: Prisma.ConnectorPushWhereInput[] = [];
      if (platformRef) matches.push({ platformRef });
      if (trackingNumber) matches.push({ data: { path: ['trackingNumber'], equals: trackingNumber } });
      return matches.length > 0 && (await prisma.connectorPush.count({ where: { shopId, platform, orderId, kind: 'SHIPMENT', OR: matches } })) > 0;
    },
    async ownRefund(orderId, platformRefundId) {
      // Rows the product asked for; `platform:` rows are the platform's own refunds it told us of.
      return (await prisma.refund.count({ where: { shopId, orderId, providerRefundId: platformRefundId, NOT: { id: { startsWith: 'platform:' } } } })) > 0;
    },
  };
  return { connector, ctx };
}

/** The enabled connector an order came through (by the platform its order carries), if any. */
export async function orderConnector(prisma: PrismaClient, shopId: string, orderId: string): Promise<ConnectorRow | null> {
  // Most shops have no connector: then the order need not be read.
  const rows = await prisma.connector.findMany({ where: { shopId, enabled: true } });
  if (!rows.length) return null;
  const intake = await prisma.orderIntake.findUnique({ where: { shopId_orderId: { shopId, orderId } }, select: { payload: true } });
  const orderPlatform = (intake?.payload as { platform?: string } | undefined)?.platform;
  if (!orderPlatform) return null;
  return rows.find((row) => isPlatform(row.platform) && connectorFor(row.platform).orderPlatforms.includes(orderPlatform)) ?? null;
}
