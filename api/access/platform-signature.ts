// A shop can give its platform integration a signing secret: from then on every event post must
// carry X-Backoffice-Timestamp and X-Backoffice-Signature (v1=HMAC-SHA256 of "<timestamp>.<raw
// body>", the scheme the back office signs its own webhooks with), within five minutes of now, so
// a leaked key alone cannot forge an event and a captured post cannot be replayed later.
import type { Request } from 'express';
import type { PrismaClient } from '../../activities/prisma-client';
import { verifySignedRequest } from '../../activities/signed-post';
import type { Logger } from '../../config/logger';
import { openSecret } from '../../config/secret-box';

export const SIGNATURE_TOLERANCE_S = 300;

export type SignatureCheck = 'not_required' | 'valid' | 'missing' | 'stale' | 'invalid';

/** The body exactly as received, kept by the JSON parser (app.ts) for signatures. */
export const rawBodyOf = (req: Request): Buffer => (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);

export async function platformSignature(
  deps: { prisma: PrismaClient; logger: Logger },
  shopId: string,
  req: Request,
): Promise<SignatureCheck> {
  const row = await deps.prisma.platformSigningSecret.findUnique({ where: { shopId }, select: { secret: true } });
  return checkSignature(deps.logger, shopId, req, row?.secret ?? null);
}

/** The check itself, for a caller that read the shop's sealed secret (null: the shop has none) along with something else. */
export function checkSignature(
  logger: Logger,
  shopId: string,
  req: Request,
  sealedSecret: string | null,
): SignatureCheck {
  if (sealedSecret === null) return 'not_required';
  const timestamp = req.get('x-backoffice-timestamp');
  const signature = req.get('x-backoffice-signature');
  let check: SignatureCheck;
  if (!timestamp || !signature) check = 'missing';
  else if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_S)
    check = 'stale';
  else
    check = verifySignedRequest(openSecret(sealedSecret), timestamp, signature, rawBodyOf(req), SIGNATURE_TOLERANCE_S)
      ? 'valid'
      : 'invalid';
  if (check !== 'valid')
    logger.warn(
      { shopId, method: req.method, path: req.path, signature: check },
      'unsigned or wrongly signed platform post refused',
    );
  return check;
}
