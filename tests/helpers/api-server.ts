// The real Express app on an ephemeral port for the whole of a test file, over the file's Temporal
// server and test database, and a small client that returns status and parsed body.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp, type ApiDeps } from '../../api/app';
import type { WorkerHarness } from './worker-harness';

// Response bodies are whatever the API sent; the matchers in the tests are what check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiClient {
  baseUrl: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json; headers: Headers }>;
}

export function serveApiDuringTests(t: WorkerHarness): ApiClient {
  return serveAppDuringTests(() => ({ temporal: t.env.client, prisma: t.prisma }));
}

/** The app over dependencies of the test's choosing (a database or Temporal that is down). */
export function serveAppDuringTests(deps: () => Omit<ApiDeps, 'logger'>): ApiClient {
  let server: Server;
  const api: ApiClient = {
    baseUrl: '',
    async call(method, path, body) {
      const res = await fetch(`${api.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
  };
  beforeAll(async () => {
    server = createApp({ ...deps(), logger: pino({ level: 'silent' }) }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    api.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server?.close(resolve)));
  return api;
}
