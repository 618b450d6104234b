// The buyer's progress page through the HTTP API (A1/A4), with the production worker on the Temporal
// dev server: one route answers JSON to API callers and a page to browsers (Accept), in the case's
// language or the one asked; while the return is awaited, the page shows the shop's return address
// and its form posts the courier and tracking number as the buyer's return_shipped event, once
// however often it is sent; a mistake is named by its field. The buyer's link starts with the
// deployment's public address (PUBLIC_BASE_URL, else where the API listens) unless the shop set its page.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests, serveAppDuringTests, type ApiClient } from '../helpers/api-server';
import { caseAwaitingReturn, type BuyerCase } from '../helpers/buyer-cases';
import { eventually } from '../helpers/eventually';
import { sampleOrderBody } from '../helpers/orders';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const PUBLIC = 'https://shop.example.cn';
const publicApi = serveAppDuringTests(() => ({ temporal: t.env.client, prisma: t.prisma, publicBaseUrl: PUBLIC }));
const shopId = `shop-${randomUUID().slice(0, 8)}`;

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const RETURN_ADDRESS = { name: '售后组', phone: '0571-88886666', address: '杭州市余杭区文一西路969号 <3号楼> & 仓库' };

/** A raw request (redirects not followed), as a browser's form or an API caller sends it. */
async function send(
  client: ApiClient,
  method: string,
  path: string,
  options: { accept?: string; form?: Record<string, string>; json?: unknown } = {},
) {
  const headers: Record<string, string> = {};
  if (options.accept) headers.accept = options.accept;
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const res = await fetch(`${client.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined,
  };
}

const returnPath = (kase: BuyerCase) => `/cases/${shopId}/${kase.caseId}/progress/return-shipment`;

describe("the buyer's progress page (A1/A4)", () => {
  let kase: BuyerCase;

  beforeAll(async () => {
    expect(
      await api.call('PUT', `/shops/${shopId}/policy`, { cases: { returnAddress: RETURN_ADDRESS } }),
    ).toMatchObject({ status: 200 });
    kase = await caseAwaitingReturn(t, api, shopId);
  });

  it('gives the buyer a link on the address the API really listens at (its port, not 3000)', () => {
    expect(kase.progressUrl).toBe(`${api.baseUrl}/cases/${shopId}/${kase.caseId}/progress?token=${kase.accessToken}`);
    expect(api.baseUrl).not.toMatch(/:3000$/);
  });

  it('answers JSON to API callers and a page to browsers, from one route', async () => {
    for (const accept of [undefined, '*/*', 'application/json', 'application/json, text/html;q=0.5']) {
      const answer = await send(api, 'GET', kase.progressPath, { accept });
      expect({ accept, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
        accept,
        status: 200,
        type: expect.stringMatching(/^application\/json/),
      });
      expect(answer.json).toMatchObject({
        caseId: kase.caseId,
        status: 'AWAITING_RETURN',
        locale: 'zh-CN',
        next: { step: 'buyer_return' },
      });
      expect(answer.headers.get('vary')).toMatch(/Accept/i);
    }
    for (const accept of [BROWSER_ACCEPT, 'text/html']) {
      const page = await send(api, 'GET', kase.progressPath, { accept });
      expect({ accept, status: page.status, type: page.headers.get('content-type') }).toEqual({
        accept,
        status: 200,
        type: expect.stringMatching(/^text\/html/),
      });
      expect(page.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('renders the page in zh-CN by default and in English when asked, with the return address escaped and the form', async () => {
    const zh = (await send(api, 'GET', kase.progressPath, { accept: BROWSER_ACCEPT })).text;
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(zh).toContain('已同意，等待您寄回商品');
    expect(zh).toContain('请您寄回商品并填写运单号');
    expect(zh).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Asia\/Shanghai\)/);
    expect(zh).toContain('杭州市余杭区文一西路969号 &lt;3号楼&gt; &amp; 仓库（售后组 0571-88886666）');
    expect(zh).not.toContain('<3号楼>');
    expect(zh).toContain(
      `<a href="progress?token=${kase.accessToken}&amp;lang=en" hreflang="en" lang="en">English</a>`,
    );
    expect(zh).toContain('<form method="post" action="progress/return-shipment"');
    expect(zh).toContain(`<input type="hidden" name="token" value="${kase.accessToken}">`);
    // Nothing of the buyer's: the sample order's name, phone and street.
    for (const personal of ['张三', '13800000000', '文三路']) expect(zh).not.toContain(personal);
    // No script, nothing from elsewhere.
    expect(zh).not.toMatch(/<script|https?:\/\//i);

    const en = await send(api, 'GET', `${kase.progressPath}&lang=en`, { accept: BROWSER_ACCEPT });
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Approved; waiting for you to send the item back');
    expect(en.text).toContain('(售后组, 0571-88886666)');
    expect(en.text).toContain('lang="zh-CN">中文</a>');
    expect((await send(api, 'GET', `${kase.progressPath}&lang=en`)).json).toMatchObject({
      locale: 'en',
      stage: 'Approved; waiting for you to send the item back',
    });
  });

  it('sends the page under its own security policy: its stylesheet by hash, no script, forms only to itself', async () => {
    const policy = (await send(api, 'GET', kase.progressPath, { accept: BROWSER_ACCEPT })).headers.get(
      'content-security-policy',
    )!;
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).toMatch(/form-action 'self'/);
    expect(policy).not.toMatch(/unsafe-inline|script-src|upgrade-insecure-requests/);
  });

  it('answers a wrong token as an unknown case (404), as a page to a browser; no token is a 400', async () => {
    const wrong = `/cases/${shopId}/${kase.caseId}/progress?token=guess`;
    expect(await send(api, 'GET', wrong)).toMatchObject({ status: 404, json: { error: { code: 'case_not_found' } } });
    const page = await send(api, 'GET', wrong, { accept: BROWSER_ACCEPT });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('未找到售后记录');
    expect(await send(api, 'GET', `/cases/${shopId}/no-such-case/progress?token=${kase.accessToken}`)).toMatchObject({
      status: 404,
    });
    expect(await send(api, 'GET', `/cases/${shopId}/${kase.caseId}/progress`)).toMatchObject({
      status: 400,
      json: { error: { fields: [expect.objectContaining({ field: 'token' })] } },
    });
    expect(
      await send(api, 'POST', returnPath(kase), {
        form: { token: 'guess', courier: '顺丰速运', trackingNumber: 'SF1234567890' },
      }),
    ).toMatchObject({ status: 404, json: { error: { code: 'case_not_found' } } });
  });

  it('names a wrong field: on the page, next to the field, for a browser sent back to it (303); in the body of a 400 for an API caller', async () => {
    const posted = await send(api, 'POST', returnPath(kase), {
      accept: BROWSER_ACCEPT,
      form: { token: kase.accessToken, courier: '顺丰速运', trackingNumber: 'SF 12' },
    });
    expect(posted.status).toBe(303);
    const location = new URL(posted.headers.get('location')!, `${api.baseUrl}${returnPath(kase)}`);
    expect(location.pathname).toBe(`/cases/${shopId}/${kase.caseId}/progress`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      token: kase.accessToken,
      lang: 'zh-CN',
      notice: 'invalid',
      courier: '顺丰速运',
      trackingNumber: 'SF 12',
    });
    const page = await send(api, 'GET', `${location.pathname}${location.search}`, { accept: BROWSER_ACCEPT });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(
      /<input id="trackingNumber" name="trackingNumber" value="SF 12"[^>]*aria-invalid="true" aria-describedby="trackingNumber-error">\s*<p class="error" id="trackingNumber-error">请填写6-40位字母、数字或“-”组成的运单号<\/p>/,
    );
    expect(page.text).toContain('value="顺丰速运"');
    expect(page.text).not.toContain('courier-error');

    const json = await send(api, 'POST', returnPath(kase), {
      form: { token: kase.accessToken, courier: '', trackingNumber: 'x' },
    });
    expect(json).toMatchObject({ status: 400, json: { error: { code: 'invalid_request' } } });
    expect(json.json.error.fields.map((f: { field: string }) => f.field)).toEqual(['courier', 'trackingNumber']);
    expect(await t.prisma.caseLogEntry.count({ where: { shopId, caseId: kase.caseId, type: 'return_shipped' } })).toBe(
      0,
    );
  });

  it("delivers the buyer's tracking number once, however often it is posted, and sends the browser back to the page (303)", async () => {
    const form = { token: kase.accessToken, courier: ' 顺丰速运 ', trackingNumber: 'SF9876543210', lang: 'zh-CN' };
    const first = await send(api, 'POST', returnPath(kase), { accept: BROWSER_ACCEPT, form });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`../progress?token=${kase.accessToken}&lang=zh-CN&notice=sent`);
    expect(await send(api, 'POST', returnPath(kase), { accept: BROWSER_ACCEPT, form })).toMatchObject({ status: 303 });
    expect(await send(api, 'POST', returnPath(kase), { form })).toMatchObject({
      status: 200,
      json: { duplicate: true, delivered: true },
    });
    expect(await send(api, 'POST', returnPath(kase), { json: form })).toMatchObject({
      status: 200,
      json: { duplicate: true },
    });

    const entries = await t.prisma.caseLogEntry.findMany({
      where: { shopId, caseId: kase.caseId, type: 'return_shipped' },
    });
    expect(entries).toEqual([
      expect.objectContaining({ actor: 'buyer', data: { courier: '顺丰速运', trackingNumber: 'SF9876543210' } }),
    ]);
    const moved = await eventually(
      () => send(api, 'GET', kase.progressPath),
      (p) => p.json?.status === 'RETURN_SHIPPED',
      'the return in transit',
    );
    expect(moved.json).toMatchObject({ stage: '退货在途，等待仓库签收', next: { step: 'seller_receipt' } });
    expect(
      await t.prisma.afterSalesCase.findUnique({ where: { shopId_caseId: { shopId, caseId: kase.caseId } } }),
    ).toMatchObject({ returnCourier: '顺丰速运', returnTrackingNumber: 'SF9876543210' });

    const page = (await send(api, 'GET', `${kase.progressPath}&notice=sent`, { accept: BROWSER_ACCEPT })).text;
    expect(page).toContain('已收到您填写的运单号');
    expect(page).not.toContain('<form');
    // Another number once the return is on its way changes nothing.
    expect(
      await send(api, 'POST', returnPath(kase), { form: { ...form, trackingNumber: 'YT0000000001' } }),
    ).toMatchObject({ status: 409, json: { error: { code: 'not_awaiting_return' } } });
    const late = await send(api, 'POST', returnPath(kase), {
      accept: BROWSER_ACCEPT,
      form: { ...form, trackingNumber: 'YT0000000001' },
    });
    expect(late).toMatchObject({ status: 303 });
    expect(late.headers.get('location')).toBe(`../progress?token=${kase.accessToken}&lang=zh-CN&notice=not_awaiting`);
    expect(
      (await send(api, 'GET', `${kase.progressPath}&notice=not_awaiting`, { accept: BROWSER_ACCEPT })).text,
    ).toContain('这个售后目前无需填写运单号');
  });

  it('reads a form only on the route declared to take one: elsewhere a form body is not read', async () => {
    // As a page on another site could post it, without the browser asking first.
    const signIn = await send(api, 'POST', '/sessions', { form: { login: 'someone', password: 'a password' } });
    expect(signIn.status).toBe(400);
    expect(signIn.json.error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'login' })]));
  });

  it('sends return instructions that carry the progress link and the return address', async () => {
    const message = await eventually(
      () =>
        t.prisma.message.findFirst({
          where: { workflowId: `case:${shopId}:${kase.caseId}`, template: 'return_instructions' },
        }),
      (m) => m !== null,
      'the return instructions',
    );
    expect(message!.body).toContain(`/cases/${shopId}/${kase.caseId}/progress?token=${kase.accessToken}`);
    expect(message!.body).toContain('杭州市余杭区文一西路969号 <3号楼> & 仓库（售后组 0571-88886666）');
    expect(message!.body).not.toContain('售后页面');
    expect(message!.body).toMatch(/^您好，退货/);
  });
});

describe("the buyer's link: PUBLIC_BASE_URL, unless the shop has its own page", () => {
  const openOn = async (client: ApiClient, shop: string) => {
    const order = sampleOrderBody({ shopId: shop });
    expect(await client.call('POST', '/orders', order)).toMatchObject({ status: 201 });
    // The case's workflow records itself against the order's row: without it, it would wait past the file's end.
    await eventually(
      () => t.prisma.order.findUnique({ where: { shopId_orderId: { shopId: shop, orderId: order.orderId } } }),
      (row) => row !== null,
      'the order recorded',
    );
    const caseId = `LG-${randomUUID().slice(0, 8)}`;
    const opened = await client.call('POST', '/cases', {
      shopId: shop,
      caseId,
      orderId: order.orderId,
      type: 'LOGISTICS',
      situation: 'lost_parcel',
      channel: 'platform',
      openedBy: 'buyer',
    });
    expect(opened.status).toBe(201);
    return { caseId, ...opened.body };
  };

  it('starts the link with PUBLIC_BASE_URL by default', async () => {
    const shop = `shop-${randomUUID().slice(0, 8)}`;
    const { caseId, accessToken, progressUrl } = await openOn(publicApi, shop);
    expect(progressUrl).toBe(`${PUBLIC}/cases/${shop}/${caseId}/progress?token=${accessToken}`);
  });

  it("uses the shop's progressPageUrl when it set one, and a stored policy's old default counts as unset", async () => {
    const own = `shop-${randomUUID().slice(0, 8)}`;
    expect(
      await publicApi.call('PUT', `/shops/${own}/policy`, {
        cases: { progressPageUrl: 'https://m.shop.example.cn/after-sales' },
      }),
    ).toMatchObject({ status: 200 });
    const mine = await openOn(publicApi, own);
    expect(mine.progressUrl).toBe(
      `https://m.shop.example.cn/after-sales/${own}/${mine.caseId}/progress?token=${mine.accessToken}`,
    );

    const legacy = `shop-${randomUUID().slice(0, 8)}`;
    await t.prisma.shop.create({
      data: { shopId: legacy, policy: { cases: { progressPageUrl: 'http://localhost:3000/cases' } } },
    });
    expect(await publicApi.call('GET', `/shops/${legacy}/policy`)).toMatchObject({
      status: 200,
      body: { policy: { cases: { progressPageUrl: 'http://localhost:3000/cases' } } },
    });
    const old = await openOn(publicApi, legacy);
    expect(old.progressUrl).toBe(`${PUBLIC}/cases/${legacy}/${old.caseId}/progress?token=${old.accessToken}`);
  });
});
