// The real Express app on an ephemeral port for the whole of a test file, over the file's Temporal
// server and test database, and a small client that returns status and body (JSON parsed, text as
// it is). The client calls as the deployment's operator unless told to call as someone else
// (`as`), and every answer is checked against the route table (checkResponses).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp, type ApiDeps } from '../../api/app';
import { testPrisma } from './database';
import { operatorKey } from './identities';
import { TEST_ALLOWED_HOSTS } from './outbound';
import type { WorkerHarness } from './worker-harness';

// Response bodies are whatever the API sent; the matchers in the tests are what check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

export interface ApiClient {
  baseUrl: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** The same API called with another credential (a session token or an API key), or with none (null). */
  as(credential: string | null): ApiClient;
}

function client(base: { baseUrl: string }, credential: () => string | null): ApiClient {
  return {
    get baseUrl() {
      return base.baseUrl;
    },
    async call(method, path, body, headers = {}) {
      const secret = credential();
      const res = await fetch(`${base.baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(secret ? { authorization: `Bearer ${secret}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      // A text answer (GET /metrics) is its text.
      const json = /^application\/json\b/.test(res.headers.get('content-type') ?? '');
      return { status: res.status, body: !text ? undefined : json ? JSON.parse(text) : text, headers: res.headers };
    },
    as: (other) => client(base, () => other),
  };
}

export function serveApiDuringTests(t: WorkerHarness): ApiClient {
  return serveAppDuringTests(() => ({ temporal: t.env.client, prisma: t.prisma }));
}

/** The app over dependencies of the test's choosing (a database or Temporal that is down). */
export function serveAppDuringTests(deps: () => Omit<ApiDeps, 'logger'>): ApiClient {
  let server: Server;
  let operator: string | null = null;
  const base = { baseUrl: '' };
  beforeAll(async () => {
    const chosen = deps();
    // A database that is down cannot hold a key: the operator's is then made over the suite's own.
    operator = await operatorKey(chosen.prisma).catch(async () => {
      const suite = testPrisma();
      return operatorKey(suite).finally(() => suite.$disconnect());
    });
    server = createApp({
      checkResponses: true,
      outboundAllowedHosts: TEST_ALLOWED_HOSTS,
      ...chosen,
      logger: pino({ level: 'silent' }),
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server?.close(resolve)));
  return client(base, () => operator);
}
