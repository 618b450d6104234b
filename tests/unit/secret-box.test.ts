// Shops' secrets at rest: sealed with AES-256-GCM, opened only by a process with the same key.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openChannelSecrets, sealChannelSecrets } from '../../activities/messages/channels';
import { loadEnv } from '../../config/env';
import { decodeSecretsKey, openSecret, sealSecret } from '../../config/secret-box';

const SECRET = 'shop-webhook-secret-0123456789';

describe('sealSecret / openSecret', () => {
  it('round-trips, and what is stored does not contain the secret', () => {
    const stored = sealSecret(SECRET);
    expect(stored).toMatch(/^sealed:v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(SECRET);
    expect(Buffer.from(stored.split(':')[4], 'base64').toString('utf8')).not.toContain(SECRET);
    expect(openSecret(stored)).toBe(SECRET);
    // A fresh IV each time: equal secrets do not show as equal rows.
    expect(sealSecret(SECRET)).not.toBe(stored);
    expect(openSecret(sealSecret('密码 ✓'))).toBe('密码 ✓');
  });

  it('refuses a tampered value with a clear error that does not quote it', () => {
    const [iv, tag, ciphertext] = sealSecret(SECRET).slice('sealed:v1:'.length).split(':');
    const flipped = Buffer.from(ciphertext, 'base64');
    flipped[0] ^= 1;
    const tampered = `sealed:v1:${iv}:${tag}:${flipped.toString('base64')}`;
    expect(() => openSecret(tampered)).toThrow(/does not open: it was altered, or sealed with another key/);
    expect(() => openSecret(`sealed:v1:${iv}:${tag}`)).toThrow(/not in the sealed:v1 form/);
    expect(() => openSecret(`sealed:v2:${iv}:${tag}:${ciphertext}`)).toThrow(/not in the sealed:v1 form/);
    try {
      openSecret(tampered);
    } catch (err) {
      expect((err as Error).message).not.toContain(ciphertext);
    }
  });

  it('takes a value stored before sealing began as it is', () => {
    expect(openSecret(SECRET)).toBe(SECRET);
  });
});

describe('the key', () => {
  const hex = 'ab'.repeat(32);
  const base64 = Buffer.alloc(32, 7).toString('base64');

  it('is 32 bytes, given as hex or base64; anything else is refused saying what is wanted', () => {
    expect(decodeSecretsKey(hex)).toEqual(Buffer.alloc(32, 0xab));
    expect(decodeSecretsKey(` ${base64}\n`)).toEqual(Buffer.alloc(32, 7));
    expect(decodeSecretsKey(Buffer.alloc(16).toString('base64'))).toBe(
      'must be 32 bytes (as 64 hex digits or base64), not 16: e.g. `openssl rand -base64 32`',
    );
    expect(decodeSecretsKey('not a key!')).toBe('must be 32 bytes written as 64 hex digits or as base64');
  });

  it('stops the processes at start when SECRETS_KEY is malformed', () => {
    const env = (SECRETS_KEY: string) => loadEnv({ DATABASE_URL: 'postgresql://localhost/x', SECRETS_KEY });
    expect(() => env('too-short')).toThrow(/SECRETS_KEY: must be 32 bytes/);
    expect(env(hex).SECRETS_KEY).toBe(hex);
  });

  /** `use` runs on a fresh secret box (a new process, as it were) that sees `env`. */
  function inProcessWith<T>(
    env: { DATA_DIR: string; SECRETS_KEY?: string },
    use: (box: typeof import('../../config/secret-box')) => T,
  ): T {
    const saved = { DATA_DIR: process.env.DATA_DIR, SECRETS_KEY: process.env.SECRETS_KEY };
    const set = (values: Record<string, string | undefined>) => {
      for (const [name, value] of Object.entries(values)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    };
    set({ SECRETS_KEY: undefined, ...env });
    try {
      let result: T | undefined;
      jest.isolateModules(() => {
        result = use(jest.requireActual<typeof import('../../config/secret-box')>('../../config/secret-box'));
      });
      return result as T;
    } finally {
      set(saved);
    }
  }

  it('without SECRETS_KEY is kept in a file under DATA_DIR, written on first use, readable by its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-box-'));
    try {
      const stored = inProcessWith({ DATA_DIR: dir }, (box) => box.sealSecret(SECRET));
      const file = join(dir, 'secrets.key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(decodeSecretsKey(readFileSync(file, 'utf8'))).toHaveLength(32);
      // Another process on the same folder reads the same key; one given another key cannot open it.
      expect(inProcessWith({ DATA_DIR: dir }, (box) => box.openSecret(stored))).toBe(SECRET);
      expect(() => inProcessWith({ DATA_DIR: dir, SECRETS_KEY: hex }, (box) => box.openSecret(stored))).toThrow(
        'A stored secret does not open: it was altered, or sealed with another key than this process has (SECRETS_KEY)',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sealChannelSecrets / openChannelSecrets', () => {
  const sms = {
    endpoint: 'https://dysmsapi.aliyuncs.com',
    accessKeyId: 'LTAI-key',
    accessKeySecret: 'sms-secret',
    signName: '小店',
    templateCodes: {},
  };

  it('seal exactly the channel’s secret fields, and open them back', () => {
    const stored = sealChannelSecrets('SMS', sms);
    expect(stored).toEqual({ ...sms, accessKeySecret: expect.stringMatching(/^sealed:v1:/) });
    expect(JSON.stringify(stored)).not.toContain('sms-secret');
    expect(openChannelSecrets('SMS', stored)).toEqual(sms);

    const email = { host: 'smtp.example.com', user: 'shop', password: 'mail-password', from: 'shop@example.com' };
    expect(openChannelSecrets('EMAIL', sealChannelSecrets('EMAIL', email))).toEqual(email);
    expect(sealChannelSecrets('EMAIL', { host: 'smtp.example.com', from: 'shop@example.com' })).toEqual({
      host: 'smtp.example.com',
      from: 'shop@example.com',
    });
  });

  it('leave a secret that is already sealed as it is, and open a plain one (a row from before) as it is', () => {
    const stored = sealChannelSecrets('WEBHOOK', { url: 'https://hooks.example.com/', secret: SECRET });
    expect(sealChannelSecrets('WEBHOOK', stored)).toEqual(stored);
    expect(openChannelSecrets('WEBHOOK', { url: 'https://hooks.example.com/', secret: SECRET })).toEqual({
      url: 'https://hooks.example.com/',
      secret: SECRET,
    });
  });
});
