// Every page of the workbench opened by a shop admin in a real Chromium, in Chinese and then in
// English: each shows its content and nothing goes wrong in the browser (no console error, no
// uncaught exception, no failed request). `npm run screenshots` takes the README's pictures here.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests } from '../helpers/api-server';
import { personWithPassword, runBrowserDuringTests, screenshot, signIn } from '../helpers/browser';
import { receivedOrder } from '../helpers/buyer-cases';
import { eventually } from '../helpers/eventually';
import { sampleOrderBody } from '../helpers/orders';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const browser = runBrowserDuringTests();
const shopId = `shop-${randomUUID().slice(0, 8)}`;

test('an admin opens every page in Chinese and in English without an error in the browser', async () => {
  const admin = await personWithPassword(t.prisma, shopId, `admin-${randomUUID().slice(0, 6)}`, 'admin');
  const cod = sampleOrderBody({ shopId, paymentMethod: 'CASH_ON_DELIVERY' });
  expect(await api.call('POST', '/orders', cod)).toMatchObject({ status: 201 });
  const callId = `order:${shopId}:${cod.orderId}:cod-call-1`;
  const orderId = await receivedOrder(api, shopId);
  const caseId = `RMA-${randomUUID().slice(0, 8)}`;
  const opened = await api.call('POST', '/cases', {
    shopId,
    caseId,
    orderId,
    type: 'RETURN_REFUND',
    situation: 'quality_defect',
    requestedAmount: '59.00',
    channel: 'platform',
    openedBy: 'buyer',
    description: '杯子有裂纹',
    locale: 'zh-CN',
  });
  expect(opened.status).toBe(201);
  await eventually(
    () => t.prisma.task.findMany({ where: { shopId, kind: 'handle_case' } }),
    (tasks) => tasks.length === 1,
    'the case task',
  );
  await eventually(
    () => t.prisma.task.findUnique({ where: { id: callId } }),
    (task) => task !== null,
    'the call task',
  );

  const watched = await browser.open({ locale: 'zh-CN' });
  const { page } = watched;
  await signIn(watched, api.baseUrl, admin);
  await page.locator(`tr[data-task-id="${callId}"]`).waitFor();
  await screenshot(watched, 'queue');

  await page.goto(`${api.baseUrl}/workbench/#/tasks/${encodeURIComponent(callId)}`);
  await page.getByTestId('buyer').waitFor();
  await screenshot(watched, 'task-call');

  await page.goto(`${api.baseUrl}/workbench/#/orders/${encodeURIComponent(orderId)}`);
  await page.getByTestId('order-log').filter({ hasText: 'receipt_confirmed' }).waitFor();
  await page.getByTestId('order-status').filter({ hasText: '已确认收货' }).waitFor();
  await screenshot(watched, 'order');

  await page.goto(`${api.baseUrl}/workbench/#/cases/${encodeURIComponent(caseId)}`);
  await page.getByTestId('case-status').waitFor();
  await screenshot(watched, 'case');

  await page.goto(`${api.baseUrl}/workbench/#/figures`);
  await page.getByTestId('rates').waitFor();
  await page.locator('.chart canvas').first().waitFor();
  await screenshot(watched, 'figures');

  for (const [tab, ready] of [
    ['policy', '[data-testid="policy-form"]'],
    ['channels', '[data-channel="WEBHOOK"]'],
    ['templates', '[data-template]'],
    ['people', '[data-testid="people"]'],
    ['audit', '[data-testid="audit-log"]'],
    ['connectors', '[data-testid="connectors"]'],
  ] as const) {
    await page.goto(`${api.baseUrl}/workbench/#/settings/${tab}`);
    await page.locator(ready).first().waitFor();
    // The policy form is some sixty fields long: its first screen shows what it is.
    await screenshot(watched, `settings-${tab}`, { fullPage: tab !== 'policy' });
  }

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Settings' }).waitFor();
  await page.goto(`${api.baseUrl}/workbench/#/`);
  await page.getByRole('heading', { name: 'Queue' }).waitFor();
  await page.locator(`tr[data-task-id="${callId}"]`).waitFor();

  // The shop has no payment gateway: the channels tab asked and was told 404, which it shows as "not set".
  expect(watched.problems.filter((problem) => !/status of 404 .*\/payment-gateway\)$/.test(problem))).toEqual([]);
});
