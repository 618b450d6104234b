// Every request the back office sends to an endpoint a shop configures (its webhook, its payment
// gateway) is a signed JSON POST with an idempotency key, so a receiver checks one scheme and
// dedupes one way: `X-Backoffice-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { outboundUrlRefusal, OutboundUrlRefusedError } from './outbound-url';

/** The signature header's value: `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function signRequest(secret: string, timestamp: number | string, body: string | Buffer): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * Whether a request came from the back office: the signature matches the raw body as received
 * (before any JSON parsing), and the signed timestamp is within `toleranceSeconds` of now, so a
 * request captured and replayed later is refused.
 */
export function verifySignedRequest(
  secret: string,
  timestampHeader: string | undefined,
  signatureHeader: string | undefined,
  rawBody: string | Buffer,
  toleranceSeconds = 300,
): boolean {
  if (!timestampHeader || !signatureHeader || !/^\d+$/.test(timestampHeader)) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestampHeader)) > toleranceSeconds) return false;
  const expected = Buffer.from(signRequest(secret, timestampHeader, rawBody));
  const actual = Buffer.from(signatureHeader);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * POSTs `body` signed with `secret`, to a URL the outbound rule allows (OutboundUrlRefusedError
 * otherwise). Redirects are not followed: one would carry a signed request to an address the shop
 * never configured, and past the rule. fetch's errors (a timeout, a refused connection) pass on.
 */
export async function postSigned(
  target: { url: string; secret: string; timeoutMs: number },
  idempotencyKey: string,
  body: string,
  allowedHosts: readonly string[],
): Promise<Response> {
  const refused = await outboundUrlRefusal(target.url, allowedHosts);
  if (refused) throw new OutboundUrlRefusedError(refused);
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(target.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
      'X-Backoffice-Timestamp': String(timestamp),
      'X-Backoffice-Signature': signRequest(target.secret, timestamp, body),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(target.timeoutMs),
  });
}
