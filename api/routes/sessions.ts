// People sign in with a password and work through a session: POST /sessions gives a token (and
// the cookie a browser keeps), DELETE /sessions/current ends it, GET /me says who you are where.
import { z } from 'zod';
import type { PrismaClient } from '../../activities/prisma-client';
import { SESSION_COOKIE } from '../access/authenticate';
import { newCredential, passwordMatches, SESSION_PREFIX, sha256, decoyPasswordHash } from '../access/credentials';
import { error, isoTime, noContent } from '../response-schemas';
import { fail, ok, route } from '../route-table';

const SESSION_HOURS = 12;

export const loginSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{1,63}$/, '2-64 lower-case letters, digits, "_", "." or "-"');
const signIn = z.strictObject({ login: loginSchema, password: z.string().min(1).max(200) });
const membership = z.object({
  shopId: z.string(),
  role: z.enum(['platform', 'agent', 'supervisor', 'admin']),
  queues: z.array(z.string()),
});
const session = z.object({
  token: z.string().describe('Send it as Authorization: Bearer <token>; browsers get it as a cookie too'),
  expiresAt: isoTime,
  identityId: z.string(),
  memberships: z.array(membership),
});
const me = z.object({
  identityId: z.string(),
  kind: z.enum(['PERSON', 'MACHINE', 'SIGNATURE']),
  name: z.string(),
  operator: z.boolean(),
  memberships: z.array(membership),
});

export function sessionRoutes(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  const memberships = async (identityId: string) =>
    (await prisma.shopMembership.findMany({ where: { identityId }, orderBy: { shopId: 'asc' } })).map(
      ({ shopId, role, queues }) => ({ shopId, role, queues }),
    );
  return [
    route({
      method: 'post',
      path: '/sessions',
      tag: 'access',
      summary: 'Sign in with a login and password: a session token for 12 hours',
      access: {
        kind: 'public',
        why: 'Signing in is how a person gets a credential; counted per address and login against guessing',
      },
      body: signIn,
      limited: 'signIn',
      responses: {
        201: { description: 'Signed in', schema: session },
        401: error('Wrong login or password (invalid_credentials); which one is not said'),
      },
      handler: async ({ body }) => {
        const person = await prisma.identity.findUnique({ where: { id: `person:${body.login}` } });
        // An unknown login costs the same hash as a wrong password, so timing does not tell them apart.
        const matches = await passwordMatches(body.password, person?.passwordHash ?? (await decoyPasswordHash()));
        if (!person || !matches) return fail(401, 'invalid_credentials', 'Wrong login or password.');
        const { id, secret } = newCredential(SESSION_PREFIX);
        const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
        await prisma.session.create({ data: { id, identityId: person.id, hash: sha256(secret), expiresAt } });
        const cookie = `${SESSION_COOKIE}=${encodeURIComponent(secret)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_HOURS * 3600}`;
        return ok(
          201,
          {
            token: secret,
            expiresAt: expiresAt.toISOString(),
            identityId: person.id,
            memberships: await memberships(person.id),
          },
          { 'Set-Cookie': cookie },
        );
      },
    }),
    route({
      method: 'delete',
      path: '/sessions/current',
      tag: 'access',
      summary: 'Sign out: the session used for this request ends',
      access: { kind: 'signedIn' },
      responses: {
        204: noContent(
          'Signed out (an API key is left as it is: revoke keys with DELETE /shops/{shopId}/api-keys/{keyId})',
        ),
      },
      handler: async ({ caller }) => {
        if (caller.credentialId.startsWith('session:')) {
          await prisma.session.updateMany({
            where: { id: caller.credentialId.slice('session:'.length), revokedAt: null },
            data: { revokedAt: new Date() },
          });
        }
        return ok(204, undefined, { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` });
      },
    }),
    route({
      method: 'get',
      path: '/me',
      tag: 'access',
      summary: 'Who the credential belongs to, and its role and queues in each shop',
      access: { kind: 'signedIn' },
      responses: { 200: { description: 'The caller', schema: me } },
      handler: async ({ caller }) =>
        ok(200, {
          identityId: caller.identityId,
          kind: caller.kind,
          name: caller.name,
          operator: caller.operator,
          memberships: await memberships(caller.identityId),
        }),
    }),
  ];
}
