// A server the tests need, started as a child process and awaited for as long as a busy machine
// takes to bring it up: the SDK's own starter gives a server 5 s to answer, which a JVM on two
// loaded cores can miss.
import { spawn } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';

const STARTUP_TIMEOUT_MS = 120_000;

export interface ServerProcess {
  address: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * Starts `command` with the arguments for a free port and resolves once that port takes connections.
 * A port free when chosen can be taken before the server binds it, and the dev server also picks
 * ports of its own (its HTTP API): a start that fails on a port in use is tried again on new ports.
 */
export async function startServerProcess(
  what: string,
  command: string,
  args: (port: number) => string[],
): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(what, command, args);
    } catch (err) {
      if (attempt >= 3 || !/address already in use/.test(String(err))) throw err;
    }
  }
}

async function startOnFreePort(
  what: string,
  command: string,
  args: (port: number) => string[],
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(command, args(port), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with ${child.exitCode} before it answered: ${stderr.trim()}`);
    if (await accepts(port)) return { address: `127.0.0.1:${port}`, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${what} did not answer on port ${port} within ${STARTUP_TIMEOUT_MS / 1000} s: ${stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
