// The benchmark's own shop, set up through the API as a shop's admin would: a policy in which no
// clock window or daily cap can stall a run at any hour, a webhook channel to a local receiver, a
// payment gateway peer that pays refunds, and a platform key for the orders' events.
import { randomBytes } from 'node:crypto';
import { PaymentPeer } from '../tests/peers/payment-peer';
import { startWebhookPeer, type WebhookPeer } from '../tests/peers/webhook-peer';

export interface BenchShop {
  shopId: string;
  platformKey: string;
  webhook: WebhookPeer;
  gateway: PaymentPeer;
  /** The refund a refund-only case asks for: approved by the shop's rule, no agent involved. */
  refundAmount: string;
  close(): Promise<void>;
}

const TIME_ZONE = 'Asia/Shanghai';

/** The local "HH:MM" `minutesAgo` minutes before now: a cut-off that far back is a day away for every order of the run. */
function localTimeAgo(minutesAgo: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(Date.now() - minutesAgo * 60_000);
}

export async function callApi(
  apiUrl: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function setUpBenchShop(apiUrl: string, adminKey: string): Promise<BenchShop> {
  const shopId = `bench-${Date.now().toString(36)}`;
  const webhookSecret = randomBytes(24).toString('hex');
  const webhook = await startWebhookPeer(webhookSecret);
  const gateway = await new PaymentPeer(randomBytes(24).toString('hex')).listen();
  const refundAmount = '20.00';
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await callApi(apiUrl, adminKey, method, path, body);
    if (res.status >= 300)
      throw new Error(
        `setting up the bench shop: ${method} ${path} answered ${res.status} ${JSON.stringify(res.body)}`,
      );
    return res.body;
  };
  await admin('PUT', `/shops/${shopId}/policy`, {
    timeZone: TIME_ZONE,
    messages: { quietHours: { start: '00:00', end: '00:00' }, capPerOrderPerDay: 20 },
    orders: { shipping: { cutoff: localTimeAgo(5) } },
    cases: { autoApprove: { refundUpTo: '50.00' } },
  });
  await admin('PUT', `/shops/${shopId}/channels/WEBHOOK`, { url: webhook.url, secret: webhookSecret });
  await admin('PUT', `/shops/${shopId}/payment-gateway`, { url: gateway.url, secret: gateway.secret });
  const { key } = await admin('POST', `/shops/${shopId}/api-keys`, { name: 'bench platform', role: 'platform' });
  return {
    shopId,
    platformKey: String(key),
    webhook,
    gateway,
    refundAmount,
    close: async () => {
      await Promise.all([webhook.close(), gateway.close()]);
    },
  };
}
