// The real worker process (dist/worker/main.js, which the test command builds) over a test file's
// Temporal server and the test database: started, killed as a crash would kill it, started again.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/paths';
import { testDatabaseUrl } from './database';
import { TEST_ALLOWED_HOSTS } from './outbound';

const MAIN = join(PROJECT_ROOT, 'dist', 'worker', 'main.js');
/** As long as a busy machine takes; the point of the prebuilt bundle is that it takes far less. */
const STARTUP_TIMEOUT_MS = 120_000;
/** worker/main.ts's log line once the worker takes work. */
const POLLING = '"msg":"worker polling"';

export interface WorkerProcess {
  /** Resolves once the worker logs that it polls; again after kill, for a restart. */
  start(): Promise<void>;
  /** SIGKILL: no drain, no goodbye to the server; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, as an orderly stop (afterAll). */
  stop(): Promise<void>;
  /** The last of its output, for a failing test's message. */
  output(): string;
}

export function workerProcess(temporalAddress: string): WorkerProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  const end = async (signal: NodeJS.Signals) => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };

  return {
    start() {
      if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run the suite with \`npm test\`, which builds dist/`);
      output = '';
      const started = spawn(process.execPath, [MAIN], {
        env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: testDatabaseUrl(), OUTBOUND_ALLOWED_HOSTS: TEST_ALLOWED_HOSTS.join(','), LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      exited = new Promise((resolve) => started.once('exit', () => resolve()));
      const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
      started.stdout.on('data', keep);
      started.stderr.on('data', keep);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the worker did not poll within ${STARTUP_TIMEOUT_MS / 1000} s: ${output}`)), STARTUP_TIMEOUT_MS);
        started.stdout.on('data', () => {
          if (output.includes(POLLING)) {
            clearTimeout(timer);
            resolve();
          }
        });
        started.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`the worker exited (${signal ?? code}) before it polled: ${output}`));
        });
      });
    },
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    output: () => output,
  };
}
