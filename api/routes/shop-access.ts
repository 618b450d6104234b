// A shop's admin says who works in the shop and as what: people (login, password, role, queues)
// and machines (API keys for a platform or a shop system, shown once), and reads the audit log.
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { ShopRole } from '../../generated/prisma/enums';
import { TASK_QUEUES } from '../../workflows/task-kinds';
import { API_KEY_PREFIX, hashPassword, newCredential, sha256 } from '../access/credentials';
import { error, isoTime, jsonValue, noContent } from '../response-schemas';
import { fail, ok, route } from '../route-table';
import { ADMIN } from './roles';
import { shopPath } from './shop-policy';
import { loginSchema } from './sessions';

const ROLES = Object.values(ShopRole);
const DAY_MS = 86_400_000;

const personPath = shopPath.extend({ login: loginSchema });
const personBody = z.strictObject({
  role: z.enum(ROLES).exclude(['platform']),
  /** The queues a person works; none given: every queue but the supervisor's (supervisors and admins work all). */
  queues: z.array(z.enum(TASK_QUEUES)).max(TASK_QUEUES.length).default([]),
  /** Needed for a new person; changes the password of one who works only in this shop. */
  password: z.string().min(12, 'at least 12 characters').max(200).optional(),
});
const member = z.object({
  identityId: z.string(),
  kind: z.enum(['PERSON', 'MACHINE']),
  name: z.string(),
  role: z.enum(ROLES),
  queues: z.array(z.string()),
  createdAt: isoTime,
});
const keyBody = z.strictObject({
  name: z.string().trim().min(1).max(80),
  role: z.enum(ROLES),
  expiresInDays: z.int().min(1).max(730).default(365),
});
const keyPath = shopPath.extend({ keyId: z.string().regex(/^[0-9a-f]{12}$/, 'a key id as listed') });
const keyView = z.object({
  keyId: z.string(),
  identityId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: isoTime,
  expiresAt: isoTime.nullable(),
  revokedAt: isoTime.nullable(),
  lastUsedAt: isoTime.nullable(),
});
const newKey = keyView.extend({
  key: z.string().describe('The key itself: shown this once, kept only as its SHA-256'),
});
const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional().describe('An entry id: older entries than it'),
});
const auditEntry = z.object({
  id: z.number().int(),
  identityId: z.string(),
  role: z.enum(ROLES),
  action: z.string(),
  target: z.string(),
  status: z.number().int(),
  detail: jsonValue,
  at: isoTime,
});

export function shopAccessRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  const access = { kind: 'shop', from: 'params', roles: ADMIN } as const;
  const keyViewOf = (
    key: {
      id: string;
      identityId: string;
      createdAt: Date;
      expiresAt: Date | null;
      revokedAt: Date | null;
      lastUsedAt: Date | null;
    },
    name: string,
    role: ShopRole,
  ) => ({
    keyId: key.id,
    identityId: key.identityId,
    name,
    role,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  });

  return [
    route({
      method: 'get',
      path: '/shops/:shopId/people',
      tag: 'access',
      summary: 'Everyone with a role in the shop: people and machines, with their queues',
      access,
      params: shopPath,
      responses: { 200: { description: 'Members', schema: z.object({ members: z.array(member) }) } },
      handler: async ({ params }) => {
        const rows = await prisma.shopMembership.findMany({
          where: { shopId: params.shopId },
          include: { identity: true },
          orderBy: { identityId: 'asc' },
        });
        return ok(200, {
          members: rows.map((row) => ({
            identityId: row.identityId,
            kind: row.identity.kind,
            name: row.identity.name,
            role: row.role,
            queues: row.queues,
            createdAt: row.createdAt.toISOString(),
          })),
        });
      },
    }),
    route({
      method: 'put',
      path: '/shops/:shopId/people/:login',
      tag: 'access',
      summary: 'Give a person a role (agent, supervisor, admin) and queues in the shop; a new person needs a password',
      access,
      params: personPath,
      body: personBody,
      audited: true,
      responses: {
        201: { description: 'A new person, who can sign in', schema: member },
        200: { description: "The person's role and queues in this shop, changed", schema: member },
        409: error(
          'The person works in other shops too, so only the operator may change their password (password_not_yours)',
        ),
        422: error('A new person needs a password (password_required, field password)'),
      },
      handler: async ({ params, body, caller }) => {
        const identityId = `person:${params.login}`;
        const existing = await prisma.identity.findUnique({
          where: { id: identityId },
          include: { memberships: true },
        });
        if (!existing && !body.password)
          return fail(422, 'password_required', `${params.login} is new: give a password (12 characters or more).`, [
            { field: 'password', code: 'required', message: 'a new person needs a password' },
          ]);
        const elsewhere = existing?.memberships.some((row) => row.shopId !== params.shopId);
        if (existing && body.password && elsewhere && !caller.operator) {
          return fail(
            409,
            'password_not_yours',
            `${params.login} works in other shops too: their password is theirs (or the operator's) to change.`,
            [{ field: 'password', code: 'not_yours', message: 'leave it out' }],
          );
        }
        const passwordHash = body.password ? await hashPassword(body.password) : undefined;
        await prisma.identity.upsert({
          where: { id: identityId },
          create: { id: identityId, kind: 'PERSON', name: params.login, passwordHash },
          update: passwordHash ? { passwordHash } : {},
        });
        const data = { role: body.role, queues: body.queues };
        const row = await prisma.shopMembership.upsert({
          where: { identityId_shopId: { identityId, shopId: params.shopId } },
          create: { identityId, shopId: params.shopId, ...data },
          update: data,
        });
        return ok(existing ? 200 : 201, {
          identityId,
          kind: 'PERSON',
          name: params.login,
          role: row.role,
          queues: row.queues,
          createdAt: row.createdAt.toISOString(),
        });
      },
    }),
    route({
      method: 'delete',
      path: '/shops/:shopId/people/:login',
      tag: 'access',
      summary: 'Take a person out of the shop: their sessions no longer reach it',
      access,
      params: personPath,
      audited: true,
      responses: { 204: noContent('Removed'), 404: error('Not a member (member_not_found)') },
      handler: async ({ params }) => {
        const { count } = await prisma.shopMembership.deleteMany({
          where: { identityId: `person:${params.login}`, shopId: params.shopId },
        });
        return count ? ok(204) : fail(404, 'member_not_found', `${params.login} has no role in shop ${params.shopId}.`);
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/api-keys',
      tag: 'access',
      summary: "The shop's API keys (never the keys themselves): role, expiry, last use, revocation",
      access,
      params: shopPath,
      responses: { 200: { description: 'Keys', schema: z.object({ keys: z.array(keyView) }) } },
      handler: async ({ params }) => {
        const rows = await prisma.shopMembership.findMany({
          where: { shopId: params.shopId, identity: { kind: 'MACHINE', operator: false } },
          include: { identity: { include: { apiKeys: true } } },
        });
        return ok(200, {
          keys: rows
            .flatMap((row) => row.identity.apiKeys.map((key) => keyViewOf(key, row.identity.name, row.role)))
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
        });
      },
    }),
    route({
      method: 'post',
      path: '/shops/:shopId/api-keys',
      tag: 'access',
      summary:
        'Make an API key for a machine (a platform, a shop system, a connector) with one role in the shop; the key is shown once',
      access,
      params: shopPath,
      body: keyBody,
      audited: true,
      responses: { 201: { description: 'Made: keep the key now, it is not shown again', schema: newKey } },
      handler: async ({ params, body }) => {
        const { id, secret } = newCredential(API_KEY_PREFIX);
        const identityId = `machine:${id}`;
        const expiresAt = new Date(Date.now() + body.expiresInDays * DAY_MS);
        const key = await prisma.$transaction(async (tx) => {
          await tx.identity.create({ data: { id: identityId, kind: 'MACHINE', name: body.name } });
          await tx.shopMembership.create({ data: { identityId, shopId: params.shopId, role: body.role, queues: [] } });
          return tx.apiKey.create({ data: { id, identityId, hash: sha256(secret), expiresAt } });
        });
        return ok(201, { ...keyViewOf(key, body.name, body.role), key: secret });
      },
    }),
    route({
      method: 'delete',
      path: '/shops/:shopId/api-keys/:keyId',
      tag: 'access',
      summary: 'Revoke a key: from now on it is refused (401 credential_revoked)',
      access,
      params: keyPath,
      audited: true,
      responses: { 204: noContent('Revoked'), 404: error('No such key in this shop (api_key_not_found)') },
      handler: async ({ params }) => {
        const { count } = await prisma.apiKey.updateMany({
          where: {
            id: params.keyId,
            revokedAt: null,
            identity: { operator: false, memberships: { some: { shopId: params.shopId } } },
          },
          data: { revokedAt: new Date() },
        });
        return count
          ? ok(204)
          : fail(404, 'api_key_not_found', `No active key ${params.keyId} in shop ${params.shopId}.`);
      },
    }),
    route({
      method: 'get',
      path: '/shops/:shopId/audit-log',
      tag: 'access',
      summary: 'Who changed a setting, worked a task or decided on money in the shop, and when; newest first',
      access,
      params: shopPath,
      query: auditQuery,
      responses: {
        200: { description: 'Entries, secrets shown as "(set)"', schema: z.object({ entries: z.array(auditEntry) }) },
      },
      handler: async ({ params, query }) => {
        const rows = await prisma.auditEntry.findMany({
          where: { shopId: params.shopId, ...(query.before ? { id: { lt: BigInt(query.before) } } : {}) },
          orderBy: { id: 'desc' },
          take: query.limit,
        });
        return ok(200, {
          entries: rows.map((row) => ({
            id: Number(row.id),
            identityId: row.identityId,
            role: row.role,
            action: row.action,
            target: row.target,
            status: row.status,
            detail: row.detail,
            at: row.at.toISOString(),
          })),
        });
      },
    }),
  ];
}
