// Who is calling: an API key or a session token, as `Authorization: Bearer <secret>` (or the
// session cookie a browser holds). Only the secret's SHA-256 is looked up.
import type { Request } from 'express';
import type { PrismaClient } from '../../activities/prisma-client';
import type { Caller } from '../route-table';
import { SESSION_PREFIX, sha256 } from './credentials';

export const SESSION_COOKIE = 'bo_session';

/** lastUsedAt is written at most this often per key, so that a busy key costs one write a minute, not one per request. */
const LAST_USED_EVERY_MS = 60_000;

export type Authentication = { caller: Caller } | { refused: 'missing' | 'unknown' | 'revoked' | 'expired' };

function presentedSecret(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header) return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? header;
  const cookie = req
    .get('cookie')
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === SESSION_COOKIE);
  return cookie?.[1] ? decodeURIComponent(cookie[1]) : undefined;
}

export async function authenticate(prisma: PrismaClient, req: Request): Promise<Authentication> {
  const secret = presentedSecret(req);
  if (!secret) return { refused: 'missing' };
  const hash = sha256(secret);
  const now = new Date();
  // Keys made here start with bok_; ADMIN_API_KEY is whatever the deployment chose.
  if (!secret.startsWith(SESSION_PREFIX)) {
    const key = await apiKeyOf(prisma, hash);
    if (!key) return { refused: 'unknown' };
    if (key.revokedAt) return { refused: 'revoked' };
    if (key.expiresAt && key.expiresAt <= now) return { refused: 'expired' };
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
      await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
    }
    return {
      caller: {
        identityId: key.identityId,
        kind: key.kind,
        name: key.name,
        operator: key.operator,
        credentialId: `key:${key.id}`,
      },
    };
  }
  const session = await prisma.session.findUnique({ where: { hash }, include: { identity: true } });
  if (!session) return { refused: 'unknown' };
  if (session.revokedAt) return { refused: 'revoked' };
  if (session.expiresAt <= now) return { refused: 'expired' };
  const { identity } = session;
  return {
    caller: {
      identityId: identity.id,
      kind: identity.kind,
      name: identity.name,
      operator: identity.operator,
      credentialId: `session:${session.id}`,
    },
  };
}

/** The key with its identity in one query: every request with a key asks it, and a Prisma `include` is two. */
async function apiKeyOf(prisma: PrismaClient, hash: string) {
  const [row] = await prisma.$queryRaw<
    {
      id: string;
      revokedAt: Date | null;
      expiresAt: Date | null;
      lastUsedAt: Date | null;
      identityId: string;
      kind: Caller['kind'];
      name: string;
      operator: boolean;
    }[]
  >`
    SELECT k.id, k.revoked_at AS "revokedAt", k.expires_at AS "expiresAt", k.last_used_at AS "lastUsedAt",
           i.id AS "identityId", i.kind::text AS kind, i.name, i.operator
    FROM api_keys k JOIN identities i ON i.id = k.identity_id
    WHERE k.hash = ${hash}`;
  return row;
}
