// What the product tells a platform: a shipment the shop made (a warehouse task, the shop's ERP)
// on an order that came through a connector. The push is written in the same transaction as the
// order's change, so it is neither lost nor made twice; the connector's round sends it, and its
// row (with the platform's id of the shipment) is how the platform's echo is recognised.
import type { Prisma } from '../generated/prisma/client';
import {
  PlatformRefusedError,
  PlatformUnavailableError,
  type Connector,
  type ConnectorContext,
} from '../connectors/connector';
import { orderConnector } from './connector-context';
import { heartbeat, type ConnectorRef } from './connector-messages';
import type { PrismaClient } from './prisma-client';

const PUSHES_PER_ROUND = 50;

export const shipmentPushId = (orderId: string, trackingNumber: string) => `shipment:${orderId}:${trackingNumber}`;

/** The push to write with an order's `shipped` change, unless the platform itself told us of the shipment. */
export async function shipmentPush(
  prisma: PrismaClient,
  change: { shopId: string; orderId: string; actor: string; courier: string; trackingNumber: string },
): Promise<Prisma.ConnectorPushCreateManyInput | null> {
  const { shopId, orderId, actor, courier, trackingNumber } = change;
  // Written while the connector is off too: the next round after it is switched on sends it.
  const row = await orderConnector(prisma, shopId, orderId);
  if (!row || row.platform === actor) return null;
  // The shop's own key, so that two shops' ids never meet.
  return {
    id: `${shopId}:${shipmentPushId(orderId, trackingNumber)}`,
    shopId,
    platform: row.platform,
    orderId,
    kind: 'SHIPMENT',
    data: { courier, trackingNumber },
  };
}

/** Sends the pushes waiting; answers how many went and how many still wait. */
export async function sendPushes(
  prisma: PrismaClient,
  ref: ConnectorRef,
  connector: Connector,
  ctx: ConnectorContext<object>,
): Promise<{ sent: number; waiting: number; lastError?: string }> {
  const pending = await prisma.connectorPush.findMany({
    where: { ...ref, status: 'PENDING' },
    orderBy: { createdAt: 'asc' },
    take: PUSHES_PER_ROUND,
  });
  let sent = 0;
  let lastError: string | undefined;
  for (const push of pending) {
    heartbeat();
    const { courier, trackingNumber } = push.data as { courier: string; trackingNumber: string };
    try {
      const { platformRef } = await connector.pushShipment(ctx, {
        pushId: push.id,
        orderId: push.orderId,
        courier,
        trackingNumber,
      });
      await prisma.connectorPush.update({
        where: { id: push.id },
        data: { status: 'SENT', platformRef, attempts: { increment: 1 }, lastError: null, sentAt: new Date() },
      });
      sent++;
    } catch (err) {
      if (!(err instanceof PlatformUnavailableError) && !(err instanceof PlatformRefusedError)) throw err;
      lastError = err.message;
      const refused = err instanceof PlatformRefusedError;
      await prisma.connectorPush.update({
        where: { id: push.id },
        data: { ...(refused ? { status: 'REFUSED' } : {}), attempts: { increment: 1 }, lastError: err.message },
      });
      // The platform is down: the others would only wait out the same timeout.
      if (!refused) break;
    }
  }
  return { sent, waiting: pending.length - sent, ...(lastError ? { lastError } : {}) };
}
