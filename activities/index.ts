// All activities the worker registers, built from their dependencies.
import { createCaseActivities } from './case-activities';
import { createOutboxActivities } from './messages/outbox';
import { createOrderActivities } from './order-activities';
import type { PrismaClient } from './prisma-client';
import { createRefundActivities } from './refund-activities';
import { createTaskActivities } from './task-activities';
import { allWithoutPersonalData } from './without-personal-data';

export function createActivities(prisma: PrismaClient) {
  return allWithoutPersonalData({ ...createOrderActivities(prisma), ...createCaseActivities(prisma), ...createOutboxActivities(prisma), ...createTaskActivities(prisma), ...createRefundActivities(prisma) });
}

export type OrderActivities = ReturnType<typeof createOrderActivities>;
export type CaseActivities = ReturnType<typeof createCaseActivities>;
export type OutboxActivities = ReturnType<typeof createOutboxActivities>;
export type TaskActivities = ReturnType<typeof createTaskActivities>;
export type RefundActivities = ReturnType<typeof createRefundActivities>;
export type { MessageChannel } from './messages/channels';
export type { SendMessageResult } from './messages/outbox';
