// The secrets callers hold: API keys and session tokens are long random strings, kept only as
// their SHA-256 (cheap enough to check on every request, and useless to whoever reads the table);
// passwords are short and guessable, so they get scrypt, a slow memory-hard hash, at sign-in only.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * 2^15 × 8 × 1 (32 MiB, about 0.3 s on a 2-core machine): OWASP's 2^17 takes over a second there,
 * which turns sign-in into a denial of service. Each hash names its parameters, so raising them
 * later leaves existing passwords valid.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

export const API_KEY_PREFIX = 'bok_';
export const SESSION_PREFIX = 'bos_';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A new credential: its public id (listed, audited) and the secret shown once (`<prefix><id>_<random>`). */
export function newCredential(prefix: typeof API_KEY_PREFIX | typeof SESSION_PREFIX): { id: string; secret: string } {
  const id = randomBytes(6).toString('hex');
  return { id, secret: `${prefix}${id}_${randomBytes(32).toString('base64url')}` };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFKC'), salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const given = await scryptAsync(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(given, expected);
}

let decoyHash: Promise<string> | undefined;
/** A hash to compare against when the login is unknown, so that an unknown login takes as long as a wrong password. */
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}
