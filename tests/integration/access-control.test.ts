// Every route × every kind of caller → the status the route's access allows. The expected access
// of each route is written here, apart from the route table, so that a route made public or
// opened to another role by mistake fails, and a new route without an entry fails too.
import { randomUUID } from 'node:crypto';
import { routeTable } from '../../api/routes';
import type { AnyRoute } from '../../api/route-table';
import type { ShopRole } from '../../generated/prisma/enums';
import { serveApiDuringTests, type Answer } from '../helpers/api-server';
import { machineKey, personSession } from '../helpers/identities';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const READERS = ['agent', 'supervisor', 'admin'] as const;
const EXPECTED: Record<string, 'public' | 'signedIn' | readonly ShopRole[]> = {
  'GET /': 'public',
  'GET /workbench/': 'public',
  'GET /workbench/:file': 'public',
  'GET /health': 'public',
  'GET /metrics': 'public',
  'GET /openapi.json': 'public',
  'POST /sessions': 'public',
  'DELETE /sessions/current': 'signedIn',
  'GET /me': 'signedIn',
  'POST /orders': ['platform'],
  'POST /orders/:shopId/:orderId/events': ['platform'],
  'GET /orders/:shopId/:orderId': ['platform', ...READERS],
  'GET /orders/:shopId/:orderId/timeline': READERS,
  'GET /shops/:shopId/unmatched-events': ['platform', ...READERS],
  'POST /cases': ['platform', ...READERS],
  'POST /cases/:shopId/:caseId/events': ['platform'],
  'GET /cases/:shopId/:caseId': ['platform', ...READERS],
  'GET /cases/:shopId/:caseId/progress': 'public',
  'POST /cases/:shopId/:caseId/progress/return-shipment': 'public',
  'GET /tasks': READERS,
  'GET /shops/:shopId/colleagues': READERS,
  'GET /shops/:shopId/cases': READERS,
  'GET /tasks/:taskId': READERS,
  'GET /tasks/:taskId/context': READERS,
  'POST /tasks/:taskId/claim': READERS,
  'POST /tasks/:taskId/reassign': READERS,
  'POST /tasks/:taskId/complete': READERS,
  'GET /shops/:shopId/search': READERS,
  'GET /shops/:shopId/buyers/:buyerId/opt-outs': ['platform', ...READERS],
  'PUT /shops/:shopId/buyers/:buyerId/opt-outs/:channel': ['platform', ...READERS],
  'DELETE /shops/:shopId/buyers/:buyerId/opt-outs/:channel': ['platform', ...READERS],
  'GET /shops/:shopId/messages': READERS,
  'GET /shops/:shopId/policy': READERS,
  'GET /shops/:shopId/policy/fields': READERS,
  'PUT /shops/:shopId/policy': ['admin'],
  'GET /shops/:shopId/channels': ['admin'],
  'PUT /shops/:shopId/channels/:channel': ['admin'],
  'DELETE /shops/:shopId/channels/:channel': ['admin'],
  'GET /shops/:shopId/payment-gateway': ['admin'],
  'PUT /shops/:shopId/payment-gateway': ['admin'],
  'GET /shops/:shopId/templates': READERS,
  'PUT /shops/:shopId/templates/:template/:locale': ['admin'],
  'DELETE /shops/:shopId/templates/:template/:locale': ['admin'],
  'POST /shops/:shopId/templates/:template/:locale/preview': READERS,
  'GET /shops/:shopId/people': ['admin'],
  'PUT /shops/:shopId/people/:login': ['admin'],
  'DELETE /shops/:shopId/people/:login': ['admin'],
  'GET /shops/:shopId/api-keys': ['admin'],
  'POST /shops/:shopId/api-keys': ['admin'],
  'DELETE /shops/:shopId/api-keys/:keyId': ['admin'],
  'GET /shops/:shopId/audit-log': ['admin'],
  'POST /shops/:shopId/buyers/:buyerId/erasure': ['admin'],
  'GET /shops/:shopId/platform-signing': ['admin'],
  'PUT /shops/:shopId/platform-signing': ['admin'],
  'DELETE /shops/:shopId/platform-signing': ['admin'],
  'GET /shops/:shopId/connectors': ['admin'],
  'GET /shops/:shopId/connectors/:platform': ['admin'],
  'PUT /shops/:shopId/connectors/:platform': ['admin'],
  'GET /shops/:shopId/connectors/:platform/messages': ['admin'],
  'POST /shops/:shopId/connectors/:platform/messages/:messageId/retry': ['admin'],
  'POST /shops/:shopId/connectors/:platform/backfill': ['admin'],
  'GET /shops/:shopId/connectors/:platform/install': ['admin'],
  'GET /connectors/:platform/:shopId/oauth/callback': 'public',
  'POST /connectors/:platform/:shopId/webhooks': 'public',
  'GET /shops/:shopId/figures/tasks': ['supervisor', 'admin'],
  'GET /shops/:shopId/figures/messages': ['supervisor', 'admin'],
  'GET /shops/:shopId/figures/orders': ['supervisor', 'admin'],
  'GET /shops/:shopId/figures/cases': ['supervisor', 'admin'],
};

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const shopId = `shop-acl-${randomUUID().slice(0, 6)}`;
const otherShopId = `${shopId}-other`;
const taskIds: Record<string, string> = {};

const key = (route: Pick<AnyRoute, 'method' | 'path'>) => `${route.method.toUpperCase()} ${route.path}`;
const routes = routeTable({
  temporal: {} as never,
  prisma: {} as never,
  outboundAllowedHosts: [],
  metrics: {} as never,
});
const declared = (route: AnyRoute) => (route.access.kind === 'shop' ? [...route.access.roles] : route.access.kind);

const SAMPLE_PARAMS: Record<string, (shop: string) => string> = {
  orderId: () => 'O-acl-1',
  caseId: () => 'C-acl-1',
  channel: () => 'WEBHOOK',
  template: () => 'payment_reminder',
  locale: () => 'zh-CN',
  buyerId: () => 'buyer-acl',
  login: () => 'someone-new',
  keyId: () => '000000000000',
  file: () => 'app.css',
  platform: () => 'shopify',
  messageId: () => 'message-acl-1',
  taskId: (shop) => taskIds[shop],
};

/** A request to the route in `shop`: sample path values, and the shop where the route reads it from. */
function request(route: AnyRoute, shop: string): { path: string; body?: unknown } {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'shopId') return shop;
    const sample = SAMPLE_PARAMS[name];
    if (!sample) throw new Error(`Add a sample value for :${name} (${key(route)}) to SAMPLE_PARAMS`);
    return encodeURIComponent(sample(shop));
  });
  const from = route.access.kind === 'shop' ? route.access.from : undefined;
  if (from === 'query') return { path: `${path}?shopId=${shop}` };
  if (path.endsWith('/progress')) return { path: `${path}?token=wrong` };
  return {
    path,
    body: route.method === 'get' || route.method === 'delete' ? undefined : from === 'body' ? { shopId: shop } : {},
  };
}

async function taskIn(shop: string): Promise<string> {
  const id = `order:${shop}:O-acl-task:cod-call-1`;
  await t.prisma.task.create({
    data: {
      id,
      shopId: shop,
      kind: 'call_buyer',
      queue: 'PRE_SALES',
      title: 'call',
      details: {},
      workflowId: `order:${shop}:O-acl-task`,
      orderId: 'O-acl-task',
      dueAt: new Date(Date.now() + 3_600_000),
    },
  });
  return id;
}

type CallerName = 'platform key' | 'agent' | 'supervisor' | 'admin' | 'admin key';
const ROLE_OF: Record<CallerName, ShopRole> = {
  'platform key': 'platform',
  agent: 'agent',
  supervisor: 'supervisor',
  admin: 'admin',
  'admin key': 'admin',
};

async function credential(name: CallerName, shop: string): Promise<string> {
  if (name === 'platform key' || name === 'admin key') return (await machineKey(t.prisma, shop, ROLE_OF[name])).key;
  return personSession(
    t.prisma,
    shop,
    `${name}-${randomUUID().slice(0, 8)}`,
    ROLE_OF[name] as Exclude<ShopRole, 'platform'>,
  );
}

const send = async (route: AnyRoute, shop: string, secret: string | null): Promise<Answer> => {
  const { path, body } = request(route, shop);
  return api.as(secret).call(route.method.toUpperCase(), path, body);
};

/** Past the guard: the handler answered (its own 4xx included), not the guard's 401, 403 or shop 404. */
const passedGuard = (answer: Answer) =>
  ![401, 403, 429, 500].includes(answer.status) && answer.body?.error?.code !== 'not_found';

beforeAll(async () => {
  taskIds[shopId] = await taskIn(shopId);
  taskIds[otherShopId] = await taskIn(otherShopId);
});

test('every route has an expected access here, and the route table declares it', () => {
  expect(Object.fromEntries(routes.map((route) => [key(route), declared(route)]))).toEqual(EXPECTED);
});

describe.each(routes.map((route) => [key(route), route] as const))('%s', (_name, route) => {
  const expected = EXPECTED[key(route)];

  test('without a credential', async () => {
    const answer = await send(route, shopId, null);
    if (expected === 'public') expect(answer.status).not.toBe(401);
    else
      expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
  });

  if (expected === 'public') return;

  test('with a revoked key and with an expired key', async () => {
    const revoked = await machineKey(t.prisma, shopId, 'admin', { revoked: true });
    const expired = await machineKey(t.prisma, shopId, 'admin', { expiresAt: new Date(Date.now() - 1000) });
    expect((await send(route, shopId, revoked.key)).body.error.code).toBe('credential_revoked');
    expect((await send(route, shopId, expired.key)).body.error.code).toBe('credential_expired');
  });

  test.each(Object.keys(ROLE_OF) as CallerName[])('as %s of the shop', async (name) => {
    const answer = await send(route, shopId, await credential(name, shopId));
    const allowed = expected === 'signedIn' || expected.includes(ROLE_OF[name]);
    if (allowed)
      expect({ passed: passedGuard(answer), status: answer.status, body: answer.body }).toMatchObject({ passed: true });
    else expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status: 403, code: 'forbidden' });
  });

  if (expected === 'signedIn') return;

  test('as the admin of another shop: the same 404 as an unknown id', async () => {
    const answer = await send(route, otherShopId, await credential('admin', shopId));
    expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
  });
});
