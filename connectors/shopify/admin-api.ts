// One Admin GraphQL call for a shop: the pinned version, the shop's token, a timeout, and
// Shopify's leaky bucket respected. Shopify answers every query with what it cost and what is
// left (extensions.cost.throttleStatus); what is left is remembered per store, so a query that
// would be refused waits for the bucket to refill when that is short, and is put off (with how
// long) when it is not. Errors come out in the connector's two kinds: try later, or a person must look.
import { setTimeout as sleep } from 'node:timers/promises';
import { outboundUrlRefusal } from '../../activities/outbound-url';
import {
  PlatformCredentialsError,
  PlatformRefusedError,
  PlatformUnavailableError,
  type ConnectorContext,
} from '../connector';
import { SHOPIFY_API_VERSION, type ShopifySettings } from './settings';

/** Longer than this, the caller is told to come back rather than held (an activity's attempt stays short). */
const MAX_WAIT_MS = 2_000;

interface Bucket {
  available: number;
  maximum: number;
  restoreRate: number;
  at: number;
}
const buckets = new Map<string, Bucket>();

interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}
interface GraphqlAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: { requestedQueryCost?: number; throttleStatus?: ThrottleStatus } };
}

function availableNow(bucket: Bucket, now: number): number {
  return Math.min(bucket.maximum, bucket.available + (bucket.restoreRate * (now - bucket.at)) / 1000);
}

/** How long until `cost` points are in the bucket, by what Shopify last said; 0 when they are. */
function waitFor(shop: string, cost: number): number {
  const bucket = buckets.get(shop);
  if (!bucket || bucket.restoreRate <= 0) return 0;
  const missing = cost - availableNow(bucket, Date.now());
  return missing <= 0 ? 0 : Math.ceil((missing / bucket.restoreRate) * 1000);
}

async function waitOrPutOff(shop: string, cost: number): Promise<void> {
  const ms = waitFor(shop, cost);
  if (ms === 0) return;
  if (ms > MAX_WAIT_MS)
    throw new PlatformUnavailableError(
      `Shopify's rate limit: ${cost} points are needed and the bucket refills them in ${ms} ms`,
      ms,
    );
  await sleep(ms);
}

function remember(shop: string, status: ThrottleStatus | undefined): void {
  if (status)
    buckets.set(shop, {
      available: status.currentlyAvailable,
      maximum: status.maximumAvailable,
      restoreRate: status.restoreRate,
      at: Date.now(),
    });
}

async function post(url: string, settings: ShopifySettings, body: string): Promise<Response> {
  if (!settings.accessToken)
    throw new PlatformCredentialsError(
      "the app is not installed on the store yet: the shop's admin installs it (GET /shops/:shopId/connectors/shopify/install) or gives accessToken",
    );
  try {
    return await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-Shopify-Access-Token': settings.accessToken,
      },
      body,
      // A redirect would carry the token to an address the outbound rule never saw: it is refused as an answer instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (err) {
    if ((err as Error).name === 'TimeoutError')
      throw new PlatformUnavailableError(`Shopify did not answer within ${settings.timeoutMs} ms`);
    throw new PlatformUnavailableError('Shopify could not be reached');
  }
}

async function answerOf<T>(response: Response, settings: ShopifySettings): Promise<GraphqlAnswer<T>> {
  const status = response.status;
  if (status === 401 || status === 403)
    throw new PlatformCredentialsError(
      `Shopify refused the shop's access token (HTTP ${status}): the app may have been uninstalled or lost a scope`,
    );
  if (status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new PlatformUnavailableError(
      'Shopify asked us to slow down (HTTP 429)',
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
    );
  }
  if (status >= 500) throw new PlatformUnavailableError(`Shopify answered HTTP ${status}`);
  if (status !== 200) throw new PlatformRefusedError(`Shopify answered HTTP ${status}`);
  try {
    return (await response.json()) as GraphqlAnswer<T>;
  } catch (err) {
    if ((err as Error).name === 'TimeoutError')
      throw new PlatformUnavailableError(`Shopify did not answer within ${settings.timeoutMs} ms`);
    throw new PlatformUnavailableError('Shopify’s answer was not JSON');
  }
}

interface GraphqlCall {
  query: string;
  variables?: Record<string, unknown>;
  /** What the query should cost by Shopify's rules (a mutation 10, a connection its page size), to wait for the bucket beforehand. */
  cost: number;
}

/** The call's `data`; a THROTTLED answer is retried once when the wait is short (the query did not run). */
export async function adminGraphql<T>(ctx: ConnectorContext<ShopifySettings>, call: GraphqlCall): Promise<T> {
  const { settings } = ctx;
  const url = `${settings.adminApiUrl}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
  const refusal = await outboundUrlRefusal(url, ctx.outboundAllowedHosts);
  if (refusal) throw new PlatformRefusedError(`the shop's Admin API URL may not be called: ${refusal}`);
  const body = JSON.stringify({ query: call.query, variables: call.variables ?? {} });

  for (let attempt = 1; ; attempt++) {
    await waitOrPutOff(settings.shopDomain, call.cost);
    const answer = await answerOf<T>(await post(url, settings, body), settings);
    const cost = answer.extensions?.cost;
    remember(settings.shopDomain, cost?.throttleStatus);
    const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
    if (codes.includes('THROTTLED')) {
      if (attempt === 1 && waitFor(settings.shopDomain, cost?.requestedQueryCost ?? call.cost) <= MAX_WAIT_MS) continue;
      const ms = Math.max(1, waitFor(settings.shopDomain, cost?.requestedQueryCost ?? call.cost));
      throw new PlatformUnavailableError(`Shopify throttled the query: the bucket refills in ${ms} ms`, ms);
    }
    // Another attempt with the same idempotency key is still running at Shopify: its outcome comes with the next try.
    if (codes.includes('IDEMPOTENCY_CONCURRENT_REQUEST'))
      throw new PlatformUnavailableError('the same refund is still being made at Shopify');
    if (answer.errors?.length)
      throw new PlatformRefusedError(`Shopify refused the query: ${answer.errors.map((e) => e.message).join('; ')}`);
    if (answer.data === undefined) throw new PlatformUnavailableError('Shopify answered without data');
    return answer.data;
  }
}

export function userErrorsRefusal(
  what: string,
  userErrors: readonly { message: string }[],
): PlatformRefusedError | undefined {
  return userErrors.length
    ? new PlatformRefusedError(`Shopify refused ${what}: ${userErrors.map((e) => e.message).join('; ')}`)
    : undefined;
}

/** Shopify's global id of a REST id, and back: the product keeps the numeric ids the webhooks carry. */
export const gid = (type: 'Order' | 'Fulfillment' | 'FulfillmentOrder' | 'Refund' | 'OrderTransaction', id: string) =>
  `gid://shopify/${type}/${id}`;
export const legacyId = (globalId: string) => globalId.slice(globalId.lastIndexOf('/') + 1);
