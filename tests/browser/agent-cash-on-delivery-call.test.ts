// An agent's morning in the workbench, in a real Chromium: signs in, finds the call a cash-on-
// delivery order needs (O4) in the queue with the buyer's phone, claims it, reports the buyer
// agreed, and sees the order move on to shipping.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests } from '../helpers/api-server';
import { personWithPassword, runBrowserDuringTests, signIn } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { sampleOrderBody } from '../helpers/orders';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const browser = runBrowserDuringTests();
const shopId = `shop-${randomUUID().slice(0, 8)}`;

test('an agent signs in, takes the cash-on-delivery call, reports "agreed", and the order moves on', async () => {
  const agent = await personWithPassword(t.prisma, shopId, `agent-${randomUUID().slice(0, 6)}`, 'agent', ['PRE_SALES']);
  const order = sampleOrderBody({
    shopId,
    paymentMethod: 'CASH_ON_DELIVERY',
    buyer: { id: 'buyer-cod', name: '李四', phone: '13912345678' },
  });
  expect(await api.call('POST', '/orders', order)).toMatchObject({ status: 201 });
  const taskId = `order:${shopId}:${order.orderId}:cod-call-1`;
  await eventually(
    () => t.prisma.task.findUnique({ where: { id: taskId } }),
    (task) => task?.status === 'OPEN',
    'the call task',
  );

  const watched = await browser.open({ locale: 'zh-CN' });
  const { page } = watched;
  await signIn(watched, api.baseUrl, agent);
  await page.locator(`tr[data-task-id="${taskId}"]`).waitFor();
  // The buyer calls back: the agent finds the order by the phone, as typed, and its open call.
  await page.getByRole('searchbox').fill('139 1234 5678');
  await page.getByRole('button', { name: '搜索' }).click();
  const found = page.getByTestId('search-results');
  await found.locator('a', { hasText: order.orderId }).waitFor();
  await found.locator('a', { hasText: '致电买家确认货到付款金额' }).click();

  const task = page.getByTestId('task-page');
  await task.waitFor();
  await page.getByTestId('buyer-phone').filter({ hasText: '13912345678' }).waitFor();
  expect(await page.getByTestId('instructions').textContent()).toMatch(/电话|致电|打电话/);
  await page.getByRole('button', { name: '领取' }).click();
  await page.getByTestId('task-said').filter({ hasText: '已领取' }).waitFor();
  await page.locator('[data-field="reached"] button').filter({ hasText: '是' }).click();
  await page.locator('[data-field="answer"] button').first().click();
  await page.getByRole('button', { name: '完成' }).click();
  await page.locator('[data-testid="task-page"][data-status="DONE"]').waitFor();

  await page.locator('a', { hasText: order.orderId }).first().click();
  await page
    .getByTestId('order-status')
    .filter({ hasText: /AWAITING_SHIPMENT|SHIPPED/ })
    .waitFor();
  await page.getByTestId('order-log').filter({ hasText: 'cod_confirmed' }).waitFor();
  expect(watched.problems).toEqual([]);
});
