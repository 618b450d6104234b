// The shop's audit log: who changed a setting, completed a task or decided on money, and when.
// What was sent is kept with its secrets and passwords masked.
import type { Request } from 'express';
import type { Prisma } from '../../generated/prisma/client';
import type { PrismaClient } from '../../activities/prisma-client';
import type { AnyRoute, ShopCaller } from '../route-table';

const SECRET_KEY = /secret|password|token|key|pass$/i;

function masked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(masked);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        SECRET_KEY.test(key) && typeof item === 'string' ? '(set)' : masked(item),
      ]),
    );
  }
  return value;
}

export const auditAction = (route: Pick<AnyRoute, 'method' | 'path'>) =>
  `${route.method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`;

export async function recordAudit(
  prisma: PrismaClient,
  caller: ShopCaller,
  route: AnyRoute,
  req: Request,
  status: number,
  detail?: unknown,
): Promise<void> {
  await prisma.auditEntry.create({
    data: {
      shopId: caller.shopId,
      identityId: caller.identityId,
      role: caller.role,
      action: auditAction(route),
      target: req.originalUrl.split('?')[0],
      status,
      detail: masked(detail ?? req.body ?? null) as Prisma.InputJsonValue,
    },
  });
}
