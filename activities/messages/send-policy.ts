// M3: what the shop's policy and the provider allow at this moment. Asked before every attempt, at
// the time the attempt was scheduled, so a held message is judged again when it wakes.
import type { Message } from '../../generated/prisma/client';
import { localDay, windowEnd } from '../../workflows/shop-clock';
import type { ShopPolicy } from '../../workflows/shop-policy';
import type { PrismaClient } from '../prisma-client';
import { contactProtected } from './through-platform';

/** No address because the platform protects the buyer's and the order's connector cannot message them (through-platform.ts). */
async function buyerProtected(prisma: PrismaClient, message: Message): Promise<boolean> {
  const order = message.orderId
    ? await prisma.order.findUnique({
        where: { shopId_orderId: { shopId: message.shopId, orderId: message.orderId } },
        select: { shippingAddress: true },
      })
    : null;
  return order !== null && contactProtected(order);
}

export type Refusal =
  | { status: 'HELD'; until: number; reason: 'QUIET_HOURS' | 'PROVIDER_SEND_WINDOW' }
  | { status: 'SUPPRESSED'; reason: string };

/** `channelConfigured`: whether the shop has set up the message's channel (the caller reads its row anyway). */
export async function policyRefusal(
  prisma: PrismaClient,
  message: Message,
  policy: ShopPolicy,
  now: number,
  channelConfigured: boolean,
): Promise<Refusal | undefined> {
  const toBuyer = message.audience === 'BUYER';
  if (toBuyer && message.buyerId) {
    const optOut = await prisma.optOut.findUnique({
      where: { shopId_buyerId_channel: { shopId: message.shopId, buyerId: message.buyerId, channel: message.channel } },
    });
    if (optOut) return { status: 'SUPPRESSED', reason: 'OPTED_OUT' };
  }
  if (!channelConfigured) return { status: 'SUPPRESSED', reason: 'CHANNEL_NOT_CONFIGURED' };
  if (toBuyer && !message.recipient)
    return {
      status: 'SUPPRESSED',
      reason: (await buyerProtected(prisma, message)) ? 'PROTECTED_CONTACT' : 'NO_ADDRESS',
    };

  if (toBuyer) {
    const quietEnd = windowEnd(now, policy.messages.quietHours, policy.timeZone);
    if (quietEnd !== undefined) return { status: 'HELD', until: quietEnd, reason: 'QUIET_HOURS' };
  }
  const { sms } = policy.messages;
  if (message.channel === 'SMS') {
    const closed = { start: sms.sendWindow.end, end: sms.sendWindow.start };
    const opens = windowEnd(now, closed, sms.timeZone);
    if (opens !== undefined) return { status: 'HELD', until: opens, reason: 'PROVIDER_SEND_WINDOW' };
  }

  if (toBuyer && message.orderId && message.messageClass === 'FOLLOW_UP') {
    const day = localDay(now, policy.timeZone);
    const sentToday = await prisma.message.count({
      where: {
        shopId: message.shopId,
        orderId: message.orderId,
        audience: 'BUYER',
        status: 'SENT',
        sentAt: { gte: new Date(day.start), lt: new Date(day.end) },
      },
    });
    if (sentToday >= policy.messages.capPerOrderPerDay) return { status: 'SUPPRESSED', reason: 'ORDER_DAILY_CAP' };
  }
  if (message.channel === 'SMS' && message.recipient) {
    const day = localDay(now, sms.timeZone);
    const sentToday = await prisma.message.count({
      where: {
        shopId: message.shopId,
        channel: 'SMS',
        recipient: message.recipient,
        template: message.template,
        status: 'SENT',
        sentAt: { gte: new Date(day.start), lt: new Date(day.end) },
      },
    });
    if (sentToday >= sms.perPhoneAndTemplatePerDay) return { status: 'SUPPRESSED', reason: 'PROVIDER_DAILY_LIMIT' };
  }
  return undefined;
}
