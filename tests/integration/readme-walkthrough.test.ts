// The README's walkthrough (docs/walkthrough.sh) run as a reader would run it, with curl against
// the API on the dev server with the production worker and a real local payment gateway: an
// order placed today goes from placed to received, and a return on it to its refund.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../config/paths';
import { serveApiDuringTests } from '../helpers/api-server';
import { operatorKey } from '../helpers/identities';
import { PAYMENT_GATEWAY_SECRET, runPaymentPeerDuringTests } from '../helpers/payment-peer';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer);
const api = serveApiDuringTests(t);
const shopId = `shop-readme-${randomUUID().slice(0, 8)}`;
const payments = runPaymentPeerDuringTests(t, shopId);

test('the README walkthrough runs to the end: order received, return refunded once', async () => {
  const { stdout } = await promisify(execFile)('bash', [join(PROJECT_ROOT, 'docs/walkthrough.sh')], {
    env: {
      ...process.env,
      API: api.baseUrl,
      SHOP: shopId,
      ADMIN_KEY: await operatorKey(t.prisma),
      PAYMENT_GATEWAY_URL: payments.url,
      PAYMENT_GATEWAY_SECRET,
    },
    timeout: 170_000,
  });
  expect(stdout).toMatch(/Done: order TB\d+ received, case RMA\d+ refunded 49.50/);
  expect(payments.refunds).toEqual([expect.objectContaining({ amount: '49.50', currency: 'CNY' })]);
}, 180_000);
