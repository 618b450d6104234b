// Runs once before the suite: a fresh database, migrated, on the PostgreSQL server named by
// DATABASE_URL (the database it names is never touched), and one workflow bundle for all tests
// (the production workflows and the test workflows of tests/fixtures/workflows.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { bundleWorkflowCode } from '@temporalio/worker';
import { applyMigrations } from '../../prisma/apply-migrations';
import { workflowBundleOptions } from '../../worker/workflow-bundle';
import { DATA_DIR } from '../../config/paths';

// A separate name lets two runs share one PostgreSQL server (a helper's focused run next to the full suite).
const TEST_DATABASE = process.env.TEST_DATABASE_NAME ?? 'backoffice_test';

export default async function globalSetup(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: run the suite with `npm test`, which provides PostgreSQL.');

  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEST_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEST_DATABASE}`);
  await admin.end();

  const testUrl = new URL(serverUrl);
  testUrl.pathname = `/${TEST_DATABASE}`;
  process.env.TEST_DATABASE_URL = testUrl.toString();
  await applyMigrations(process.env.TEST_DATABASE_URL);

  const bundle = await bundleWorkflowCode(workflowBundleOptions(require.resolve('../fixtures/workflows')));
  const bundleDir = join(DATA_DIR, 'test');
  mkdirSync(bundleDir, { recursive: true });
  process.env.TEST_WORKFLOW_BUNDLE = join(bundleDir, `workflow-bundle-${TEST_DATABASE}.js`);
  writeFileSync(process.env.TEST_WORKFLOW_BUNDLE, bundle.code);
}
