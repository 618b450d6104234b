// What the workbench page is served with and reads besides the task and settings routes: the page
// and its files (public, no data), whom a task can be handed to, and a shop's cases by order.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests } from '../helpers/api-server';
import { machineKey, personSession } from '../helpers/identities';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const shopId = `shop-${randomUUID().slice(0, 8)}`;

describe('the page', () => {
  it('sends a browser from / to the workbench, which is served with the Temporal UI it links to', async () => {
    const root = await fetch(`${api.baseUrl}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/workbench/');
    const page = await api.as(null).call('GET', '/workbench/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain('<meta name="temporal-ui" content="http://localhost:8233" />');
    expect(page.body).toContain('src="app.js"');
  });

  it('serves its script and styles with their own types, and nothing else', async () => {
    const script = await api.as(null).call('GET', '/workbench/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await api.as(null).call('GET', '/workbench/app.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect(await api.as(null).call('GET', '/workbench/secrets.env')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
    expect(await api.as(null).call('GET', '/workbench/..%2F..%2Fpackage.json')).toMatchObject({ status: 400 });
  });
});

describe('colleagues', () => {
  it("lists the shop's people who work tasks, not its machines, to anyone who works tasks there", async () => {
    const agent = await personSession(t.prisma, shopId, `agent-${randomUUID().slice(0, 6)}`, 'agent', ['PRE_SALES']);
    await personSession(t.prisma, shopId, 'lead-zhao', 'supervisor');
    await machineKey(t.prisma, shopId, 'platform');
    const answer = await api.as(agent).call('GET', `/shops/${shopId}/colleagues`);
    expect(answer.status).toBe(200);
    expect(answer.body.colleagues).toEqual(
      expect.arrayContaining([{ identityId: 'person:lead-zhao', name: 'lead-zhao', role: 'supervisor', queues: [] }]),
    );
    expect(answer.body.colleagues.every((c: { identityId: string }) => c.identityId.startsWith('person:'))).toBe(true);
    expect((await api.as(agent).call('GET', '/shops/another-shop/colleagues')).status).toBe(404);
  });
});

describe("a shop's cases", () => {
  it('lists them by order, and refuses an unknown filter by name', async () => {
    const agent = await personSession(t.prisma, shopId, `agent-${randomUUID().slice(0, 6)}`, 'agent');
    expect(await api.as(agent).call('GET', `/shops/${shopId}/cases?orderId=NO-SUCH-ORDER`)).toMatchObject({
      status: 200,
      body: { cases: [] },
    });
    expect(await api.as(agent).call('GET', `/shops/${shopId}/cases?colour=red`)).toMatchObject({
      status: 400,
      body: { error: { fields: [expect.objectContaining({ field: '(params)' })] } },
    });
  });
});
