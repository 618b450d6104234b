// The real worker process (dist/worker/main.js, which the test command builds) over a test file's
// Temporal server and the test database, for what only the process does: its start, its runtime
// and metrics endpoint, its signals (killed as a crash would kill it, started again).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { WORKER_MAIN, workerLaunch } from '../../worker/process-settings';
import { testDatabaseUrl } from './database';
import { TEST_ALLOWED_HOSTS } from './outbound';
import { freePort } from './server-process';

/** As long as a busy machine takes; the point of the prebuilt bundle is that it takes far less. */
const STARTUP_TIMEOUT_MS = 120_000;
/** worker/main.ts's log line once the worker takes work. */
const POLLING = '"msg":"worker polling"';

export interface WorkerProcess {
  /** Resolves once the worker logs that it polls; again after kill, for a restart. */
  start(): Promise<void>;
  /** SIGKILL: no drain, no goodbye to the server; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, as an orderly stop; resolves with how it exited. */
  stop(): Promise<Exit>;
  /** Its exit code once it has exited of itself, else null. */
  exitCode(): number | null;
  /** The last of its output, for a failing test's message. */
  output(): string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `env`: settings over the test's own (a metrics address, say). */
export function workerProcess(temporalAddress: string, env: NodeJS.ProcessEnv = {}): WorkerProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<Exit> = Promise.resolve({ code: null, signal: null });
  let output = '';
  let metricsAddress: string | undefined;

  const end = async (signal: NodeJS.Signals) => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };

  return {
    async start() {
      if (!existsSync(WORKER_MAIN))
        throw new Error(`${WORKER_MAIN} is missing: run the suite with \`npm test\`, which builds dist/`);
      output = '';
      // A port of its own: the default one may be held by `npm start`'s worker or another test run's.
      metricsAddress ??= `127.0.0.1:${await freePort()}`;
      const launched = workerLaunch({
        ...process.env,
        TEMPORAL_ADDRESS: temporalAddress,
        DATABASE_URL: testDatabaseUrl(),
        OUTBOUND_ALLOWED_HOSTS: TEST_ALLOWED_HOSTS.join(','),
        LOG_LEVEL: 'info',
        WORKER_METRICS_ADDRESS: metricsAddress,
        ...env,
      });
      const started = spawn(process.execPath, launched.args, { env: launched.env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      exited = new Promise((resolve) => started.once('exit', (code, signal) => resolve({ code, signal })));
      const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
      started.stdout.on('data', keep);
      started.stderr.on('data', keep);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the worker did not poll within ${STARTUP_TIMEOUT_MS / 1000} s: ${output}`)),
          STARTUP_TIMEOUT_MS,
        );
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
    kill: async () => {
      await end('SIGKILL');
    },
    stop: () => end('SIGTERM'),
    exitCode: () => child?.exitCode ?? null,
    output: () => output,
  };
}
