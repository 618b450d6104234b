// The stack the benchmark drives: a Temporal dev server of its own (unless TEMPORAL_ADDRESS), a
// fresh database on the PostgreSQL server DATABASE_URL names, and the worker and the API started
// as `npm start` starts them, from a checkout's dist/, as children the benchmark can measure and kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { devServerArgs } from '../provision/temporal-dev-server';
import { freePort } from '../tests/helpers/server-process';
import { workerLaunch } from '../worker/process-settings';

export const BENCH_DATABASE = 'backoffice_bench';

export interface StackProcess {
  name: string;
  child: ChildProcess;
  startedAt: number;
  /** Resolves with the moment a line of its output first matched. */
  lineMatching(pattern: RegExp): Promise<number>;
}

export interface Stack {
  apiUrl: string;
  temporalAddress: string;
  databaseUrl: string;
  adminKey: string;
  logDir: string;
  api: StackProcess;
  worker: StackProcess;
  /** Undefined when TEMPORAL_ADDRESS names a server of someone else's. */
  temporal?: StackProcess;
  /** SIGKILLs the worker (as the OOM killer or a lost machine would) and starts a new one. */
  killAndRestartWorker(): Promise<StackProcess>;
  stop(): Promise<void>;
}

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, log: WriteStream): StackProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const watchers: Array<{ pattern: RegExp; resolve: (at: number) => void }> = [];
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      log.write(`[${name}] ${chunk.toString('utf8')}`);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (lines.length < 200) lines.push(line);
        for (const watcher of watchers.filter((w) => w.pattern.test(line))) {
          watcher.resolve(Date.now());
          watchers.splice(watchers.indexOf(watcher), 1);
        }
      }
    });
  }
  return {
    name,
    child,
    startedAt: Date.now(),
    lineMatching: (pattern) =>
      new Promise((resolve, reject) => {
        if (lines.some((line) => pattern.test(line))) return resolve(Date.now());
        watchers.push({ pattern, resolve });
        child.once('exit', (code, signal) =>
          reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before printing ${pattern}; see ${log.path}`)),
        );
      }),
  };
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function stopProcess({ child }: StackProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A fresh, migrated database for this run, on the server DATABASE_URL names (that database itself is never touched). */
async function freshDatabase(serverUrl: string, stackRoot: string, say: (line: string) => void): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  // The checkout's own migrations: another commit's code expects its own schema.
  await new Promise<void>((resolve, reject) => {
    const migrate = spawn(process.execPath, [join(stackRoot, 'dist', 'prisma', 'migrate.js')], {
      env: { ...process.env, DATABASE_URL: url.toString() },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    migrate.stdout!.on('data', (chunk: Buffer) =>
      chunk
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .forEach((line) => say(`  ${line}`)),
    );
    migrate.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`migrating ${BENCH_DATABASE} failed (code ${code})`)),
    );
  });
  return url.toString();
}

/**
 * The server TEMPORAL_ADDRESS names, or else a dev server of the run's own, its history in logDir.
 * A port free when chosen can be taken before the server binds it (the server then exits): such a
 * start is tried again on new ports.
 */
export async function temporalServer(
  logDir: string,
  log: WriteStream,
  say: (line: string) => void,
): Promise<{ address: string; temporal?: StackProcess }> {
  if (process.env.TEMPORAL_ADDRESS) return { address: process.env.TEMPORAL_ADDRESS };
  const dbFile = join(logDir, 'temporal.sqlite');
  for (let attempt = 1; ; attempt++) {
    const [port, uiPort] = [await freePort(), await freePort()];
    say(
      `Starting a Temporal dev server on 127.0.0.1:${port} (Web UI http://localhost:${uiPort}), history in ${logDir}`,
    );
    const temporal = launch(
      'temporal',
      process.env.TEMPORAL_CLI_PATH ?? 'temporal',
      devServerArgs({ port, uiPort, dbFile }),
      process.env,
      log,
    );
    const exited = () => temporal.child.exitCode !== null || temporal.child.signalCode !== null;
    await until('the Temporal dev server did not answer', 60_000, async () =>
      exited() ? true : (await fetch(`http://127.0.0.1:${uiPort}/`)).ok,
    );
    if (!exited()) return { address: `127.0.0.1:${port}`, temporal };
    if (attempt === 3)
      throw new Error(`the Temporal dev server exited before it answered, three times; see ${log.path}`);
    say(`The Temporal dev server exited before it answered (see ${log.path}); starting it again on other ports`);
    for (const suffix of ['', '-shm', '-wal']) rmSync(`${dbFile}${suffix}`, { force: true });
  }
}

/** `profile`: the worker and the API write V8 CPU profiles into logDir/profiles when they stop. */
export async function startStack(
  stackRoot: string,
  logDir: string,
  say: (line: string) => void,
  profile = false,
): Promise<Stack> {
  for (const file of ['worker/main.js', 'api/main.js', 'prisma/migrate.js']) {
    if (!existsSync(join(stackRoot, 'dist', file)))
      throw new Error(
        `${join(stackRoot, 'dist', file)} is missing: build that checkout first (npx tsc -p tsconfig.build.json)`,
      );
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error('DATABASE_URL is not set: run the benchmark with `npm run bench`, which provides PostgreSQL.');
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, 'stack.log'), { flags: 'a' });
  const started: StackProcess[] = [];

  const { address: temporalAddress, temporal } = await temporalServer(logDir, log, say);
  if (temporal) started.push(temporal);

  say(`Creating database ${BENCH_DATABASE}`);
  const databaseUrl = await freshDatabase(serverUrl, stackRoot, say);
  const [apiPort, workerMetricsPort] = [await freePort(), await freePort()];
  const adminKey = `bench-operator-${randomBytes(24).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    API_PORT: String(apiPort),
    ADMIN_API_KEY: adminKey,
    DATA_DIR: join(logDir, 'data'),
    // Beside a running `npm start`, whose worker holds the default port.
    WORKER_METRICS_ADDRESS: `127.0.0.1:${workerMetricsPort}`,
    // The peers listen on loopback over http; limits sized for a load generator, not for a person.
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_TARGET_PER_MINUTE: '1000000',
  };
  const nodeArgs = profile ? ['--cpu-prof', '--cpu-prof-dir', join(logDir, 'profiles')] : [];
  const workerCommand = workerLaunch(env, join(stackRoot, 'dist', 'worker', 'main.js'));
  const startWorker = () =>
    launch('worker', process.execPath, [...nodeArgs, ...workerCommand.args], workerCommand.env, log);
  let worker = startWorker();
  started.push(worker);
  const api = launch('api', process.execPath, [...nodeArgs, join(stackRoot, 'dist', 'api', 'main.js')], env, log);
  started.push(api);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  say('Starting the worker and the API');
  await until('the API did not report healthy', 120_000, async () => (await fetch(`${apiUrl}/health`)).ok);
  await worker.lineMatching(/worker polling/);

  return {
    apiUrl,
    temporalAddress,
    databaseUrl,
    adminKey,
    logDir,
    api,
    get worker() {
      return worker;
    },
    temporal,
    async killAndRestartWorker() {
      const exited = new Promise((resolve) => worker.child.once('exit', resolve));
      worker.child.kill('SIGKILL');
      await exited;
      worker = startWorker();
      started.push(worker);
      return worker;
    },
    async stop() {
      for (const process of [...started].reverse()) await stopProcess(process);
      log.end();
    },
  };
}
