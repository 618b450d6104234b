// Callers for tests, made straight in the test database: the operator (who may act in every shop),
// shop people with a session, and machines with an API key. Sessions are made without a password,
// so that a test does not pay for scrypt; signing in itself is tested in access-control tests.
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../activities/prisma-client';
import { API_KEY_PREFIX, newCredential, SESSION_PREFIX, sha256 } from '../../api/access/credentials';
import type { ShopRole } from '../../generated/prisma/enums';

const HOUR_MS = 3_600_000;

export async function operatorKey(prisma: PrismaClient): Promise<string> {
  const { id, secret } = newCredential(API_KEY_PREFIX);
  const identityId = 'machine:test-operator';
  await prisma.identity.upsert({
    where: { id: identityId },
    create: { id: identityId, kind: 'MACHINE', name: 'test operator', operator: true },
    update: {},
  });
  await prisma.apiKey.create({ data: { id, identityId, hash: sha256(secret) } });
  return secret;
}

/** A person with `role` in `shopId` (and their other shops kept), and a session token for them. */
export async function personSession(
  prisma: PrismaClient,
  shopId: string,
  login: string,
  role: Exclude<ShopRole, 'platform'>,
  queues: string[] = [],
): Promise<string> {
  const identityId = `person:${login}`;
  await prisma.identity.upsert({
    where: { id: identityId },
    create: { id: identityId, kind: 'PERSON', name: login },
    update: {},
  });
  await prisma.shopMembership.upsert({
    where: { identityId_shopId: { identityId, shopId } },
    create: { identityId, shopId, role, queues },
    update: { role, queues },
  });
  const { id, secret } = newCredential(SESSION_PREFIX);
  await prisma.session.create({
    data: { id, identityId, hash: sha256(secret), expiresAt: new Date(Date.now() + 12 * HOUR_MS) },
  });
  return secret;
}

/** A machine with `role` in `shopId`; `expiresAt` in the past makes an expired key. */
export async function machineKey(
  prisma: PrismaClient,
  shopId: string,
  role: ShopRole,
  options: { expiresAt?: Date; revoked?: boolean } = {},
): Promise<{ keyId: string; key: string }> {
  const { id, secret } = newCredential(API_KEY_PREFIX);
  const identityId = `machine:${id}`;
  await prisma.identity.create({
    data: { id: identityId, kind: 'MACHINE', name: `${role} ${randomBytes(2).toString('hex')}` },
  });
  await prisma.shopMembership.create({ data: { identityId, shopId, role, queues: [] } });
  await prisma.apiKey.create({
    data: {
      id,
      identityId,
      hash: sha256(secret),
      expiresAt: options.expiresAt ?? null,
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return { keyId: id, key: secret };
}
