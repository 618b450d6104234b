// A return case brought, through the HTTP API, to where the buyer sends the item back (A4): an
// order paid, shipped, delivered and received, a return opened on it and approved by an agent.
// Shared by the tests that start from a received order or a return case (API and browser).
import { randomUUID } from 'node:crypto';
import type { ApiClient, Json } from './api-server';
import { eventually } from './eventually';
import { personSession } from './identities';
import { eventNow, sampleOrderBody } from './orders';
import type { WorkerHarness } from './worker-harness';

export interface BuyerCase {
  orderId: string;
  caseId: string;
  accessToken: string;
  /** The link the buyer is given (POST /cases' progressUrl). */
  progressUrl: string;
  /** The case's progress path with its token, for the API's own client. */
  progressPath: string;
}

export async function receivedOrder(api: ApiClient, shopId: string): Promise<string> {
  const order = sampleOrderBody({ shopId });
  const { orderId } = order;
  expect(await api.call('POST', '/orders', order)).toMatchObject({ status: 201 });
  for (const [id, type, data] of [
    ['pay', 'paid', {}],
    ['ship', 'shipped', { courier: '顺丰速运', trackingNumber: 'SF1234567890' }],
    ['deliver', 'delivered', {}],
    ['receipt', 'receipt_confirmed', {}],
  ] as const) {
    await api.call('POST', `/orders/${shopId}/${orderId}/events`, eventNow(`${id}-1`, type, data));
  }
  await eventually(
    () => api.call('GET', `/orders/${shopId}/${orderId}`),
    (v) => v.body.workflow?.status === 'RECEIVED',
    `${orderId} to be received`,
  );
  return orderId;
}

/** A return-and-refund case opened by the buyer in `locale`, not yet approved. */
export async function openReturnCase(api: ApiClient, shopId: string, locale?: 'zh-CN' | 'en'): Promise<BuyerCase> {
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
    ...(locale ? { locale } : {}),
  });
  expect(opened.status).toBe(201);
  const { accessToken, progressUrl } = opened.body as Json;
  return {
    orderId,
    caseId,
    accessToken,
    progressUrl,
    progressPath: `/cases/${shopId}/${caseId}/progress?token=${accessToken}`,
  };
}

/** The case approved by an agent: it now awaits the buyer's return shipment. */
export async function approveReturn(t: WorkerHarness, api: ApiClient, shopId: string, kase: BuyerCase): Promise<void> {
  const taskId = encodeURIComponent(`case:${shopId}:${kase.caseId}:respond`);
  await eventually(
    () => api.call('GET', `/tasks/${taskId}`),
    (r) => r.status === 200,
    `the respond task of ${kase.caseId}`,
  );
  const agent = api.as(await personSession(t.prisma, shopId, 'agent-wang', 'agent'));
  expect(
    await agent.call('POST', `/tasks/${taskId}/complete`, { outcome: { decision: 'approve', fault: 'PRODUCT' } }),
  ).toMatchObject({ status: 200 });
  await eventually(
    () => api.call('GET', kase.progressPath),
    (p) => p.body?.status === 'AWAITING_RETURN',
    `${kase.caseId} to await the return`,
  );
}

export async function caseAwaitingReturn(
  t: WorkerHarness,
  api: ApiClient,
  shopId: string,
  locale?: 'zh-CN' | 'en',
): Promise<BuyerCase> {
  const kase = await openReturnCase(api, shopId, locale);
  await approveReturn(t, api, shopId, kase);
  return kase;
}
