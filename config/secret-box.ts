// Secrets the shops give us (channel passwords and keys, payment gateway secrets) are stored
// sealed, so a database dump, a backup or a read-only SQL account does not hand them out.
// AES-256-GCM with a random 12-byte IV per value; the tag makes an altered value fail to open
// instead of opening to garbage. The stored text says how it was sealed:
// `sealed:v1:<base64 iv>:<base64 tag>:<base64 ciphertext>`.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './paths';

const PREFIX = 'sealed:v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Used when SECRETS_KEY is not set; every process that reads the secrets must see the same file. */
export const SECRETS_KEY_FILE = join(DATA_DIR, 'secrets.key');

/** The key a SECRETS_KEY value stands for, or why it stands for none: 32 bytes, as 64 hex digits or base64. */
export function decodeSecretsKey(text: string): Buffer | string {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return 'must be 32 bytes written as 64 hex digits or as base64';
  const key = Buffer.from(trimmed, 'base64');
  return key.length === KEY_BYTES
    ? key
    : `must be 32 bytes (as 64 hex digits or base64), not ${key.length}: e.g. \`openssl rand -base64 32\``;
}

function keyFrom(text: string, source: string): Buffer {
  const key = decodeSecretsKey(text);
  if (typeof key === 'string') throw new Error(`${source} ${key}`);
  return key;
}

/** The key file's key, written on first use. `wx`: of two processes starting at once, one writes it and both read it. */
function keyFileKey(): Buffer {
  mkdirSync(DATA_DIR, { recursive: true });
  try {
    writeFileSync(SECRETS_KEY_FILE, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return keyFrom(readFileSync(SECRETS_KEY_FILE, 'utf8'), `The key file ${SECRETS_KEY_FILE}`);
}

let loaded: { key: Buffer; from: string } | undefined;
/** Read once per process; `from` names where it came from, for the error when a value does not open. */
function key(): { key: Buffer; from: string } {
  const fromEnv = process.env.SECRETS_KEY;
  loaded ??= fromEnv
    ? { key: keyFrom(fromEnv, 'SECRETS_KEY'), from: 'SECRETS_KEY' }
    : { key: keyFileKey(), from: SECRETS_KEY_FILE };
  return loaded;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The text to store for `plain`: a different one every time, as the IV is random. */
export function sealSecret(plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key().key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ciphertext.toString('base64')}`;
}

/**
 * The secret a stored value holds. A value without the `sealed:` prefix is returned as it is: rows
 * written before secrets were sealed keep working until they are next written. Throws when the
 * value was altered or sealed with another key; the message never quotes the value.
 */
export function openSecret(stored: string): string {
  if (!stored.startsWith('sealed:')) return stored;
  const parts = isSealed(stored) ? stored.slice(PREFIX.length).split(':') : [];
  const [iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, 'base64'));
  if (parts.length !== 3 || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error('A stored secret is not in the sealed:v1 form: it was altered or cut short');
  }
  const { key: secretsKey, from } = key();
  const decipher = createDecipheriv('aes-256-gcm', secretsKey, iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      `A stored secret does not open: it was altered, or sealed with another key than this process has (${from})`,
    );
  }
}
