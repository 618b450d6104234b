// The probes of the access-control issue, each as it was tried from outside: anonymous money,
// forged events, rewritten addresses, personal data and access tokens read back, settings changed
// by the wrong people; and what replaced them: sessions, the supervisor's threshold, the audit
// log, signed platform posts, rate limits and security headers.
import { randomUUID } from 'node:crypto';
import { signRequest } from '../../activities/signed-post';
import { loadEnv } from '../../config/env';
import { hashPassword } from '../../api/access/credentials';
import { serveApiDuringTests, serveAppDuringTests, type Json } from '../helpers/api-server';
import { eventually } from '../helpers/eventually';
import { machineKey, personSession } from '../helpers/identities';
import { eventNow, sampleOrderBody } from '../helpers/orders';
import { runPaymentPeerDuringTests } from '../helpers/payment-peer';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const shopId = `shop-probe-${randomUUID().slice(0, 8)}`;
const payments = runPaymentPeerDuringTests(t, shopId);
const anonymous = api.as(null);

const iso = (at: number) => new Date(at).toISOString();

let platform: ReturnType<typeof api.as>;
let agent: ReturnType<typeof api.as>;
let supervisor: ReturnType<typeof api.as>;
let admin: ReturnType<typeof api.as>;

beforeAll(async () => {
  platform = api.as((await machineKey(t.prisma, shopId, 'platform')).key);
  agent = api.as(await personSession(t.prisma, shopId, 'probe-agent', 'agent'));
  supervisor = api.as(await personSession(t.prisma, shopId, 'probe-supervisor', 'supervisor'));
  admin = api.as(await personSession(t.prisma, shopId, 'probe-admin', 'admin'));
});

async function paidOrder(price: string): Promise<string> {
  const body = sampleOrderBody({
    shopId,
    placedAt: iso(Date.now()),
    items: [{ sku: 'MUG', title: '马克杯', quantity: 1, unitPrice: price }],
    total: price,
  });
  expect(await platform.call('POST', '/orders', body)).toMatchObject({ status: 201 });
  expect(
    await platform.call('POST', `/orders/${shopId}/${body.orderId}/events`, eventNow('pay', 'paid')),
  ).toMatchObject({ status: 202 });
  return body.orderId;
}

async function caseTask(orderId: string, requestedAmount: string): Promise<string> {
  const caseId = `RF-${randomUUID().slice(0, 8)}`;
  const opened = await platform.call('POST', '/cases', {
    shopId,
    caseId,
    orderId,
    type: 'REFUND_ONLY',
    situation: 'no_reason',
    channel: 'platform',
    openedBy: 'buyer',
    requestedAmount,
  });
  expect(opened.status).toBe(201);
  const taskId = encodeURIComponent(`case:${shopId}:${caseId}:respond`);
  await eventually(
    () => agent.call('GET', `/tasks/${taskId}`),
    (r) => r.status === 200 && r.body.status === 'OPEN',
    'the handle_case task',
  );
  return taskId;
}

describe('money', () => {
  it('an anonymous approval of CNY 99,999 is refused before anything is read', async () => {
    const taskId = await caseTask(await paidOrder('20.00'), '20.00');
    const answer = await anonymous.call('POST', `/tasks/${taskId}/complete`, {
      agentId: 'anyone',
      outcome: { decision: 'approve', refundAmount: '99999.00' },
    });
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(payments.refunds).toEqual([]);
  });

  it("an agent's approval above the shop's threshold waits for a supervisor, who approves it; the agent cannot take it back", async () => {
    const orderId = await paidOrder('500.00');
    const taskId = await caseTask(orderId, '300.00');
    const proposed = await agent.call('POST', `/tasks/${taskId}/complete`, { outcome: { decision: 'approve' } });
    expect(proposed).toMatchObject({
      status: 202,
      body: {
        task: {
          queue: 'SUPERVISOR',
          status: 'OPEN',
          proposedBy: 'person:probe-agent',
          proposedOutcome: { decision: 'approve' },
        },
      },
    });
    expect(await agent.call('POST', `/tasks/${taskId}/complete`, { outcome: { decision: 'approve' } })).toMatchObject({
      status: 403,
      body: { error: { code: 'not_your_queue' } },
    });

    expect(
      await supervisor.call('POST', `/tasks/${taskId}/complete`, { outcome: { decision: 'approve' } }),
    ).toMatchObject({ status: 200, body: { completion: { completedBy: 'person:probe-supervisor' } } });
    await eventually(
      () => Promise.resolve(payments.refunds),
      (refunds) => refunds.some((r) => r.orderId === orderId),
      'the refund at the gateway',
    );
    expect(payments.refunds.filter((r) => r.orderId === orderId)).toEqual([
      expect.objectContaining({ amount: '300.00' }),
    ]);

    const audit = await admin.call('GET', `/shops/${shopId}/audit-log`);
    const completions = audit.body.entries.filter((entry: Json) => entry.target === `/tasks/${taskId}/complete`);
    expect(completions.map((entry: Json) => [entry.identityId, entry.role, entry.status])).toEqual([
      ['person:probe-supervisor', 'supervisor', 200],
      ['person:probe-agent', 'agent', 202],
    ]);
  });

  it('a shop rule cannot approve automatically above the supervisor threshold', async () => {
    const refused = await admin.call('PUT', `/shops/${shopId}/policy`, {
      cases: { autoApprove: { refundUpTo: '1000.00' } },
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { fields: [{ field: 'cases.autoApprove.refundUpTo' }] } },
    });
  });
});

describe('events and settings only from those whose job they are', () => {
  it('a forged `paid` and a rewritten address are refused: 401 anonymous, 403 for an agent, 404 for another shop’s platform', async () => {
    const body = sampleOrderBody({ shopId, placedAt: iso(Date.now()) });
    expect(await platform.call('POST', '/orders', body)).toMatchObject({ status: 201 });
    const path = `/orders/${shopId}/${body.orderId}/events`;
    const otherPlatform = api.as((await machineKey(t.prisma, `${shopId}-x`, 'platform')).key);
    expect((await anonymous.call('POST', path, eventNow('forged-pay', 'paid'))).status).toBe(401);
    expect((await agent.call('POST', path, eventNow('forged-pay', 'paid'))).status).toBe(403);
    expect((await otherPlatform.call('POST', path, eventNow('forged-pay', 'paid'))).status).toBe(404);
    const address = {
      recipient: '李四',
      phone: '13900000000',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      street: '科技园 1 号',
    };
    expect(
      (await anonymous.call('POST', path, eventNow('addr', 'address_changed', { shippingAddress: address }))).status,
    ).toBe(401);
    expect(
      await t.prisma.orderLogEntry.count({
        where: { shopId, orderId: body.orderId, type: { in: ['paid', 'address_changed'] } },
      }),
    ).toBe(0);
  });

  it("the shop's gateway, channels and templates are the admin's: an agent and a platform get 403, nothing changes", async () => {
    const phishing = { body: '您的包裹已发出，点击 http://evil.example/{{trackingNumber}} 查看' };
    for (const caller of [agent, platform]) {
      expect((await caller.call('PUT', `/shops/${shopId}/templates/shipment_notice/zh-CN`, phishing)).status).toBe(403);
      expect(
        (
          await caller.call('PUT', `/shops/${shopId}/payment-gateway`, {
            url: 'https://evil.example/pay',
            secret: 'x'.repeat(20),
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await caller.call('PUT', `/shops/${shopId}/channels/WEBHOOK`, {
            url: 'https://evil.example/hook',
            secret: 'x'.repeat(20),
          })
        ).status,
      ).toBe(403);
    }
    expect(await t.prisma.messageTemplateOverride.count({ where: { shopId } })).toBe(0);
    expect(await t.prisma.shopPaymentGateway.findUniqueOrThrow({ where: { shopId } })).toMatchObject({
      url: payments.url,
    });
  });
});

describe("buyers' personal data", () => {
  it("a platform key reads its order without the buyer's name, phone and address; an agent sees them", async () => {
    const body = sampleOrderBody({ shopId, placedAt: iso(Date.now()) });
    await platform.call('POST', '/orders', body);
    const path = `/orders/${shopId}/${body.orderId}`;
    const forAgent = await eventually(
      () => agent.call('GET', path),
      (r) => r.body?.order !== null && r.status === 200,
      'the order row',
    );
    expect(forAgent.body.order).toMatchObject({
      buyerName: '张三',
      shippingAddress: expect.objectContaining({ street: expect.any(String) }),
    });
    const forPlatform = await platform.call('GET', path);
    expect(forPlatform.status).toBe(200);
    expect(JSON.stringify(forPlatform.body)).not.toContain('张三');
    expect(forPlatform.body.order).not.toHaveProperty('shippingAddress');
    expect((await platform.call('GET', `${path}/timeline`)).status).toBe(403);
  });

  it("the outbox shows no case's access token", async () => {
    await t.prisma.message.create({
      data: {
        id: `probe:${randomUUID()}`,
        shopId,
        workflowId: 'probe',
        audience: 'BUYER',
        channel: 'WEBHOOK',
        template: 'case_received',
        locale: 'zh-CN',
        subject: '',
        body: '进度：http://localhost:3000/cases/s/c/progress?token=SECRET-TOKEN-1&lang=zh-CN',
        status: 'SENT',
      },
    });
    const listed = await agent.call('GET', `/shops/${shopId}/messages`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain('SECRET-TOKEN-1');
    expect(JSON.stringify(listed.body)).toContain('token=(hidden)&lang=zh-CN');
  });
});

describe('people sign in, and every change is on record', () => {
  it('a wrong password is a 401; the right one gives a session that works until signed out', async () => {
    const login = `li-${randomUUID().slice(0, 6)}`;
    await t.prisma.identity.create({
      data: {
        id: `person:${login}`,
        kind: 'PERSON',
        name: login,
        passwordHash: await hashPassword('correct horse battery'),
      },
    });
    await t.prisma.shopMembership.create({
      data: { identityId: `person:${login}`, shopId, role: 'agent', queues: ['AFTER_SALES'] },
    });
    expect(await anonymous.call('POST', '/sessions', { login, password: 'wrong' })).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_credentials' } },
    });
    expect(await anonymous.call('POST', '/sessions', { login: 'nobody-here', password: 'wrong' })).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_credentials' } },
    });

    const signedIn = await anonymous.call('POST', '/sessions', { login, password: 'correct horse battery' });
    expect(signedIn).toMatchObject({
      status: 201,
      body: { identityId: `person:${login}`, memberships: [{ shopId, role: 'agent', queues: ['AFTER_SALES'] }] },
    });
    expect(signedIn.headers.get('set-cookie')).toMatch(/^bo_session=bos_.*HttpOnly; SameSite=Strict/);
    const session = api.as(signedIn.body.token);
    expect(await session.call('GET', '/me')).toMatchObject({
      status: 200,
      body: { identityId: `person:${login}`, kind: 'PERSON' },
    });
    expect((await session.call('DELETE', '/sessions/current')).status).toBe(204);
    expect(await session.call('GET', '/me')).toMatchObject({
      status: 401,
      body: { error: { code: 'credential_revoked' } },
    });
  });

  it('an admin makes a platform key (shown once, stored as its hash), revokes it, and the audit log says who did both', async () => {
    const made = await admin.call('POST', `/shops/${shopId}/api-keys`, {
      name: 'jd bridge',
      role: 'platform',
      expiresInDays: 30,
    });
    expect(made).toMatchObject({
      status: 201,
      body: { role: 'platform', key: expect.stringMatching(/^bok_[0-9a-f]{12}_/) },
    });
    const stored = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: made.body.keyId } });
    expect(stored.hash).not.toContain(made.body.key);
    expect(JSON.stringify(await admin.call('GET', `/shops/${shopId}/api-keys`))).not.toContain(made.body.key);
    expect((await api.as(made.body.key).call('GET', `/shops/${shopId}/unmatched-events`)).status).toBe(200);
    expect((await admin.call('DELETE', `/shops/${shopId}/api-keys/${made.body.keyId}`)).status).toBe(204);
    expect(await api.as(made.body.key).call('GET', `/shops/${shopId}/unmatched-events`)).toMatchObject({
      status: 401,
      body: { error: { code: 'credential_revoked' } },
    });

    const actions = (await admin.call('GET', `/shops/${shopId}/audit-log`)).body.entries.map((entry: Json) => [
      entry.action,
      entry.identityId,
    ]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['POST /shops/{shopId}/api-keys', 'person:probe-admin'],
        ['DELETE /shops/{shopId}/api-keys/{keyId}', 'person:probe-admin'],
      ]),
    );
  });
});

describe('signed platform posts', () => {
  const secret = 'platform-signing-secret-0123456789abcdef';
  const signed = (body: unknown, at = Math.floor(Date.now() / 1000)) => {
    const raw = JSON.stringify(body);
    return {
      raw,
      headers: { 'x-backoffice-timestamp': String(at), 'x-backoffice-signature': signRequest(secret, at, raw) },
    };
  };

  it('once a shop has a signing secret, unsigned, wrongly signed and stale posts are 401; a signed one is taken, with or without a key', async () => {
    const shop = `${shopId}-signed`;
    const ownAdmin = api.as(await personSession(t.prisma, shop, 'signing-admin', 'admin'));
    const ownPlatform = api.as((await machineKey(t.prisma, shop, 'platform')).key);
    expect((await ownAdmin.call('PUT', `/shops/${shop}/platform-signing`, { secret })).status).toBe(200);
    const order = sampleOrderBody({ shopId: shop, placedAt: iso(Date.now()) });

    expect(await ownPlatform.call('POST', '/orders', order)).toMatchObject({
      status: 401,
      body: { error: { code: 'signature_missing' } },
    });
    const wrong = signed({ ...order, total: '1.00' });
    expect(await ownPlatform.call('POST', '/orders', JSON.stringify(order), wrong.headers)).toMatchObject({
      status: 401,
      body: { error: { code: 'signature_invalid' } },
    });
    const stale = signed(order, Math.floor(Date.now() / 1000) - 600);
    expect(await ownPlatform.call('POST', '/orders', stale.raw, stale.headers)).toMatchObject({
      status: 401,
      body: { error: { code: 'signature_stale' } },
    });
    expect(await t.prisma.orderIntake.count({ where: { shopId: shop } })).toBe(0);

    const good = signed(order);
    expect(await ownPlatform.call('POST', '/orders', good.raw, good.headers)).toMatchObject({ status: 201 });
    const paid = signed(eventNow('pay', 'paid'));
    expect(
      await anonymous.call('POST', `/orders/${shop}/${order.orderId}/events`, paid.raw, {
        ...paid.headers,
        'content-type': 'application/json',
      }),
    ).toMatchObject({ status: 202 });
  });
});

describe('around the routes', () => {
  // A deployment that allows no private hosts, with low limits.
  const limited = serveAppDuringTests(() => ({
    temporal: t.env.client,
    prisma: t.prisma,
    limits: { perCaller: 3, perTarget: 100, signIn: 2 },
    outboundAllowedHosts: [],
  }));

  // Counted apart from `limited`, whose address the sign-in test counts on.
  const guessing = serveAppDuringTests(() => ({
    temporal: t.env.client,
    prisma: t.prisma,
    limits: { perCaller: 3, perTarget: 100, signIn: 10 },
  }));
  const oneTarget = serveAppDuringTests(() => ({
    temporal: t.env.client,
    prisma: t.prisma,
    limits: { perCaller: 100, perTarget: 2, signIn: 10 },
  }));

  it('a webhook or gateway URL on loopback, a private network or plain http is refused, naming the field', async () => {
    const shop = `${shopId}-ssrf`;
    const ownAdmin = limited.as(await personSession(t.prisma, shop, 'ssrf-admin', 'admin'));
    const hook = await ownAdmin.call('PUT', `/shops/${shop}/channels/WEBHOOK`, {
      url: 'http://127.0.0.1:5432/',
      secret: 'x'.repeat(20),
    });
    expect(hook).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'url' }] } } });
    const gateway = await ownAdmin.call('PUT', `/shops/${shop}/payment-gateway`, {
      url: 'https://10.0.0.8/refunds',
      secret: 'x'.repeat(20),
    });
    expect(gateway).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'url' }] } } });
    expect(await t.prisma.shopChannel.count({ where: { shopId: shop } })).toBe(0);
  });

  it('a caller over its rate limit gets 429 with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await limited.call('GET', `/shops/${shopId}/unmatched-events`));
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[3]).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect(Number(answers[3].headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('guessed keys are counted by address too: the fourth wrong key in a minute is a 429', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await guessing.as(`bok_guess${i}`).call('GET', `/shops/${shopId}/policy`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('sign-in attempts for one login are limited tightly', async () => {
    const attempts = [];
    for (let i = 0; i < 3; i += 1)
      attempts.push(
        (await limited.as(null).call('POST', '/sessions', { login: 'guessed', password: `try-${i}` })).status,
      );
    expect(attempts).toEqual([401, 401, 429]);
  });

  it('one order counts as one target, whether posted or sent events, and another order is not held back by it', async () => {
    const reader = await personSession(t.prisma, shopId, 'probe-admin', 'admin');
    const key = (await machineKey(t.prisma, shopId, 'platform')).key;
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push(
        (
          await oneTarget
            .as(key)
            .call('POST', `/orders/${shopId}/O-target-a/events`, eventNow(`e${i}`, 'tier_changed', { tier: 'VIP' }))
        ).status,
      );
    expect(statuses).toEqual([202, 202, 429]);
    expect(
      (
        await oneTarget
          .as(key)
          .call('POST', '/orders', sampleOrderBody({ shopId, orderId: 'O-target-a', placedAt: iso(Date.now()) }))
      ).status,
    ).toBe(429);
    expect(
      (
        await oneTarget
          .as(key)
          .call('POST', `/orders/${shopId}/O-target-b/events`, eventNow('e0', 'tier_changed', { tier: 'VIP' }))
      ).status,
    ).toBe(202);
    expect((await oneTarget.as(reader).call('GET', `/shops/${shopId}/policy`)).status).toBe(200);
  });

  it('answers carry security headers', async () => {
    const health = await api.call('GET', '/health');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(health.headers.get('x-powered-by')).toBeNull();
  });

  it('the API listens on loopback unless HOST says otherwise', () => {
    expect(loadEnv({ DATABASE_URL: 'postgresql://localhost/x' }).HOST).toBe('127.0.0.1');
    expect(loadEnv({ DATABASE_URL: 'postgresql://localhost/x', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });
});
