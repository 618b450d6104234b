// Odd input and dependencies that are down, through the real app: text PostgreSQL cannot store is a
// 400 naming the field, a database that does not answer is a 503 with Retry-After, and so is a
// Temporal server that has gone away, within seconds rather than the SDK's default 20 s of retries.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createPrismaClient, type PrismaClient } from '../../activities/prisma-client';
import { connectApiToTemporal } from '../../api/temporal-connection';
import { serveAppDuringTests } from '../helpers/api-server';
import { testPrisma } from '../helpers/database';
import { sampleOrderBody } from '../helpers/orders';
import { startDevServer } from '../helpers/temporal';

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const deps = {} as { prisma: PrismaClient; temporal: Client; noDatabase: PrismaClient; connection: Connection };
beforeAll(async () => {
  deps.prisma = testPrisma();
  deps.noDatabase = createPrismaClient(`postgresql://backoffice:backoffice@127.0.0.1:${await closedPort()}/postgres`);
  // Connected while the server ran, then the server went away: the outage as the API meets it.
  const server: TestWorkflowEnvironment = await startDevServer();
  deps.connection = await connectApiToTemporal(server.connection.options.address);
  deps.temporal = new Client({ connection: deps.connection });
  await deps.temporal.workflow.count();
  await server.teardown();
});
afterAll(async () => {
  await deps.prisma.$disconnect();
  await deps.noDatabase.$disconnect();
  await deps.connection.close();
});

const noTemporal = serveAppDuringTests(() => ({ prisma: deps.prisma, temporal: deps.temporal }));
const noDatabase = serveAppDuringTests(() => ({ prisma: deps.noDatabase, temporal: deps.temporal }));
const shopId = 'shop-failures';

describe('text PostgreSQL cannot store is a 400 naming the field, never a 500', () => {
  test('a NUL in the payment gateway secret', async () => {
    const answer = await noTemporal.call('PUT', `/shops/${shopId}/payment-gateway`, {
      url: 'https://pay.example.test/refunds',
      secret: `secret-with-a-nul-\u0000-inside-it`,
    });
    expect(answer).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request', fields: [{ field: 'secret', code: 'invalid_string' }] } },
    });
  });

  test("a NUL in an event's courier", async () => {
    const answer = await noTemporal.call('POST', `/orders/${shopId}/TB-1/events`, {
      eventId: 'ship-1',
      type: 'shipped',
      occurredAt: new Date().toISOString(),
      data: { courier: '中通\u0000', trackingNumber: 'ZT12345678' },
    });
    expect(answer).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'data.courier' }] } } });
  });

  test("a lone surrogate in the buyer's name, sent as JSON's own escape", async () => {
    const body = JSON.stringify(sampleOrderBody({ shopId })).replace('"张三"', '"\\udabe"');
    const answer = await noTemporal.call('POST', '/orders', body);
    expect(answer).toMatchObject({
      status: 400,
      body: { error: { fields: [{ field: 'buyer.name', message: expect.stringContaining('surrogate') }] } },
    });
  });

  test('a NUL in a query parameter', async () => {
    const answer = await noTemporal.call('GET', `/cases/${shopId}/C-1/progress?token=a%00b`);
    expect(answer).toMatchObject({ status: 400, body: { error: { fields: [{ field: '(query).token' }] } } });
  });
});

describe('a dependency that is down is a 503 with Retry-After', () => {
  test('the database: POST /orders and GET /orders answer 503 database_unavailable', async () => {
    for (const [method, path, body] of [
      ['POST', '/orders', sampleOrderBody({ shopId })],
      ['GET', `/orders/${shopId}/TB-1/timeline`, undefined],
    ] as const) {
      const answer = await noDatabase.call(method, path, body);
      expect(answer).toMatchObject({ status: 503, body: { error: { code: 'database_unavailable' } } });
      expect(answer.headers.get('retry-after')).toBe('5');
    }
  });

  test("Temporal: POST /orders answers 503 temporal_unavailable within 5 s, not after the SDK's default 20 s of retries", async () => {
    const started = Date.now();
    const answer = await noTemporal.call('POST', '/orders', sampleOrderBody({ shopId }));
    const took = Date.now() - started;
    expect(answer).toMatchObject({ status: 503, body: { error: { code: 'temporal_unavailable' } } });
    expect(answer.headers.get('retry-after')).toBe('5');
    // About a second of retries on a quiet machine; the rest of the bound is for a busy one.
    expect(took).toBeLessThan(5_000);
  });
});
