// A supervisor's view in a real Chromium: a cash-on-delivery call nobody made in time has been
// escalated (O4, T2) to the supervisor's queue, marked so; the supervisor hands it to an agent.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests } from '../helpers/api-server';
import { personWithPassword, runBrowserDuringTests, screenshot, signIn } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { sampleOrderBody } from '../helpers/orders';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const browser = runBrowserDuringTests();
const shopId = `shop-${randomUUID().slice(0, 8)}`;

test('a supervisor sees the escalated call marked in the queue and hands it to an agent', async () => {
  // The shortest the policy allows, so the escalation happens while the test watches.
  expect(
    await api.call('PUT', `/shops/${shopId}/policy`, { orders: { cashOnDelivery: { confirmWithin: '2s' } } }),
  ).toMatchObject({ status: 200 });
  const supervisor = await personWithPassword(t.prisma, shopId, `lead-${randomUUID().slice(0, 6)}`, 'supervisor');
  const agent = await personWithPassword(t.prisma, shopId, `agent-${randomUUID().slice(0, 6)}`, 'agent', ['PRE_SALES']);
  const order = sampleOrderBody({ shopId, paymentMethod: 'CASH_ON_DELIVERY' });
  expect(await api.call('POST', '/orders', order)).toMatchObject({ status: 201 });
  const taskId = `order:${shopId}:${order.orderId}:cod-call-1`;
  await eventually(
    () => t.prisma.task.findUnique({ where: { id: taskId } }),
    (task) => task?.queue === 'SUPERVISOR' && task.escalatedAt !== null,
    'the call escalated',
  );

  const watched = await browser.open({ locale: 'zh-CN' });
  const { page } = watched;
  await signIn(watched, api.baseUrl, supervisor);
  const row = page.locator(`tr[data-task-id="${taskId}"]`);
  await row.locator('.badge', { hasText: '已升级' }).waitFor();
  await row.locator('.badge', { hasText: '已超时' }).waitFor();
  await screenshot(watched, 'queue-supervisor');
  await row.locator('a').first().click();
  await page.getByTestId('task-page').waitFor();
  await page.getByRole('combobox', { name: '转交' }).selectOption(`assignee:person:${agent.login}`);
  await page.getByRole('button', { name: '转交', exact: true }).click();
  await page.getByTestId('task-said').filter({ hasText: '已转交' }).waitFor();
  await screenshot(watched, 'task-reassigned');

  const handedOn = await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
  expect(handedOn).toMatchObject({ assignee: `person:${agent.login}`, status: 'CLAIMED' });
  expect(watched.problems).toEqual([]);
});
