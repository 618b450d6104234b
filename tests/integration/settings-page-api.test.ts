// What the workbench's Settings page calls (issue 14): the policy as a form whose paths are the
// ones a refused PUT names, template previews with the tone advice of M2, and the settings whose
// secrets are write-only (channels, payment gateway, platform signing) read back without them,
// also in the audit log. These routes reach only the database, so no Temporal server is needed.
import { randomUUID } from 'node:crypto';
import { openSecret } from '../../config/secret-box';
import { serveApiDuringTests, type Json } from '../helpers/api-server';
import { testPrisma } from '../helpers/database';
import { machineKey, personSession } from '../helpers/identities';
import type { WorkerHarness } from '../helpers/worker-harness';

// The app is built with a Temporal client that is never called.
const harness = { env: { client: {} } } as unknown as WorkerHarness;
beforeAll(() => {
  harness.prisma = testPrisma();
});
afterAll(() => harness.prisma.$disconnect());
const api = serveApiDuringTests(harness);
const shopId = () => `shop-page-${randomUUID().slice(0, 8)}`;

const fieldsOf = async (shop: string) => (await api.call('GET', `/shops/${shop}/policy/fields`)).body.fields as Json[];

describe('policy form: GET /shops/:shopId/policy/fields', () => {
  test("every field with its default and the shop's value; agents read it, a platform key does not", async () => {
    const shop = shopId();
    const before = await api.call('GET', `/shops/${shop}/policy/fields`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ shopId: shop, source: 'defaults', locales: ['zh-CN', 'en'] });
    expect(before.body.sections).toContainEqual({
      path: 'orders.cashOnDelivery',
      label: { 'zh-CN': '货到付款', en: 'Cash on delivery' },
    });
    const confirm = before.body.fields.find((f: Json) => f.path === 'orders.cashOnDelivery.confirmWithin');
    expect(confirm).toEqual({
      path: 'orders.cashOnDelivery.confirmWithin',
      section: 'orders.cashOnDelivery',
      rule: 'O4',
      type: 'duration',
      atLeast: '1s',
      default: '2h',
      value: '2h',
      label: { 'zh-CN': '确认电话时限', en: 'Confirmation call within' },
      description: { 'zh-CN': expect.stringContaining('货到付款'), en: expect.stringContaining('cash-on-delivery') },
      constraint: { 'zh-CN': expect.stringContaining('至少 1秒'), en: expect.stringContaining('at least 1s') },
    });
    for (const f of before.body.fields) expect(f.value).toEqual(f.default);

    expect(
      (
        await api.call('PUT', `/shops/${shop}/policy`, {
          orders: { cashOnDelivery: { confirmWithin: '30m' } },
          messages: { capPerOrderPerDay: 2 },
        })
      ).status,
    ).toBe(200);
    const agent = api.as(await personSession(harness.prisma, shop, `agent-${randomUUID().slice(0, 6)}`, 'agent'));
    const after = await agent.call('GET', `/shops/${shop}/policy/fields`);
    expect(after.body.source).toBe('shop');
    expect(
      after.body.fields
        .filter((f: Json) => f.value !== f.default && typeof f.value !== 'object')
        .map((f: Json) => [f.path, f.default, f.value]),
    ).toEqual([
      ['messages.capPerOrderPerDay', 3, 2],
      ['orders.cashOnDelivery.confirmWithin', '2h', '30m'],
    ]);
    expect(
      (
        await api
          .as((await machineKey(harness.prisma, shop, 'platform')).key)
          .call('GET', `/shops/${shop}/policy/fields`)
      ).status,
    ).toBe(403);
  });

  test("a refused PUT names each bad field by the form's path, nested and refine() ones too; inside a list or record, below the field's path", async () => {
    const shop = shopId();
    const paths = (await fieldsOf(shop)).map((f) => f.path);
    const bad = await api.call('PUT', `/shops/${shop}/policy`, {
      orders: {
        shipping: { compensation: { percent: 120 } },
        cashOnDelivery: { confirmWithin: 'soon' },
        reviews: { repairRatings: ['awful'] },
      },
      cases: { compensation: { late_delivery: { offer: 'COUPON' } } },
    });
    expect(bad.status).toBe(400);
    const named = bad.body.error.fields.map((f: Json) => f.field);
    expect(named).toEqual([
      'orders.cashOnDelivery.confirmWithin',
      'orders.shipping.compensation.percent',
      'orders.reviews.repairRatings.0',
      'cases.compensation.late_delivery.percent',
    ]);
    const fieldOf = (path: string) => paths.find((p) => path === p || path.startsWith(`${p}.`));
    expect(named.map(fieldOf)).toEqual([
      'orders.cashOnDelivery.confirmWithin',
      'orders.shipping.compensation.percent',
      'orders.reviews.repairRatings',
      'cases.compensation',
    ]);

    // A3: the rule across two fields names the one the form shows.
    const refined = await api.call('PUT', `/shops/${shop}/policy`, {
      cases: { autoApprove: { refundUpTo: '300.00' }, supervisorApprovalAbove: '200.00' },
    });
    expect(refined.body.error.fields).toEqual([expect.objectContaining({ field: 'cases.autoApprove.refundUpTo' })]);
    expect(paths).toContain('cases.autoApprove.refundUpTo');
    // A malformed amount is named once, by itself.
    const malformed = await api.call('PUT', `/shops/${shop}/policy`, { cases: { supervisorApprovalAbove: '-1' } });
    expect(malformed.body.error.fields.map((f: Json) => f.field)).toEqual(['cases.supervisorApprovalAbove']);
  });
});

describe('template preview (M2): POST /shops/:shopId/templates/:template/:locale/preview', () => {
  const preview = (shop: string, template: string, locale: string, body: unknown) =>
    api.call('POST', `/shops/${shop}/templates/${template}/${locale}/preview`, body);

  test('a kind text is filled with the sample values, the default subject kept, nothing stored', async () => {
    const shop = shopId();
    const answer = await preview(shop, 'shipment_notice', 'zh-CN', {
      body: '您好，您的宝贝已由{{courier}}发出，运单号{{trackingNumber}}。感谢您的耐心等待。',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      template: 'shipment_notice',
      locale: 'zh-CN',
      audience: 'buyer',
      variables: { courier: '顺丰速运', orderId: '3712345678901234567', trackingNumber: 'SF1234567890123' },
      rendered: {
        subject: '订单3712345678901234567已发货',
        body: '您好，您的宝贝已由顺丰速运发出，运单号SF1234567890123。感谢您的耐心等待。',
      },
      acceptable: true,
      problems: [],
    });
    const listed = (await api.call('GET', `/shops/${shop}/templates`)).body.templates.find(
      (tpl: Json) => tpl.template === 'shipment_notice',
    );
    expect(listed.texts[0].source).toBe('default');
  });

  test('a curt text gets the tone advice as warnings, and is still acceptable; PUT stores it and says the same', async () => {
    const shop = shopId();
    const curt = { subject: '你的订单{{orderId}}', body: '你的订单{{orderId}}不能退！' };
    const zh = await preview(shop, 'shipment_notice', 'zh-CN', curt);
    expect(zh.body).toMatchObject({
      acceptable: true,
      rendered: { subject: '你的订单3712345678901234567', body: '你的订单3712345678901234567不能退！' },
    });
    expect(zh.body.problems).toEqual([
      { field: 'subject', severity: 'warning', check: 'tone', message: 'uses 你 instead of 您' },
      { field: 'body', severity: 'warning', check: 'tone', message: 'addresses the buyer without 您' },
      { field: 'body', severity: 'warning', check: 'tone', message: 'uses 你 instead of 您' },
      { field: 'body', severity: 'warning', check: 'tone', message: 'has a 不 outside 不好意思/不便/不周' },
      { field: 'body', severity: 'warning', check: 'tone', message: 'has no thanks with a reason (感谢您的…)' },
      { field: 'body', severity: 'warning', check: 'tone', message: 'has an exclamation mark or an ellipsis' },
    ]);
    const en = await preview(shop, 'payment_reminder', 'en', {
      body: `Pay order {{orderId}} before {{closesAt}}, or you must order again!${' Really.'.repeat(40)}`,
    });
    expect(en.body.problems.map((p: Json) => [p.check, p.message])).toEqual([
      ['tone', 'has no "Thank you for …" with a reason'],
      ['tone', 'blames or presses the buyer: you failed/forgot/did not/should have/must/need to'],
      ['tone', 'has an exclamation mark or an ellipsis'],
      [
        'length',
        expect.stringMatching(/^is \d+ characters with sample values, more than the 306 that fit in two SMS$/),
      ],
    ]);

    const put = await api.call('PUT', `/shops/${shop}/templates/shipment_notice/zh-CN`, curt);
    expect(put.status).toBe(200);
    expect(put.body.warnings).toEqual(zh.body.problems);
  });

  test("placeholders that are not the template's are errors, as PUT refuses them; the rest is still shown filled", async () => {
    const shop = shopId();
    const answer = await preview(shop, 'shipment_notice', 'en', {
      body: 'Hi {{buyerName}}, parcel {{trackingNumber}} is on its way. Thank you for your order.',
    });
    expect(answer.body).toMatchObject({
      acceptable: false,
      rendered: {
        subject: 'Order 3712345678901234567 has shipped',
        body: 'Hi {{buyerName}}, parcel SF1234567890123 is on its way. Thank you for your order.',
      },
      problems: [
        { field: 'body', severity: 'error', check: 'placeholders', message: expect.stringContaining('{{buyerName}}') },
      ],
    });
    const put = await api.call('PUT', `/shops/${shop}/templates/shipment_notice/en`, {
      body: 'Hi {{buyerName}}, parcel {{trackingNumber}} is on its way. Thank you for your order.',
    });
    expect(put.body.error.fields).toEqual([
      expect.objectContaining({ field: 'body', message: answer.body.problems[0].message }),
    ]);
  });

  test('a staff notice is not held to the buyer tone; an agent may preview; an unknown template is a 400', async () => {
    const shop = shopId();
    const agent = api.as(await personSession(harness.prisma, shop, `agent-${randomUUID().slice(0, 6)}`, 'agent'));
    const answer = await agent.call('POST', `/shops/${shop}/templates/task_escalated/zh-CN/preview`, {
      body: '任务{{taskId}}已升级到{{queue}}',
    });
    expect(answer.body).toMatchObject({
      audience: 'staff',
      acceptable: true,
      problems: [],
      rendered: { body: '任务order:shop-1:3712345678901234567:cod-confirmation已升级到客服主管' },
    });
    const unknown = await api.call('POST', `/shops/${shop}/templates/no_such_template/zh-CN/preview`, { body: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.map((f: Json) => f.field)).toEqual(['template']);
  });
});

describe('write-only secrets: GET never shows them, "(set)" sent back keeps them, the audit log masks them', () => {
  const secrets = {
    sms: 'sms-access-key-secret-0123',
    email: 'smtp-password-0123456789',
    gateway: 'gateway-secret-0123456789',
    signing: 'platform-signing-secret-0123456789abcdef',
  };

  test('SMS and e-mail channels: listed without their secrets; a form sending "(set)" back keeps the stored one', async () => {
    const shop = shopId();
    const sms = {
      endpoint: 'https://sms.example.test/',
      accessKeyId: 'LTAI-test',
      accessKeySecret: secrets.sms,
      signName: '小店',
      templateCodes: { shipment_notice: 'SMS_123456' },
    };
    const email = {
      host: 'smtp.example.test',
      user: 'shop',
      password: secrets.email,
      from: 'service@shop.example.test',
    };
    expect((await api.call('PUT', `/shops/${shop}/channels/SMS`, sms)).body.config).toMatchObject({
      accessKeySecret: '(set)',
    });
    expect((await api.call('PUT', `/shops/${shop}/channels/EMAIL`, email)).body.config).toMatchObject({
      password: '(set)',
    });

    const listed = await api.call('GET', `/shops/${shop}/channels`);
    expect(listed.body.channels.map((c: Json) => [c.channel, c.config.accessKeySecret ?? c.config.password])).toEqual([
      ['EMAIL', '(set)'],
      ['SMS', '(set)'],
    ]);
    expect(JSON.stringify(listed.body)).not.toMatch(new RegExp(`${secrets.sms}|${secrets.email}`));

    // The page changes the sign name and sends back what it read, secret "(set)" included.
    const read = listed.body.channels.find((c: Json) => c.channel === 'SMS').config;
    expect((await api.call('PUT', `/shops/${shop}/channels/SMS`, { ...read, signName: '小店旗舰店' })).status).toBe(
      200,
    );
    const row = await harness.prisma.shopChannel.findUniqueOrThrow({
      where: { shopId_channel: { shopId: shop, channel: 'SMS' } },
    });
    const stored = row.config as Json;
    expect(stored.signName).toBe('小店旗舰店');
    expect(stored.accessKeySecret).not.toContain(secrets.sms);
    expect(openSecret(stored.accessKeySecret)).toBe(secrets.sms);

    const nothingToKeep = await api.call('PUT', `/shops/${shop}/channels/WEBHOOK`, {
      url: 'https://shop.example.test/hooks',
      secret: '(set)',
    });
    expect(nothingToKeep).toMatchObject({
      status: 400,
      body: { error: { code: 'secret_not_stored', fields: [{ field: 'secret', code: 'secret_not_stored' }] } },
    });

    const audit = await api.call('GET', `/shops/${shop}/audit-log`);
    expect(audit.body.entries.map((e: Json) => e.action)).toEqual([
      'PUT /shops/{shopId}/channels/{channel}',
      'PUT /shops/{shopId}/channels/{channel}',
      'PUT /shops/{shopId}/channels/{channel}',
    ]);
    expect(JSON.stringify(audit.body)).not.toMatch(new RegExp(`${secrets.sms}|${secrets.email}`));
  });

  test('payment gateway: "(set)" keeps the stored secret, and is refused when none is stored', async () => {
    const shop = shopId();
    const refused = await api.call('PUT', `/shops/${shop}/payment-gateway`, {
      url: 'https://pay.shop.example.test/refunds',
      secret: '(set)',
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { code: 'secret_not_stored', fields: [{ field: 'secret' }] } },
    });
    await api.call('PUT', `/shops/${shop}/payment-gateway`, {
      url: 'https://pay.shop.example.test/refunds',
      secret: secrets.gateway,
    });
    const read = (await api.call('GET', `/shops/${shop}/payment-gateway`)).body;
    expect(read.secret).toBe('(set)');
    expect(
      (await api.call('PUT', `/shops/${shop}/payment-gateway`, { url: read.url, secret: read.secret, timeoutMs: 5000 }))
        .body,
    ).toMatchObject({ timeoutMs: 5000, secret: '(set)' });
    const row = await harness.prisma.shopPaymentGateway.findUniqueOrThrow({ where: { shopId: shop } });
    expect(openSecret(row.secret)).toBe(secrets.gateway);
    expect(JSON.stringify((await api.call('GET', `/shops/${shop}/audit-log`)).body)).not.toContain(secrets.gateway);
  });

  test('platform signing: GET says whether posts must be signed, never the secret', async () => {
    const shop = shopId();
    expect((await api.call('GET', `/shops/${shop}/platform-signing`)).body.error.code).toBe('signing_not_configured');
    expect((await api.call('PUT', `/shops/${shop}/platform-signing`, { secret: secrets.signing })).status).toBe(200);
    const got = await api.call('GET', `/shops/${shop}/platform-signing`);
    expect(got.body).toEqual({ shopId: shop, secret: '(set)', updatedAt: expect.any(String) });
    expect(JSON.stringify((await api.call('GET', `/shops/${shop}/audit-log`)).body)).not.toContain(secrets.signing);
    expect((await api.call('DELETE', `/shops/${shop}/platform-signing`)).status).toBe(204);
    expect((await api.call('GET', `/shops/${shop}/platform-signing`)).status).toBe(404);
  });

  test('people with their roles and queues; API keys listed without the keys', async () => {
    const shop = shopId();
    const login = `xiaomei-${randomUUID().slice(0, 6)}`;
    expect(
      (
        await api.call('PUT', `/shops/${shop}/people/${login}`, {
          role: 'agent',
          queues: ['PRE_SALES', 'AFTER_SALES'],
          password: 'another long one',
        })
      ).status,
    ).toBe(201);
    const made = await api.call('POST', `/shops/${shop}/api-keys`, { name: 'taobao bridge', role: 'platform' });
    expect(made.body.key).toMatch(/^bok_/);
    const people = (await api.call('GET', `/shops/${shop}/people`)).body.members;
    expect(people).toContainEqual(
      expect.objectContaining({
        identityId: `person:${login}`,
        kind: 'PERSON',
        role: 'agent',
        queues: ['PRE_SALES', 'AFTER_SALES'],
      }),
    );
    expect(people).toContainEqual(
      expect.objectContaining({ kind: 'MACHINE', name: 'taobao bridge', role: 'platform' }),
    );
    const keys = await api.call('GET', `/shops/${shop}/api-keys`);
    expect(keys.body.keys).toEqual([
      expect.objectContaining({ keyId: made.body.keyId, name: 'taobao bridge', role: 'platform', revokedAt: null }),
    ]);
    expect(JSON.stringify(keys.body)).not.toContain(made.body.key);
    const audit = JSON.stringify((await api.call('GET', `/shops/${shop}/audit-log`)).body);
    expect(audit).not.toContain('another long one');
    expect(audit).not.toContain(made.body.key);
  });
});
