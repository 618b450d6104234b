// The project's migration applier must leave `_prisma_migrations` exactly as `prisma migrate
// deploy` would, so either tool can take over the database.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations, readMigrations } from '../../prisma/apply-migrations';
import { MIGRATIONS_DIR } from '../../config/paths';
import { testDatabaseUrl } from '../helpers/database';

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migration applier', () => {
  it('recorded every migration as Prisma does: sha256 of the file, finished, one step, no logs', async () => {
    const rows = await query<Record<string, unknown>>(
      testDatabaseUrl(),
      'SELECT * FROM _prisma_migrations ORDER BY migration_name',
    );
    const names = readMigrations().map((m) => m.name);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const file = readFileSync(join(MIGRATIONS_DIR, String(row.migration_name), 'migration.sql'));
      expect(row).toMatchObject({
        checksum: createHash('sha256').update(file).digest('hex'),
        applied_steps_count: 1,
        logs: null,
        rolled_back_at: null,
        finished_at: expect.any(Date),
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    }
  });

  it("uses the column types of Prisma's own table", async () => {
    const columns = await query<{ column_name: string; data_type: string }>(
      testDatabaseUrl(),
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      'id character varying',
      'checksum character varying',
      'finished_at timestamp with time zone',
      'migration_name character varying',
      'logs text',
      'rolled_back_at timestamp with time zone',
      'started_at timestamp with time zone',
      'applied_steps_count integer',
    ]);
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(testDatabaseUrl())).toEqual([]);
  });

  describe('on a scratch database', () => {
    const name = `backoffice_scratch_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const scratchUrl = (() => {
      const u = new URL(testDatabaseUrl());
      u.pathname = `/${name}`;
      return u.toString();
    })();
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));

    beforeAll(async () => {
      await query(testDatabaseUrl(), `CREATE DATABASE ${name}`);
      mkdirSync(join(dir, '001_ok'));
      writeFileSync(join(dir, '001_ok', 'migration.sql'), 'CREATE TABLE "a" ("id" INTEGER NOT NULL);\n');
      mkdirSync(join(dir, '002_broken'));
      writeFileSync(
        join(dir, '002_broken', 'migration.sql'),
        'CREATE TABLE "b" ("id" INTEGER);\nINSERT INTO "nowhere" VALUES (1);\n',
      );
    });
    afterAll(async () => {
      await query(testDatabaseUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });

    it('rolls back a failing migration as a whole, records the failure and refuses to go on (P3009)', async () => {
      await expect(applyMigrations(scratchUrl, { dir })).rejects.toThrow(
        /002_broken failed: relation "nowhere" does not exist/,
      );
      const rows = await query<{ migration_name: string; finished_at: Date | null; logs: string | null }>(
        scratchUrl,
        'SELECT migration_name, finished_at, logs FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows.map((r) => [r.migration_name, r.finished_at !== null])).toEqual([
        ['001_ok', true],
        ['002_broken', false],
      ]);
      expect(rows[1].logs).toMatch(/nowhere/);
      expect(await query(scratchUrl, `SELECT 1 FROM information_schema.tables WHERE table_name = 'b'`)).toHaveLength(0);

      await expect(applyMigrations(scratchUrl, { dir })).rejects.toThrow(/002_broken failed earlier.*P3009/);
    });
  });
});
