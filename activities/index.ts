// All activities the worker registers, built from their dependencies.
import { createOrderActivities } from './order-activities';
import type { PrismaClient } from './prisma-client';
import { allWithoutPersonalData } from './without-personal-data';

export function createActivities(prisma: PrismaClient) {
  return allWithoutPersonalData({ ...createOrderActivities(prisma) });
}

export type OrderActivities = ReturnType<typeof createOrderActivities>;
