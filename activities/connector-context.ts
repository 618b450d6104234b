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

const isPlatform = (name: string): name is ConnectorPlatform =>
  (CONNECTOR_PLATFORMS as readonly string[]).includes(name);

function mapSecrets(
  connector: Connector,
  settings: object,
  change: (value: string) => string,
): Record<string, unknown> {
  const fields = connector.secretFields as readonly string[];
  return Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [
      key,
      fields.includes(key) && typeof value === 'string' ? change(value) : value,
    ]),
  );
}

export const sealedSettings = (connector: Connector, settings: object) =>
  mapSecrets(connector, settings, sealSecret) as Prisma.InputJsonValue;
export const shownSettings = (connector: Connector, settings: object) =>
  mapSecrets(connector, settings, () => SECRET_SHOWN_AS);
export const openedSettings = (connector: Connector, settings: object) => mapSecrets(connector, settings, openSecret);

export function connectorContext(
  prisma: PrismaClient,
  row: ConnectorRow,
  outboundAllowedHosts: readonly string[],
): { connector: Connector; ctx: ConnectorContext<object> } {
  const platform = row.platform as ConnectorPlatform;
  const connector = connectorFor(platform);
  const { shopId } = row;
  const ctx: ConnectorContext<object> = {
    shopId,
    settings: openedSettings(connector, row.settings as object),
    outboundAllowedHosts,
    async saveSettings(settings) {
      // Only what the connector changed (a renewed key), over what is stored now: an admin's PUT
      // during the round is kept, and the next round reads both.
      const changed = Object.entries(settings).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify((ctx.settings as Record<string, unknown>)[key]),
      );
      ctx.settings = settings;
      if (!changed.length) return;
      await prisma.$transaction(async (tx) => {
        const current = await tx.connector.findUniqueOrThrow({ where: { shopId_platform: { shopId, platform } } });
        const merged = {
          ...(current.settings as Record<string, unknown>),
          ...(sealedSettings(connector, Object.fromEntries(changed)) as Record<string, unknown>),
        };
        await tx.connector.update({
          where: { shopId_platform: { shopId, platform } },
          data: { settings: merged as Prisma.InputJsonValue },
        });
      });
    },
    async ownShipment(orderId, { platformRef, trackingNumber }) {
      const matches: Prisma.ConnectorPushWhereInput[] = [];
      if (platformRef) matches.push({ platformRef });
      if (trackingNumber) matches.push({ data: { path: ['trackingNumber'], equals: trackingNumber } });
      return (
        matches.length > 0 &&
        (await prisma.connectorPush.count({ where: { shopId, platform, orderId, kind: 'SHIPMENT', OR: matches } })) > 0
      );
    },
    async ownRefund(orderId, platformRefundId) {
      // Rows the product asked for (`platform:` rows are the platform's own refunds it told us of):
      // by the id the platform answered, or, before that answer is written, by the case the
      // platform's refund request opened (its id is the platform's refund id).
      const ours = { shopId, orderId, NOT: { id: { startsWith: 'platform:' } } };
      return (
        (await prisma.refund.count({
          where: {
            ...ours,
            OR: [{ providerRefundId: platformRefundId }, { caseId: platformRefundId, status: { not: 'VOIDED' } }],
          },
        })) > 0
      );
    },
  };
  return { connector, ctx };
}

/**
 * The connector an order came through (by the platform its order carries), if any, switched on or
 * off: its shipments and refunds are the platform's business either way, and wait while it is off.
 */
export async function orderConnector(
  prisma: PrismaClient,
  shopId: string,
  orderId: string,
): Promise<ConnectorRow | null> {
  // Most shops have no connector: then the order need not be read.
  const rows = await prisma.connector.findMany({ where: { shopId } });
  if (!rows.length) return null;
  const intake = await prisma.orderIntake.findUnique({
    where: { shopId_orderId: { shopId, orderId } },
    select: { payload: true },
  });
  const orderPlatform = (intake?.payload as { platform?: string } | undefined)?.platform;
  if (!orderPlatform) return null;
  return (
    rows.find((row) => isPlatform(row.platform) && connectorFor(row.platform).orderPlatforms.includes(orderPlatform)) ??
    null
  );
}
