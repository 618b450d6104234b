// All activities the worker registers, built from their dependencies.
import { createOrderActivities } from './order-activities';
import type { PrismaClient } from './prisma-client';

export function createActivities(prisma: PrismaClient) {
  return { ...createOrderActivities(prisma) };
}

export type OrderActivities = ReturnType<typeof createOrderActivities>;
