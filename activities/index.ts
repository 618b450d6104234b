// All activities the worker registers, built from their dependencies.
import type { Client } from '@temporalio/client';
import { createCaseActivities } from './case-activities';
import { createConnectorActivities } from './connector-activities';
import { createOutboxActivities } from './messages/outbox';
import { createOrderActivities } from './order-activities';
import { createPrivacyActivities } from './privacy-activities';
import type { PrismaClient } from './prisma-client';
import { DEFAULT_PUBLIC_BASE_URL } from './progress-link';
import { createRefundActivities } from './refund-activities';
import { createTaskActivities } from './task-activities';
import { allWithoutPersonalData } from './without-personal-data';

/**
 * `temporal` answers whether a workflow still runs (the retention sweep erases nothing under one);
 * `outboundAllowedHosts`: OUTBOUND_ALLOWED_HOSTS, the hosts shop-configured URLs may be http or private on (outbound-url.ts);
 * `publicBaseUrl`: the deployment's public address, which buyers' progress links start with (PUBLIC_BASE_URL).
 */
export function createActivities(
  prisma: PrismaClient,
  temporal: Client,
  outboundAllowedHosts: readonly string[],
  publicBaseUrl: string = DEFAULT_PUBLIC_BASE_URL,
) {
  return allWithoutPersonalData({
    ...createOrderActivities(prisma),
    ...createCaseActivities(prisma),
    ...createOutboxActivities(prisma, outboundAllowedHosts, publicBaseUrl),
    ...createTaskActivities(prisma),
    ...createRefundActivities(prisma, outboundAllowedHosts),
    ...createPrivacyActivities(prisma, temporal),
    ...createConnectorActivities(prisma, temporal, outboundAllowedHosts, publicBaseUrl),
  });
}

export type OrderActivities = ReturnType<typeof createOrderActivities>;
export type CaseActivities = ReturnType<typeof createCaseActivities>;
export type OutboxActivities = ReturnType<typeof createOutboxActivities>;
export type TaskActivities = ReturnType<typeof createTaskActivities>;
export type RefundActivities = ReturnType<typeof createRefundActivities>;
export type PrivacyActivities = ReturnType<typeof createPrivacyActivities>;
export type ConnectorActivities = ReturnType<typeof createConnectorActivities>;
export type { MessageChannel } from './messages/channels';
export type { SendMessageResult } from './messages/outbox';
