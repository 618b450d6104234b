// How this project runs the Temporal CLI's dev server: the start command and the benchmark both
// launch it so, which keeps the benchmark's figures those of the stack users run.
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/definitions';

export interface DevServerPlace {
  port: number;
  uiPort: number;
  dbFile: string;
}

export function devServerArgs({ port, uiPort, dbFile }: DevServerPlace): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--db-filename',
    dbFile,
    // Write-ahead logging: roughly 10x the commit rate of SQLite's default journal here.
    '--sqlite-pragma',
    'journal_mode=WAL',
    '--log-level',
    'warn',
    // The workflows' search attributes, there when the namespace is made (a new database file), so a
    // workflow the API starts before the worker has registered them is still filterable. The worker
    // adds any that an older database file lacks (worker/search-attributes.ts).
    ...SEARCH_ATTRIBUTE_KEYS.flatMap((key) => ['--search-attribute', `${key.name}=${key.type.replace('_', '')}`]),
  ];
}
