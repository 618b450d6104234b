// What the start command runs once dependencies are installed and the code is built: the
// Temporal dev server (unless TEMPORAL_ADDRESS), the embedded database (unless DATABASE_URL),
// migrations, the worker and the API, stopped in order on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_WORKER_METRICS_ADDRESS } from '../config/env';
import { DATA_DIR as dataDir, PROJECT_ROOT } from '../config/paths';
import { migrateDatabase } from '../prisma/migrate';
import { workerLaunch } from '../worker/process-settings';
import { devServerArgs } from './temporal-dev-server';

const logDir = join(dataDir, 'logs');
const apiPort = Number(process.env.API_PORT ?? 3000);
const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
const pglitePort = Number(process.env.EMBEDDED_DB_PORT ?? 5433);

interface Service {
  name: string;
  child: ChildProcess;
}
const services: Service[] = [];
let stopping: Promise<never> | undefined;

function say(line: string) {
  console.log(`\x1b[1;34m==>\x1b[0m ${line}`);
}

/** Starts a child in its own process group, so Ctrl-C reaches only us and we stop children in order. */
function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logToFile: boolean): Service {
  if (stopping) throw new Error('stopped');
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (logToFile) {
    const file = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
    child.stdout!.pipe(file);
    child.stderr!.pipe(file);
  } else {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
    }
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(
      `${name} exited unexpectedly (${signal ?? `code ${code}`})${logToFile ? `; see ${join(logDir, `${name}.log`)}` : ''}`,
    );
    void stopAll(1);
  });
  const service = { name, child };
  services.push(service);
  return service;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Something already listening would be mistaken for the server we are about to start. */
async function ensurePortFree(port: number, what: string, variable: string) {
  if (await portAnswers(port)) {
    throw new Error(
      `port ${port}, wanted for ${what}, is already in use (an earlier start still running?). Stop whatever holds it, or set ${variable} to another port.`,
    );
  }
}

async function waitForPort(port: number, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await portAnswers(port))) {
    if (stopping) throw new Error('stopped');
    if (Date.now() > deadline) throw new Error(`${what} did not open port ${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitForHealth(url: string, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'no answer';
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url);
      last = await res.json();
      if (res.ok) return last;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not report healthy within ${timeoutMs / 1000} s; last answer: ${JSON.stringify(last)}`);
}

function stopOne({ name, child }: Service, timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`${name} did not stop within ${timeoutMs / 1000} s; killing it`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Every caller gets the same stop: a second signal or a failing start-up step waits for it. */
function stopAll(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    say('Stopping');
    // Reverse start order: the API and worker finish their work before the servers go away.
    for (const service of [...services].reverse()) {
      await stopOne(service);
      console.log(`    stopped ${service.name}`);
    }
    process.exit(exitCode);
  })();
  return stopping;
}

async function main() {
  mkdirSync(logDir, { recursive: true });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
  await ensurePortFree(apiPort, 'the API', 'API_PORT');

  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!env.DATABASE_URL) {
    const pgliteDir = join(dataDir, 'pglite');
    await ensurePortFree(pglitePort, 'the embedded database', 'EMBEDDED_DB_PORT');
    say(`Starting the embedded database (PGlite, ${pgliteDir}) on 127.0.0.1:${pglitePort}`);
    launch('pglite', process.execPath, [join(__dirname, 'pglite-server.js'), pgliteDir, String(pglitePort)], env, true);
    await waitForPort(pglitePort, 'PGlite', 60_000);
    env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${pglitePort}/postgres?sslmode=disable`;
  } else {
    say('Using the database at DATABASE_URL');
  }

  if (!env.TEMPORAL_ADDRESS) {
    const cli = env.TEMPORAL_CLI_PATH ?? 'temporal';
    await ensurePortFree(temporalPort, 'the Temporal dev server', 'TEMPORAL_PORT');
    await ensurePortFree(uiPort, 'the Temporal Web UI', 'TEMPORAL_UI_PORT');
    say(
      `Starting the Temporal dev server on 127.0.0.1:${temporalPort}, Web UI on ${uiPort} (history in ${join(dataDir, 'temporal.sqlite')})`,
    );
    launch(
      'temporal',
      cli,
      devServerArgs({ port: temporalPort, uiPort, dbFile: join(dataDir, 'temporal.sqlite') }),
      env,
      true,
    );
    await waitForPort(temporalPort, 'The Temporal dev server', 60_000);
    env.TEMPORAL_ADDRESS = `127.0.0.1:${temporalPort}`;
  } else {
    say(`Using the Temporal server at ${env.TEMPORAL_ADDRESS}`);
  }

  say('Migrating the database');
  await migrateDatabase(env.DATABASE_URL, (line) => console.log(`    ${line}`));

  say('Starting the worker and the API');
  env.API_PORT = String(apiPort);
  // The workbench links workflows to the Web UI this command started, on whatever port it chose.
  if (!process.env.TEMPORAL_ADDRESS && !env.TEMPORAL_UI_URL) env.TEMPORAL_UI_URL = `http://localhost:${uiPort}`;
  const workerCommand = workerLaunch(env);
  launch('worker', process.execPath, workerCommand.args, workerCommand.env, false);
  launch('api', process.execPath, [join(PROJECT_ROOT, 'dist', 'api', 'main.js')], env, false);
  await waitForHealth(`http://127.0.0.1:${apiPort}/health`, 60_000);

  const uiUrl = process.env.TEMPORAL_ADDRESS ? "(your Temporal server's Web UI)" : `http://localhost:${uiPort}`;
  console.log(`
  Ready.
    Workbench      http://localhost:${apiPort}/workbench/   (sign in as a shop's person; see README, "The workbench")
    API            http://localhost:${apiPort}   (health: /health, OpenAPI: /openapi.json)
    Metrics        http://localhost:${apiPort}/metrics (API), http://${env.WORKER_METRICS_ADDRESS ?? DEFAULT_WORKER_METRICS_ADDRESS}/metrics (worker)
    Temporal UI    ${uiUrl}
    Temporal gRPC  ${env.TEMPORAL_ADDRESS}
    Logs           ${logDir}
  Press Ctrl-C to stop everything.
`);
}

main().catch((err) => {
  if (!stopping) console.error(`Start failed: ${err instanceof Error ? err.message : err}`);
  void stopAll(1);
});
