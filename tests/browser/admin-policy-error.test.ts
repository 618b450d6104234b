// A shop admin edits the policy in a real Chromium: a value the policy refuses is marked at the
// field it was typed in, with the reason, and nothing is stored; a good value is saved.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests } from '../helpers/api-server';
import { personWithPassword, runBrowserDuringTests, screenshot, signIn } from '../helpers/browser';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const browser = runBrowserDuringTests();
const shopId = `shop-${randomUUID().slice(0, 8)}`;
const FIELD = 'orders.cashOnDelivery.confirmWithin';

test('an admin enters a bad policy value and sees the error at that field; a good one is saved', async () => {
  const admin = await personWithPassword(t.prisma, shopId, `admin-${randomUUID().slice(0, 6)}`, 'admin');
  const watched = await browser.open({ locale: 'zh-CN' });
  const { page } = watched;
  await signIn(watched, api.baseUrl, admin);
  await page.getByRole('link', { name: '设置' }).click();
  const field = page.locator(`[data-path="${FIELD}"]`);
  await field.locator('input').fill('2 hours');
  await page.getByRole('button', { name: '保存' }).click();
  await field.locator('.field-error').waitFor();
  expect(await field.locator('.field-error').textContent()).toMatch(/duration|时长|e\.g\./i);
  await field.scrollIntoViewIfNeeded();
  await screenshot(watched, 'settings-policy-error', { fullPage: false });
  expect(await t.prisma.shop.findUnique({ where: { shopId } })).toBeNull();

  await field.locator('input').fill('90m');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.notice.ok', { hasText: '已保存' }).waitFor();
  const stored = await api.call('GET', `/shops/${shopId}/policy`);
  expect(stored.body.policy.orders.cashOnDelivery.confirmWithin).toBe('90m');
  // The 400 the page was answered with is what it showed; nothing else went wrong.
  expect(watched.problems.filter((problem) => !/status of 400 .*\/policy\)$/.test(problem))).toEqual([]);
});
