// The buyer's progress page in a real headless Chromium, sized as a phone (A1/A4): a return the
// agent approved, the buyer opens the link from the message in zh-CN, reads where to send the item,
// mistypes the tracking number and is told next to the field, sends it, and sees the case move on
// to the return in transit; the page never logs an error or fails a request.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests } from '../helpers/api-server';
import { runBrowserDuringTests, screenshot } from '../helpers/browser';
import { caseAwaitingReturn } from '../helpers/buyer-cases';
import { eventually } from '../helpers/eventually';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const browser = runBrowserDuringTests();
const shopId = `shop-${randomUUID().slice(0, 8)}`;

test('the buyer opens the link in zh-CN, sees the return address, sends the tracking number, and the case moves to the return in transit', async () => {
  expect(
    await api.call('PUT', `/shops/${shopId}/policy`, {
      cases: { returnAddress: { name: '售后组', phone: '0571-88886666', address: '浙江省杭州市余杭区文一西路969号' } },
    }),
  ).toMatchObject({ status: 200 });
  const kase = await caseAwaitingReturn(t, api, shopId);

  const watched = await browser.open({ locale: 'zh-CN', phone: true });
  const { page, problems } = watched;
  // Stricter than the workbench's pages: the buyer's page has no answer it should fail on, and no warning.
  page.on('console', (message) => {
    if (message.type() === 'warning') problems.push(`console warning: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });

  await page.goto(kase.progressUrl);
  await page.locator('#stage').filter({ hasText: '已同意，等待您寄回商品' }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  expect(await page.locator('#return-address').textContent()).toBe(
    '浙江省杭州市余杭区文一西路969号（售后组 0571-88886666）',
  );
  expect(await page.locator('#by').textContent()).toMatch(/\(Asia\/Shanghai\)$/);
  await screenshot(watched, 'buyer-progress');
  // Fits the phone's width: nothing to scroll sideways.
  expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

  await page.getByLabel('快递公司').fill('顺丰速运');
  await page.getByLabel('运单号').fill('SF 12');
  await page.getByRole('button', { name: '提交运单号' }).click();
  await page.locator('#trackingNumber-error').filter({ hasText: '运单号' }).waitFor();
  // Sent back to the page itself (Post/Redirect/Get): a reload cannot post the form twice.
  expect(new URL(page.url()).pathname).toBe(`/cases/${shopId}/${kase.caseId}/progress`);
  expect(await page.getByLabel('快递公司').inputValue()).toBe('顺丰速运');
  expect(await page.getByLabel('运单号').getAttribute('aria-invalid')).toBe('true');

  await page.getByLabel('运单号').fill('SF1234567890');
  await page.getByRole('button', { name: '提交运单号' }).click();
  await page.getByRole('status').filter({ hasText: '已收到您填写的运单号' }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/cases/${shopId}/${kase.caseId}/progress`);

  // The workflow takes the event in its own time: the buyer reloads until the page says so.
  await eventually(
    async () => {
      await page.reload();
      return page.locator('#stage').textContent();
    },
    (stage) => stage === '退货在途，等待仓库签收',
    'the page to show the return in transit',
  );
  expect(await page.locator('#next').textContent()).toBe('仓库签收您的退货');
  expect(await page.locator('form').count()).toBe(0);

  await page.getByRole('link', { name: 'English' }).click();
  await page.locator('#stage').filter({ hasText: 'Your return is on its way to our warehouse' }).waitFor();
  expect(problems).toEqual([]);
  expect(
    await t.prisma.caseLogEntry.count({
      where: { shopId, caseId: kase.caseId, type: 'return_shipped', actor: 'buyer' },
    }),
  ).toBe(1);
});
