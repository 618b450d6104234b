// Brings a database up to date: with `prisma migrate deploy` when Prisma's native schema engine
// is on this machine, otherwise with the project's own applier (same files, same bookkeeping).
// Run as a script: `node dist/prisma/migrate.js` with DATABASE_URL set.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { getEnginesPath } from '@prisma/engines';
import { PROJECT_ROOT } from '../config/paths';
import { applyMigrations } from './apply-migrations';

function schemaEngineAvailable(): boolean {
  const explicit = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (explicit) return existsSync(explicit) && basename(explicit).startsWith('schema-engine');
  try {
    return readdirSync(getEnginesPath()).some((file) => file.startsWith('schema-engine'));
  } catch {
    return false;
  }
}

export async function migrateDatabase(databaseUrl: string, log: (line: string) => void = console.log): Promise<void> {
  if (schemaEngineAvailable()) {
    log('migrating with prisma migrate deploy');
    execFileSync('npx', ['--no-install', 'prisma', 'migrate', 'deploy'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: 'inherit',
    });
    return;
  }
  const applied = await applyMigrations(databaseUrl, { log });
  log(applied.length ? `applied ${applied.length} migration(s)` : 'database schema is up to date');
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Set DATABASE_URL to the database to migrate.');
    process.exit(2);
  }
  migrateDatabase(url).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
