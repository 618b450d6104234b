// A buyer whose contact the platform protects (the order's address carries the platform's oaid, and
// no phone or email of theirs is given) is reached through the order's connector, when it can
// message buyers. The row keeps its channel; its recipient, `platform:<platform>:<buyerId>`, says it
// goes through the platform and keeps the policy's per-recipient limits per buyer.
import type { Message, Order } from '../../generated/prisma/client';
import { PlatformAnswerLostError, PlatformRefusedError } from '../../connectors/connector';
import { connectorContext, orderConnector } from '../connector-context';
import { connectorFor } from '../../connectors/registry';
import type { ConnectorPlatform } from '../../connectors/platforms';
import type { PrismaClient } from '../prisma-client';
import { PermanentDeliveryError, type DeliveryReceipt } from './channels/channel';

const PREFIX = 'platform:';

export const throughPlatform = (recipient: string | null): boolean => recipient?.startsWith(PREFIX) === true;

export function contactProtected(order: Pick<Order, 'shippingAddress'>): boolean {
  const address = order.shippingAddress as { oaid?: unknown } | null;
  return typeof address?.oaid === 'string' && address.oaid !== '';
}

/** The recipient for a protected buyer, when the order's connector can message them. */
export async function platformRecipient(
  prisma: PrismaClient,
  order: Pick<Order, 'shopId' | 'orderId' | 'buyerId' | 'shippingAddress'>,
): Promise<string | null> {
  if (!contactProtected(order)) return null;
  const row = await orderConnector(prisma, order.shopId, order.orderId);
  return row?.enabled && connectorFor(row.platform as ConnectorPlatform).messageBuyer
    ? `${PREFIX}${row.platform}:${order.buyerId}`
    : null;
}

/**
 * Platforms document no key by which they would recognise a repeated message, so an answer lost
 * is final: sending again could reach the buyer twice. A refusal is final as well; a platform that
 * cannot be reached or asks to wait is tried again.
 */
export async function sendThroughPlatform(
  prisma: PrismaClient,
  outboundAllowedHosts: readonly string[],
  message: Message,
  variables: Record<string, string>,
): Promise<DeliveryReceipt> {
  const row = message.orderId ? await orderConnector(prisma, message.shopId, message.orderId) : null;
  // orderConnector finds a switched-off connector too (its shipments and refunds wait for it); a message does not go through one.
  const { connector, ctx } = row?.enabled ? connectorContext(prisma, row, outboundAllowedHosts) : {};
  if (!connector?.messageBuyer || !ctx || !message.orderId)
    throw new PermanentDeliveryError('PLATFORM_NOT_CONNECTED', "The order's connector is off or cannot message buyers");
  try {
    return await connector.messageBuyer(ctx, {
      messageId: message.id,
      orderId: message.orderId,
      template: message.template,
      variables,
    });
  } catch (err) {
    if (err instanceof PlatformAnswerLostError)
      throw new PermanentDeliveryError(
        'PLATFORM_ANSWER_LOST',
        'The platform may have sent the message but its answer was lost; it is not sent again',
      );
    if (err instanceof PlatformRefusedError) throw new PermanentDeliveryError('PLATFORM_REFUSED', err.message);
    throw err;
  }
}
