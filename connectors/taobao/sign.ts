// TOP's request signature: every parameter but `sign` (system and business alike), sorted by name
// in byte order, written as name+value with nothing between, digested with the app's secret and
// written as upper-case hex. md5 wraps the string in the secret; hmac and hmac-sha256 key the MAC with it.
import { createHash, createHmac } from 'node:crypto';

export const SIGN_METHODS = ['md5', 'hmac', 'hmac-sha256'] as const;
export type SignMethod = (typeof SIGN_METHODS)[number];

/** What is signed: empty values are left out, as TOP's SDKs leave them out of the request. */
export function signedString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `${name}${params[name]}`)
    .join('');
}

export function topSign(params: Readonly<Record<string, string>>, secret: string, method: SignMethod): string {
  const text = signedString(params);
  switch (method) {
    case 'md5':
      return createHash('md5').update(`${secret}${text}${secret}`, 'utf8').digest('hex').toUpperCase();
    case 'hmac':
      return createHmac('md5', secret).update(text, 'utf8').digest('hex').toUpperCase();
    case 'hmac-sha256':
      return createHmac('sha256', secret).update(text, 'utf8').digest('hex').toUpperCase();
    default:
      return method satisfies never;
  }
}
