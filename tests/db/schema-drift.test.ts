// prisma/schema.prisma is the source of truth, yet the database is built by the hand-checked SQL in
// prisma/migrations. `prisma migrate diff` would catch the two drifting apart, but its native schema
// engine cannot be downloaded everywhere, so this compares Prisma's DMMF with PostgreSQL's catalog.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../../config/paths';
import { applyMigrations } from '../../prisma/apply-migrations';
import { describeDatabase, describePrismaSchema } from '../helpers/schema-catalog';

const schema = describePrismaSchema(readFileSync(join(PROJECT_ROOT, 'prisma', 'schema.prisma'), 'utf8'));

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (tests/setup/global-setup.ts and npm test provide it)`);
  return value;
}

test('the migrations build exactly the database prisma/schema.prisma describes', async () => {
  expect(await describeDatabase(requiredEnv('TEST_DATABASE_URL'))).toEqual(schema);
});

// Without this, a comparator that reads nothing (or the same thing twice) would pass the test above.
describe('a database changed behind the schema’s back', () => {
  const scratchName = `schema_drift_${randomUUID().replaceAll('-', '')}`;
  const scratchUrl = new URL(requiredEnv('DATABASE_URL'));
  scratchUrl.pathname = `/${scratchName}`;

  async function onServer(sql: string): Promise<void> {
    const admin = new Client({ connectionString: requiredEnv('DATABASE_URL') });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  }

  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${scratchName}`);
    await applyMigrations(scratchUrl.toString());
    const client = new Client({ connectionString: scratchUrl.toString() });
    await client.connect();
    try {
      await client.query('ALTER TABLE "orders" ALTER COLUMN "buyer_phone" SET NOT NULL');
      await client.query('DROP INDEX "orders_shop_id_status_idx"');
    } finally {
      await client.end();
    }
  });

  afterAll(() => onServer(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`));

  test('differs from the schema at exactly the column and the index that changed', async () => {
    const droppedIndex = 'INDEX orders_shop_id_status_idx (shop_id, status)';
    expect(schema.tables.orders.columns.buyer_phone).toBe('text');
    expect(schema.tables.orders.indexes).toContain(droppedIndex);

    const drifted = structuredClone(schema);
    drifted.tables.orders.columns.buyer_phone = 'text NOT NULL';
    drifted.tables.orders.indexes = schema.tables.orders.indexes.filter((index) => index !== droppedIndex);

    const actual = await describeDatabase(scratchUrl.toString());
    expect(actual).not.toEqual(schema);
    expect(actual).toEqual(drifted);
  });
});
