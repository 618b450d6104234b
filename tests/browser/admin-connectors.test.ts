// A shop admin reads the connectors' health in a real Chromium: the backlog, the unmapped messages
// with their reasons, the last error marked as a problem, times on the shop's clock (the browser is
// in Berlin, the shop in Shanghai); a retry puts an unmapped message back in the backlog, and a
// backfill typed on the shop's clock starts the workflow for that range, or names the field it refused.
// The unmapped messages are the switched-off connector's: a retry wakes a connector, and a running
// one would apply them at once, which would leave nothing steady for the page to show.
import { randomUUID } from 'node:crypto';
import { serveApiDuringTests } from '../helpers/api-server';
import { personWithPassword, runBrowserDuringTests, screenshot, signIn } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const browser = runBrowserDuringTests();
const shopId = `shop-${randomUUID().slice(0, 8)}`;
const platform = 'shopify';
const off = 'taobao';
const LAST_ERROR = 'fetching: shopify answered 503 Service Unavailable';
const SKU_REASON = 'line 1: SKU MUG-RED-350 is not a product of the shop';
const REFUND_REASON = 'a refund of order #1002, which the shop never received';
// 10:15 in Shanghai, 03:15 in the browser's Berlin.
const SKU_OCCURRED = new Date('2026-11-30T02:15:00.000Z');

async function seed() {
  // The interval is long so that no round comes by itself: only the retry wakes the connector.
  await t.prisma.connector.create({
    data: {
      shopId,
      platform,
      settings: {},
      enabled: true,
      pollEvery: '1h',
      lastContactAt: new Date(Date.now() - 5 * 60_000),
      lastError: LAST_ERROR,
    },
  });
  // Off and without a problem: shown as such, and nothing wakes it.
  await t.prisma.connector.create({ data: { shopId, platform: off, settings: {}, enabled: false } });
  const message = (
    of: string,
    messageId: string,
    topic: string,
    platformOrderId: string,
    occurredAt: Date,
    rest: { status: 'APPLIED' | 'UNMAPPED' | 'RECEIVED'; reason?: string },
  ) => ({
    shopId,
    platform: of,
    messageId,
    topic,
    platformOrderId,
    occurredAt,
    payload: {},
    attempts: rest.status === 'RECEIVED' ? 0 : 1,
    settledAt: rest.status === 'RECEIVED' ? null : new Date(),
    ...rest,
  });
  await t.prisma.connectorMessage.createMany({
    data: [
      message(platform, 'msg-applied-1', 'orders/create', '#1000', new Date('2026-11-30T01:00:00.000Z'), {
        status: 'APPLIED',
      }),
      message(platform, 'msg-applied-2', 'orders/paid', '#1000', new Date('2026-11-30T01:05:00.000Z'), {
        status: 'APPLIED',
      }),
      message(platform, 'msg-received', 'orders/updated', '#1000', new Date('2026-11-30T04:00:00.000Z'), {
        status: 'RECEIVED',
      }),
      message(off, 'msg-unmapped-sku', 'taobao_trade_TradeCreate', '4001', SKU_OCCURRED, {
        status: 'UNMAPPED',
        reason: SKU_REASON,
      }),
      message(off, 'msg-unmapped-refund', 'taobao_refund_RefundSuccess', '4002', new Date('2026-11-30T03:00:00.000Z'), {
        status: 'UNMAPPED',
        reason: REFUND_REASON,
      }),
    ],
  });
}

test("an admin sees each connector's health and unmapped messages, retries one, and backfills a range on the shop's clock", async () => {
  await seed();
  const admin = await personWithPassword(t.prisma, shopId, `admin-${randomUUID().slice(0, 6)}`, 'admin');
  const watched = await browser.open({ locale: 'zh-CN' });
  const { page } = watched;
  await signIn(watched, api.baseUrl, admin);
  await page.getByRole('link', { name: '设置' }).click();
  await page.getByRole('link', { name: '平台对接' }).click();

  const card = page.locator(`[data-platform="${platform}"]`);
  const offCard = page.locator(`[data-platform="${off}"]`);
  await card.getByTestId('backlog').filter({ hasText: /^1$/ }).waitFor();
  await offCard.getByTestId('unmapped').filter({ hasText: /^2\D/ }).waitFor();
  const sku = offCard.locator('tr[data-message-id="msg-unmapped-sku"]');
  await sku.filter({ hasText: SKU_REASON }).waitFor();
  await offCard.locator('tr[data-message-id="msg-unmapped-refund"]').filter({ hasText: REFUND_REASON }).waitFor();
  expect(await sku.textContent()).toContain('2026/11/30 10:15');
  expect(await card.getAttribute('class')).toMatch(/\bproblem\b/);
  expect(await card.getByTestId('last-error').textContent()).toBe(LAST_ERROR);
  expect(await card.getByTestId('last-contact').textContent()).toMatch(/前$/);
  expect(await offCard.getByTestId('enabled').textContent()).toBe('已停用');
  expect(await offCard.getAttribute('class')).not.toMatch(/\bproblem\b/);
  expect(await offCard.getByTestId('backfill').count()).toBe(0);
  await screenshot(watched, 'settings-connectors-health');

  await sku.getByRole('button', { name: '重试' }).click();
  await eventually(
    () =>
      t.prisma.connectorMessage.findUnique({
        where: { shopId_platform_messageId: { shopId, platform: off, messageId: 'msg-unmapped-sku' } },
      }),
    (row) => row?.status === 'RECEIVED',
    'the retried message back in the backlog',
  );
  await offCard.getByTestId('unmapped').filter({ hasText: /^1\D/ }).waitFor();
  await offCard.getByTestId('backlog').filter({ hasText: /^1$/ }).waitFor();
  await sku.waitFor({ state: 'detached' });

  // Typed on the shop's clock (UTC+8), whatever the browser's: the range is 00:00 to 12:00 UTC.
  const backfill = card.getByTestId('backfill');
  await backfill.locator('input[name="from"]').fill('2026-11-30T08:00');
  await backfill.locator('input[name="to"]').fill('2026-11-29T08:00');
  await backfill.getByRole('button', { name: '补拉数据' }).click();
  await backfill
    .locator('label', { has: page.locator('input[name="to"]') })
    .locator('.field-error', { hasText: 'must be after from' })
    .waitFor();
  await backfill.locator('input[name="to"]').fill('2026-11-30T20:00');
  await backfill.getByRole('button', { name: '补拉数据' }).click();
  await backfill
    .getByTestId('backfill-workflow')
    .filter({ hasText: `connector-backfill:${shopId}:${platform}:2026-11-30T00:00:00.000Z:2026-11-30T12:00:00.000Z` })
    .waitFor();
  expect(await backfill.locator('.field-error').count()).toBe(0);

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Connectors' }).waitFor();
  await card.getByText('Backlog', { exact: true }).waitFor();
  await offCard.getByRole('heading', { name: 'Unmapped messages' }).waitFor();
  await offCard.getByRole('button', { name: 'Retry' }).waitFor();
  expect(await offCard.getByTestId('enabled').textContent()).toBe('Off');
  expect(await card.getByTestId('last-contact').textContent()).toMatch(/ ago$/);

  // The 400 the backfill was answered with is what the form showed; nothing else went wrong.
  expect(watched.problems.filter((problem) => !/status of 400 .*\/backfill\)$/.test(problem))).toEqual([]);
});
