// Which shop a request acts in, and as what the caller acts there. The shop comes from the path,
// the body or the query as the route declares, or from the task the path names; a caller who
// does not belong to that shop gets the same 404 as for an id that does not exist.
import type { Request } from 'express';
import type { PrismaClient } from '../../activities/prisma-client';
import type { Logger } from '../../config/logger';
import type { Access, Caller, ShopCaller } from '../route-table';
import type { ShopRole } from '../../generated/prisma/client';
import { checkSignature, platformSignature, type SignatureCheck } from './platform-signature';

export interface Refusal {
  status: 400 | 401 | 403 | 404;
  code: string;
  message: string;
  field?: string;
}

type ShopAccess = Extract<Access, { kind: 'shop' }>;

const NOT_FOUND: Refusal = {
  status: 404,
  code: 'not_found',
  message: 'Nothing here: no such resource in a shop you belong to.',
};

async function shopOf(
  prisma: PrismaClient,
  req: Request,
  from: ShopAccess['from'],
): Promise<{ shopId: string } | { refusal: Refusal }> {
  if (from === 'task') {
    const taskId = String(req.params.taskId);
    const task = await prisma.task.findUnique({ where: { id: taskId }, select: { shopId: true } });
    return task ?? { refusal: { status: 404, code: 'task_not_found', message: `No task ${taskId}` } };
  }
  const source: unknown = from === 'params' ? req.params : from === 'query' ? req.query : req.body;
  const shopId = (source as { shopId?: unknown } | undefined)?.shopId;
  if (typeof shopId === 'string' && shopId.length > 0) return { shopId };
  return {
    refusal: {
      status: 400,
      code: 'invalid_request',
      message: `shopId is required in the request ${from === 'params' ? 'path' : from}`,
      field: 'shopId',
    },
  };
}

export async function resolveShopCaller(
  deps: { prisma: PrismaClient; logger: Logger },
  req: Request,
  access: ShopAccess,
  caller: Caller | undefined,
): Promise<{ caller: ShopCaller } | { refusal: Refusal }> {
  const shop = await shopOf(deps.prisma, req, access.from);
  if ('refusal' in shop) return shop;
  const { shopId } = shop;

  if (!caller) {
    // Only a signed route lets a request through without a credential; its signature is the credential.
    const check = access.signed ? await platformSignature(deps, shopId, req) : 'not_required';
    if (check !== 'valid')
      return {
        refusal: {
          status: 401,
          code: check === 'not_required' ? 'unauthenticated' : `signature_${check}`,
          message: "This route needs an API key, or a signature with the shop's platform signing secret.",
        },
      };
    return {
      caller: {
        identityId: `signature:${shopId}`,
        kind: 'SIGNATURE',
        name: 'signed platform posts',
        operator: false,
        credentialId: `signature:${shopId}`,
        shopId,
        role: 'platform',
        queues: [],
      },
    };
  }

  // The operator acts as admin in every shop, so that the first admin of a shop can be made.
  if (caller.operator) return { caller: { ...caller, shopId, role: 'admin', queues: [] } };
  const { membership, sealedSecret } = await standing(deps.prisma, caller.identityId, shopId);
  if (!membership) return { refusal: NOT_FOUND };
  if (!access.roles.includes(membership.role)) {
    return {
      refusal: {
        status: 403,
        code: 'forbidden',
        message: `This needs one of the roles ${access.roles.join(', ')} in shop ${shopId}; you are ${membership.role}.`,
      },
    };
  }
  // A shop that signs its platform's posts wants them signed whoever holds the key; the operator is not a platform.
  const check: SignatureCheck = access.signed ? checkSignature(deps.logger, shopId, req, sealedSecret) : 'not_required';
  if (check !== 'not_required' && check !== 'valid') {
    return {
      refusal: {
        status: 401,
        code: `signature_${check}`,
        message:
          'This shop requires its platform posts to be signed: X-Backoffice-Timestamp and X-Backoffice-Signature (v1=HMAC-SHA256 of "<timestamp>.<body>").',
      },
    };
  }
  return { caller: { ...caller, shopId, role: membership.role, queues: membership.queues } };
}

/** The caller's membership of the shop and the shop's sealed signing secret, in one read: every member's request asks both. */
async function standing(
  prisma: PrismaClient,
  identityId: string,
  shopId: string,
): Promise<{ membership?: { role: ShopRole; queues: string[] }; sealedSecret: string | null }> {
  const [row] = await prisma.$queryRaw<{ role: ShopRole | null; queues: string[] | null; secret: string | null }[]>`
    SELECT m.role::text AS role, m.queues, s.secret
    FROM (SELECT 1) AS one
    LEFT JOIN shop_memberships m ON m.identity_id = ${identityId} AND m.shop_id = ${shopId}
    LEFT JOIN platform_signing_secrets s ON s.shop_id = ${shopId}`;
  return { membership: row.role ? { role: row.role, queues: row.queues ?? [] } : undefined, sealedSecret: row.secret };
}
