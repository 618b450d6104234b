// GET /metrics as Prometheus scrapes it: every request counted and timed under its route's
// template and status (a 400 from the body parser under the route it was for, an unknown path
// under one "unmatched"), no id from a path in any label, the process's own metrics beside them,
// and a scrape answered even when the address's callers are over their limit.
import { randomUUID } from 'node:crypto';
import { serveAppDuringTests, type ApiClient } from '../helpers/api-server';
import { testPrisma } from '../helpers/database';
import { eventually } from '../helpers/eventually';
import { parseSamples, sampleValue } from '../helpers/prometheus-text';

const prisma = testPrisma();
afterAll(() => prisma.$disconnect());
// No route here reaches Temporal.
const api = serveAppDuringTests(() => ({ temporal: {} as never, prisma }));
const limited = serveAppDuringTests(() => ({ temporal: {} as never, prisma, limits: { perCaller: 2 } }));

const shopId = `shop-metrics-${randomUUID().slice(0, 8)}`;
const strayId = `stray-${randomUUID().slice(0, 8)}`;

const scrape = async (client: ApiClient) => {
  const answer = await client.as(null).call('GET', '/metrics');
  return { ...answer, samples: answer.status === 200 ? parseSamples(answer.body as string) : [] };
};
const requests = (route: string, method: string, status: number) => ({
  name: 'http_requests_total',
  labels: { method, route, status_code: String(status) },
});

test('counts and times each request by method, route template and status, with no id from the path', async () => {
  expect((await api.call('GET', `/shops/${shopId}/policy`)).status).toBe(200);
  expect((await api.call('GET', `/shops/${shopId}/policy`)).status).toBe(200);
  expect((await api.call('PUT', `/shops/${shopId}/policy`, { timeZone: 42 })).status).toBe(400);
  expect(
    (await api.call('POST', '/orders', '{"shopId": "not json', { 'content-type': 'application/json' })).body.error.code,
  ).toBe('invalid_json');
  expect((await api.call('GET', `/nowhere/${strayId}`)).status).toBe(404);

  const expected = [
    [requests('/shops/:shopId/policy', 'GET', 200), 2],
    [requests('/shops/:shopId/policy', 'PUT', 400), 1],
    [requests('/orders', 'POST', 400), 1],
    [requests('unmatched', 'GET', 404), 1],
  ] as const;
  const metrics = await eventually(
    () => scrape(api),
    ({ samples }) => expected.every(([{ name, labels }, count]) => sampleValue(samples, name, labels) === count),
    'the requests in /metrics',
  );

  expect(metrics.status).toBe(200);
  expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  expect(metrics.body).toContain('# TYPE http_request_duration_seconds histogram');
  expect(metrics.body).toContain('# TYPE http_requests_total counter');
  expect(
    sampleValue(metrics.samples, 'http_request_duration_seconds_count', {
      method: 'GET',
      route: '/shops/:shopId/policy',
      status_code: '200',
    }),
  ).toBe(2);
  expect(
    sampleValue(metrics.samples, 'http_request_duration_seconds_bucket', {
      method: 'GET',
      route: '/shops/:shopId/policy',
      status_code: '200',
      le: '+Inf',
    }),
  ).toBe(2);
  expect(metrics.body).not.toContain(shopId);
  expect(metrics.body).not.toContain(strayId);
  // Every route label is a template of the route table or "unmatched".
  const routes = new Set(metrics.samples.map((sample) => sample.labels.route).filter(Boolean));
  expect([...routes].filter((route) => route !== 'unmatched' && !route.startsWith('/'))).toEqual([]);
});

test("serves the process's own metrics: CPU, memory, event loop lag, GC", async () => {
  const { body, samples } = await scrape(api);
  for (const name of [
    'process_cpu_seconds_total',
    'process_resident_memory_bytes',
    'nodejs_eventloop_lag_seconds',
    'nodejs_heap_size_used_bytes',
  ]) {
    expect({ name, value: sampleValue(samples, name, {}) }).toEqual({ name, value: expect.any(Number) });
  }
  expect(body).toContain('# TYPE nodejs_gc_duration_seconds histogram');
});

test('answers a scrape while the callers at its address are over their limit', async () => {
  const statuses = [];
  for (let i = 0; i < 3; i += 1) statuses.push((await limited.call('GET', `/shops/${shopId}/policy`)).status);
  expect(statuses).toEqual([200, 200, 429]);
  const metrics = await eventually(
    () => scrape(limited),
    ({ samples }) =>
      sampleValue(samples, 'http_requests_total', requests('/shops/:shopId/policy', 'GET', 429).labels) === 1,
    'the 429 in /metrics',
  );
  expect(metrics.status).toBe(200);
});
