// How this project runs the Temporal CLI's dev server: the start command and the benchmark both
// launch it so, which keeps the benchmark's figures those of the stack users run.

export interface DevServerPlace {
  port: number;
  uiPort: number;
  dbFile: string;
}

export function devServerArgs({ port, uiPort, dbFile }: DevServerPlace): string[] {
  return [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--ui-port', String(uiPort),
    '--db-filename', dbFile,
    // Write-ahead logging: roughly 10x the commit rate of SQLite's default journal here.
    '--sqlite-pragma', 'journal_mode=WAL',
    '--log-level', 'warn',
  ];
}
