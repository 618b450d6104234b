// The test database prepared by tests/setup/global-setup.ts.
import { createPrismaClient, type PrismaClient } from '../../activities/prisma-client';

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set (tests/setup/global-setup.ts sets it)');
  return url;
}

export function testPrisma(): PrismaClient {
  return createPrismaClient(testDatabaseUrl());
}
