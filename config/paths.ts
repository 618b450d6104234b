// Where the project lives, whether this runs from the TypeScript sources or from dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findProjectRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prisma', 'schema.prisma'))) return dir;
  }
  throw new Error(`Cannot find the project root above ${from}`);
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'prisma', 'migrations');
/** Generated state: embedded database, Temporal's SQLite file, logs, test artefacts. */
export const DATA_DIR = process.env.DATA_DIR ?? join(PROJECT_ROOT, '.data');
