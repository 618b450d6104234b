// All activities the worker registers, built from their dependencies.
import { createCaseActivities } from './case-activities';
import { createOutboxActivities } from './messages/outbox';
import { createOrderActivities } from './order-activities';
import type { PrismaClient } from './prisma-client';
import { createRefundActivities } from './refund-activities';
import { createTaskActivities } from './task-activities';
import { allWithoutPersonalData } from './without-personal-data';

/** `outboundAllowedHosts`: OUTBOUND_ALLOWED_HOSTS, the hosts shop-configured URLs may be http or private on (outbound-url.ts). */
export function createActivities(prisma: PrismaClient, outboundAllowedHosts: readonly string[]) {
  return allWithoutPersonalData({
    ...createOrderActivities(prisma),
    ...createCaseActivities(prisma),
    ...createOutboxActivities(prisma, outboundAllowedHosts),
    ...createTaskActivities(prisma),
    ...createRefundActivities(prisma, outboundAllowedHosts),
  });
}

export type OrderActivities = ReturnType<typeof createOrderActivities>;
export type CaseActivities = ReturnType<typeof createCaseActivities>;
export type OutboxActivities = ReturnType<typeof createOutboxActivities>;
export type TaskActivities = ReturnType<typeof createTaskActivities>;
export type RefundActivities = ReturnType<typeof createRefundActivities>;
export type { MessageChannel } from './messages/channels';
export type { SendMessageResult } from './messages/outbox';
