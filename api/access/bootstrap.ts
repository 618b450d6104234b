// The first credential of a deployment: an operator who may act as admin in every shop, so that
// shops' admins, people and platform keys can be made through the API. ADMIN_API_KEY sets its key
// for deployments; otherwise one is made on the first start, shown once and kept in the data
// folder (mode 0600), so the two-command start needs nothing more.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PrismaClient } from '../../activities/prisma-client';
import { DATA_DIR } from '../../config/paths';
import { API_KEY_PREFIX, newCredential, sha256 } from './credentials';

export const OPERATOR_ID = 'machine:operator';
export const OPERATOR_KEY_FILE = join(DATA_DIR, 'operator-api-key');
const ENV_KEY_ID = 'operator-env';

export type Bootstrap =
  { made: 'from_env' } | { made: 'new'; key: string; file: string } | { made: 'existing'; file: string | null };

export async function ensureOperator(prisma: PrismaClient, adminApiKey: string | undefined): Promise<Bootstrap> {
  await prisma.identity.upsert({
    where: { id: OPERATOR_ID },
    create: { id: OPERATOR_ID, kind: 'MACHINE', name: 'operator', operator: true },
    update: {},
  });
  if (adminApiKey) {
    // One key stands for ADMIN_API_KEY: changing the variable replaces it, and a key made at an
    // earlier first start (kept in the data folder) stops working once the deployment sets its own.
    const hash = sha256(adminApiKey);
    await prisma.apiKey.upsert({
      where: { id: ENV_KEY_ID },
      create: { id: ENV_KEY_ID, identityId: OPERATOR_ID, hash },
      update: { hash, revokedAt: null },
    });
    await prisma.apiKey.updateMany({
      where: { identityId: OPERATOR_ID, id: { not: ENV_KEY_ID }, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return { made: 'from_env' };
  }
  const active = await prisma.apiKey.count({ where: { identityId: OPERATOR_ID, revokedAt: null } });
  if (active) return { made: 'existing', file: existsSync(OPERATOR_KEY_FILE) ? OPERATOR_KEY_FILE : null };
  const { id, secret } = newCredential(API_KEY_PREFIX);
  await prisma.apiKey.create({ data: { id, identityId: OPERATOR_ID, hash: sha256(secret) } });
  mkdirSync(dirname(OPERATOR_KEY_FILE), { recursive: true });
  writeFileSync(OPERATOR_KEY_FILE, `${secret}\n`, { mode: 0o600 });
  return { made: 'new', key: secret, file: OPERATOR_KEY_FILE };
}
