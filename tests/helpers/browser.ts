// A real headless Chromium for a test file, driven by Playwright (playwright-core: no browser
// download; the test command installs Debian's chromium and exports CHROMIUM_PATH). Each page
// records what went wrong in it (console errors, uncaught exceptions, failed requests), so a test
// can say the page worked without error, not only that the element it looked for was there.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { hashPassword } from '../../api/access/credentials';
import type { PrismaClient } from '../../activities/prisma-client';
import type { ShopRole } from '../../generated/prisma/enums';

// Without the background-networking flags Chromium keeps calling Google's hosts, which this
// project's machines (and many CI runners) refuse.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Every console error, page error and failed request since the page opened. */
  problems: string[];
}

export interface BrowserHarness {
  /** A new browser context (its own cookies) in `locale`, with one page watched for problems. */
  open(options?: {
    locale?: string;
    viewport?: { width: number; height: number };
    phone?: boolean;
  }): Promise<WatchedPage>;
}

export function runBrowserDuringTests(): BrowserHarness {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
    await browser?.close();
  });
  return {
    async open(options = {}) {
      if (!browser) throw new Error('the browser is not running (call open inside a test)');
      // A phone: its width, touch and mobile layout (a buyer opens the progress link on one).
      const device = options.phone
        ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
        : { viewport: options.viewport ?? { width: 1280, height: 900 } };
      const context = await browser.newContext({
        locale: options.locale ?? 'zh-CN',
        timezoneId: 'Europe/Berlin',
        ...device,
      });
      contexts.push(context);
      const page = await context.newPage();
      // Waits for what the test names, never for a moment: the default is generous for a busy machine.
      page.setDefaultTimeout(60_000);
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('requestfailed', (request) =>
        problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`),
      );
      return { page, context, problems };
    },
  };
}

/** A person who signs in with a password, with `role` (and queues) in `shopId`. */
export async function personWithPassword(
  prisma: PrismaClient,
  shopId: string,
  login: string,
  role: Exclude<ShopRole, 'platform'>,
  queues: string[] = [],
): Promise<{ login: string; password: string }> {
  const password = `pw-${login}-correct-horse`;
  const identityId = `person:${login}`;
  const passwordHash = await hashPassword(password);
  await prisma.identity.upsert({
    where: { id: identityId },
    create: { id: identityId, kind: 'PERSON', name: login, passwordHash },
    update: { passwordHash },
  });
  await prisma.shopMembership.upsert({
    where: { identityId_shopId: { identityId, shopId } },
    create: { identityId, shopId, role, queues },
    update: { role, queues },
  });
  return { login, password };
}

/** Signs in through the page, as a person would, and waits for the workbench to show who is signed in. */
export async function signIn(
  watched: WatchedPage,
  baseUrl: string,
  person: { login: string; password: string },
): Promise<void> {
  const { page } = watched;
  await page.goto(`${baseUrl}/workbench/`);
  await page.locator('input[name="login"]').fill(person.login);
  await page.locator('input[name="password"]').fill(person.password);
  await page.locator('form button[type="submit"]').click();
  await page.getByTestId('signed-in-as').waitFor();
}

/**
 * The README's pictures: written only by `npm run screenshots` (which sets SCREENSHOTS_DIR), so
 * that `npm test` leaves the tree as it was. Same scenarios, same browser, same pages.
 */
export async function screenshot(
  watched: WatchedPage,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  await watched.page.screenshot({
    path: `${dir}/${name}.png`,
    fullPage: options.fullPage ?? true,
    animations: 'disabled',
  });
}
