// The shop's settings through the HTTP API: policy (M3/T2 numbers as data), channels (M1) with
// secrets never shown, template wording (M2) checked against each template's variables, opt-outs.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests } from '../helpers/api-server';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startTimeSkippingServer, `settings-${randomUUID()}`);
const api = serveApiDuringTests(t);
const shopId = () => `shop-settings-${randomUUID().slice(0, 8)}`;

describe('shop policy API', () => {
  test('M3 a shop without a policy reads the documented defaults; a PUT keeps the defaults of what it leaves out', async () => {
    const shop = shopId();
    const before = await api.call('GET', `/shops/${shop}/policy`);
    expect(before.body).toMatchObject({
      source: 'defaults',
      policy: {
        timeZone: 'Asia/Shanghai',
        messages: { quietHours: { start: '22:00', end: '08:00' }, capPerOrderPerDay: 3 },
      },
    });

    const put = await api.call('PUT', `/shops/${shop}/policy`, {
      messages: { quietHours: { start: '21:00' }, capPerOrderPerDay: 2 },
    });
    expect(put.status).toBe(200);
    expect(put.body.applies).toEqual(expect.any(String));
    const after = await api.call('GET', `/shops/${shop}/policy`);
    expect(after.body).toMatchObject({
      source: 'shop',
      policy: {
        messages: { quietHours: { start: '21:00', end: '08:00' }, capPerOrderPerDay: 2 },
        tasks: { responseTarget: '2m' },
      },
    });
  });

  test('M3 a bad policy gets a 400 naming each field, and the stored one stays', async () => {
    const shop = shopId();
    const bad = await api.call('PUT', `/shops/${shop}/policy`, {
      timeZone: 'Mars/Olympus',
      messages: { quietHours: { end: '8 am' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['timeZone', 'messages.quietHours.end']),
    );
    expect((await api.call('GET', `/shops/${shop}/policy`)).body.source).toBe('defaults');
  });

  test('timers go down to seconds (a benchmark runs an order through in a minute); a window the buyer acts in does not', async () => {
    const shop = shopId();
    const fast = {
      orders: {
        address: { replyWithin: '5s' },
        cashOnDelivery: { confirmWithin: '10s' },
        receipt: { autoConfirmAfter: '30s', reviewWindow: '30s' },
      },
      cases: { refundWithin: '20s' },
    };
    const put = await api.call('PUT', `/shops/${shop}/policy`, fast);
    expect(put.status).toBe(200);
    expect((await api.call('GET', `/shops/${shop}/policy`)).body.policy).toMatchObject(fast);

    const harmful = await api.call('PUT', `/shops/${shop}/policy`, {
      orders: { payment: { autoCloseAfter: '1s' } },
      cases: { returnWithin: '30s' },
    });
    expect(harmful.status).toBe(400);
    expect(harmful.body.error.fields).toEqual([
      expect.objectContaining({ field: 'orders.payment.autoCloseAfter', message: 'at least 1m' }),
      expect.objectContaining({ field: 'cases.returnWithin', message: 'at least 1m' }),
    ]);
    expect((await api.call('GET', `/shops/${shop}/policy`)).body.policy).toMatchObject(fast);
  });
});

describe('shop channels API (M1)', () => {
  test('a channel is stored with its defaults and its secret is never shown again', async () => {
    const shop = shopId();
    const put = await api.call('PUT', `/shops/${shop}/channels/WEBHOOK`, {
      url: 'https://shop.example.test/hooks',
      secret: 'a-very-long-shared-secret',
    });
    expect(put.status).toBe(200);
    expect(put.body.config).toEqual({ url: 'https://shop.example.test/hooks', secret: '(set)', timeoutMs: 10000 });
    const listed = await api.call('GET', `/shops/${shop}/channels`);
    expect(JSON.stringify(listed.body)).not.toContain('a-very-long-shared-secret');
  });

  test('an SMS account without its key gets a 400 naming the field; an unknown channel is refused', async () => {
    const shop = shopId();
    const bad = await api.call('PUT', `/shops/${shop}/channels/SMS`, {
      accessKeyId: 'LTAI-x',
      signName: '小店',
      templateCodes: {},
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toContain('accessKeySecret');
    expect((await api.call('PUT', `/shops/${shop}/channels/PIGEON`, {})).body.error.fields[0].field).toBe('channel');
  });
});

describe('shop templates API (M2)', () => {
  test('every template is listed with its zh-CN and en text; a shop override replaces one and can be removed', async () => {
    const shop = shopId();
    const listed = await api.call('GET', `/shops/${shop}/templates`);
    const shipment = listed.body.templates.find((tpl: { template: string }) => tpl.template === 'shipment_notice');
    expect(shipment.texts.map((text: { locale: string }) => text.locale)).toEqual(['zh-CN', 'en']);

    const body = '您的订单 {{orderId}} 已由 {{courier}} 发出，运单号 {{trackingNumber}}，感谢您的耐心等待。';
    expect((await api.call('PUT', `/shops/${shop}/templates/shipment_notice/zh-CN`, { body })).status).toBe(200);
    const overridden = (await api.call('GET', `/shops/${shop}/templates`)).body.templates.find(
      (tpl: { template: string }) => tpl.template === 'shipment_notice',
    );
    expect(overridden.texts[0]).toMatchObject({ source: 'shop', body });
    expect((await api.call('DELETE', `/shops/${shop}/templates/shipment_notice/zh-CN`)).status).toBe(204);
  });

  test('an override with a placeholder the template does not have gets a 400 naming the field', async () => {
    const bad = await api.call('PUT', `/shops/${shopId()}/templates/shipment_notice/en`, {
      body: 'Hi {{buyerName}}, parcel {{trackingNumber}} is on its way.',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      expect.objectContaining({ field: 'body', message: expect.stringContaining('{{buyerName}}') }),
    ]);
  });
});

describe('opt-outs API (M3)', () => {
  test('a buyer opts out of SMS and back in', async () => {
    const shop = shopId();
    expect(
      (await api.call('PUT', `/shops/${shop}/buyers/buyer-9/opt-outs/SMS`, { reason: 'asked by phone' })).status,
    ).toBe(200);
    expect((await api.call('GET', `/shops/${shop}/buyers/buyer-9/opt-outs`)).body.optOuts).toEqual([
      expect.objectContaining({ channel: 'SMS', reason: 'asked by phone' }),
    ]);
    expect((await api.call('DELETE', `/shops/${shop}/buyers/buyer-9/opt-outs/SMS`)).status).toBe(204);
    expect((await api.call('GET', `/shops/${shop}/buyers/buyer-9/opt-outs`)).body.optOuts).toEqual([]);
  });
});
