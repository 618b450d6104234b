// A Shopify store on 127.0.0.1 that behaves the way Shopify's Admin API and webhooks do, for the
// connector's tests. The Admin GraphQL endpoint answers only at the pinned version's path and only
// to the store's access token; every query is charged its cost from a leaky bucket and refused
// THROTTLED (with throttleStatus) when the bucket lacks it, and refused outright above the
// single-query limit; refundCreate requires @idempotent and makes one refund per key, never more
// than is left to refund; fulfillmentCreate takes only open fulfillment orders. It can be told to fail with a status, or to take a request (and do it) and
// never answer. Webhooks go out as Shopify sends them: the headers, and the HMAC of the raw body
// under the app's secret. This is its own code on purpose, not the connector's: a bug on either
// side shows up as a refusal.
import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeLocally, listenLocally, localServer } from './local-http';

export interface PeerTransaction {
  id: number;
  kind: 'SALE' | 'CAPTURE' | 'REFUND';
  status: 'SUCCESS' | 'FAILURE';
  amount: string;
  gateway: string;
  processedAt: string;
  parentId?: number;
}

export interface PeerFulfillment {
  id: number;
  createdAt: string;
  updatedAt: string;
  status: 'SUCCESS' | 'CANCELLED';
  company: string | null;
  number: string | null;
  /** FulfillmentDisplayStatus: the shipment's progress once the carrier reports it. */
  displayStatus: string | null;
  notifyCustomer?: boolean;
}

export interface PeerRefund {
  id: number;
  createdAt: string;
  note: string | null;
  transactionIds: number[];
  idempotencyKey?: string;
}

export interface PeerAddress {
  firstName: string | null;
  lastName: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  countryCode: string | null;
  zip: string | null;
  phone: string | null;
}

export interface PeerOrder {
  id: number;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  currency: string;
  taxesIncluded: boolean;
  financialStatus: 'pending' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded';
  gateways: string[];
  email: string | null;
  phone: string | null;
  lineItems: {
    id: number;
    sku: string | null;
    title: string;
    variantId: number | null;
    quantity: number;
    price: string;
  }[];
  shippingLines: { price: string; discountedPrice: string }[];
  totalTax: string;
  totalDiscounts: string;
  discountCodes: { code: string; amount: string }[];
  totalPrice: string;
  customer: {
    id: number;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  shippingAddress: PeerAddress | null;
  transactions: PeerTransaction[];
  /** `locationId`: where the fulfillment order's items are stocked (its assigned location). */
  fulfillmentOrders: { id: number; status: 'OPEN' | 'IN_PROGRESS' | 'CLOSED'; locationId?: number }[];
  fulfillments: PeerFulfillment[];
  refunds: PeerRefund[];
}

export type WebhookTopic =
  | 'orders/create'
  | 'orders/paid'
  | 'orders/cancelled'
  | 'fulfillments/create'
  | 'fulfillments/update'
  | 'refunds/create';

export interface SentWebhook {
  headers: Record<string, string>;
  body: Buffer;
}

interface Bucket {
  maximum: number;
  available: number;
  restoreRate: number;
  at: number;
}

type GraphqlBody = { query?: unknown; variables?: unknown };

/** Shopify refuses a single query that asks for more than this, whatever is in the bucket. */
const MAX_QUERY_COST = 1000;

const cents = (amount: string) => Math.round(Number(amount) * 100);
const money = (c: number) => (c / 100).toFixed(2);
const shopMoney = (amount: string, currencyCode: string) => ({ shopMoney: { amount, currencyCode } });
const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;
const idOf = (globalId: unknown, type: string) => {
  const match = typeof globalId === 'string' ? new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(globalId) : null;
  return match ? Number(match[1]) : undefined;
};

/**
 * What a query costs, by Shopify's rule for requested cost: one for the query, and each
 * connection or list its page size (`first`), times the page sizes of the ones it is inside. A
 * mutation costs 10.
 */
export function queryCost(document: string, variables: Record<string, unknown>): number {
  if (/^\s*mutation\b/.test(document)) return 10;
  let cost = 1;
  const multipliers: number[] = [1];
  const pending: number[] = [];
  const tokens = document.matchAll(/first:\s*(\d+|\$\w+)|[{}]/g);
  for (const [token, size] of tokens) {
    if (size !== undefined) {
      const n = size.startsWith('$') ? Number(variables[size.slice(1)] ?? 0) : Number(size);
      cost += n * multipliers[multipliers.length - 1];
      pending.push(n);
    } else if (token === '{') multipliers.push(multipliers[multipliers.length - 1] * (pending.pop() ?? 1));
    else multipliers.pop();
    if (token === '{') pending.length = 0;
  }
  return cost;
}

export class ShopifyPeer {
  /** `http://127.0.0.1:<port>` once listening: the shop's adminApiUrl in the tests. */
  url = '';
  orders: PeerOrder[] = [];
  /** Every GraphQL request's root field, in order, whatever came of it. */
  requests: string[] = [];
  /** Requests refused THROTTLED. */
  throttled = 0;
  /** Requests answered 401 for a missing or wrong token, or 404 for another API version's path. */
  refused = 0;

  private readonly server: Server;
  private bucket: Bucket = { maximum: 1000, available: 1000, restoreRate: 50, at: Date.now() };
  private failures = { count: 0, status: 503 };
  private silence: { when: 'before' | 'after'; root?: string } | undefined;
  private readonly held = new Set<ServerResponse>();
  private nextId = 1000;

  constructor(
    public shopDomain: string,
    readonly accessToken: string,
    readonly appSecret: string,
    readonly apiVersion: string,
  ) {
    this.server = localServer((req, res, body) => this.handle(req, res, body));
  }

  async listen(): Promise<this> {
    this.url = await listenLocally(this.server);
    return this;
  }

  /** Ids as Shopify's: one sequence for every record, so no two records share an id. */
  id(): number {
    return ++this.nextId;
  }

  addOrder(order: PeerOrder): PeerOrder {
    this.orders.push(order);
    return order;
  }

  order(id: number): PeerOrder {
    const order = this.orders.find((o) => o.id === id);
    if (!order) throw new Error(`the peer has no order ${id}`);
    return order;
  }

  /** The bucket as Shopify would report it now; `available` and `restoreRate` set it. */
  setBucket(bucket: { available: number; restoreRate?: number; maximum?: number }): void {
    this.bucket = {
      maximum: bucket.maximum ?? this.bucket.maximum,
      restoreRate: bucket.restoreRate ?? this.bucket.restoreRate,
      available: bucket.available,
      at: Date.now(),
    };
  }

  /** The next `count` requests get `status` and do nothing, as an overloaded Shopify would. */
  failNext(count: number, status = 503): void {
    this.failures = { count, status };
  }

  /** The next request (for `root`, a query's or mutation's root field, when named) is never answered: `before` it does anything, or `after` doing it (the answer lost). */
  silenceNext(when: 'before' | 'after', root?: string): void {
    this.silence = { when, root };
  }

  private silenced(when: 'before' | 'after', root: string): boolean {
    if (this.silence?.when !== when || (this.silence.root !== undefined && this.silence.root !== root)) return false;
    this.silence = undefined;
    return true;
  }

  reset(): void {
    this.orders = [];
    this.requests = [];
    this.throttled = 0;
    this.refused = 0;
    this.bucket = { maximum: 1000, available: 1000, restoreRate: 50, at: Date.now() };
    this.failures = { count: 0, status: 503 };
    this.silence = undefined;
    this.codes.clear();
    this.exchanges = 0;
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  close(): Promise<void> {
    this.reset();
    return closeLocally(this.server);
  }

  // ---- webhooks, as Shopify sends them ----

  /** The request Shopify would send for `topic`: its headers and raw body, signed with the app's secret (or `secret`). */
  webhook(
    topic: WebhookTopic,
    payload: unknown,
    options: { webhookId?: string; triggeredAt?: string; secret?: string; shopDomain?: string } = {},
  ): SentWebhook {
    const body = Buffer.from(JSON.stringify(payload));
    const headers = {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': createHmac('sha256', options.secret ?? this.appSecret)
        .update(body)
        .digest('base64'),
      'x-shopify-shop-domain': options.shopDomain ?? this.shopDomain,
      'x-shopify-api-version': this.apiVersion,
      'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
      'x-shopify-event-id': randomUUID(),
      'x-shopify-triggered-at': options.triggeredAt ?? new Date().toISOString(),
    };
    return { headers, body };
  }

  /** Delivers a webhook to `url` as Shopify does (POST, the headers, the raw body); the same `SentWebhook` again is a redelivery or a replay. */
  async deliver(url: string, webhook: SentWebhook): Promise<number> {
    const response = await fetch(url, {
      method: 'POST',
      headers: webhook.headers,
      body: webhook.body,
      signal: AbortSignal.timeout(5000),
    });
    await response.arrayBuffer();
    return response.status;
  }

  orderPayload(order: PeerOrder): Record<string, unknown> {
    const address = order.shippingAddress;
    return {
      id: order.id,
      admin_graphql_api_id: gid('Order', order.id),
      name: `#${order.id}`,
      created_at: order.createdAt,
      updated_at: order.updatedAt,
      processed_at: order.processedAt,
      cancelled_at: order.cancelledAt,
      currency: order.currency,
      presentment_currency: order.currency,
      taxes_included: order.taxesIncluded,
      total_price: order.totalPrice,
      subtotal_price: money(
        order.lineItems.reduce((s, i) => s + i.quantity * cents(i.price), 0) - cents(order.totalDiscounts),
      ),
      total_tax: order.totalTax,
      total_discounts: order.totalDiscounts,
      financial_status: order.financialStatus,
      payment_gateway_names: order.gateways,
      discount_codes: order.discountCodes.map((d) => ({ code: d.code, amount: d.amount, type: 'fixed_amount' })),
      email: order.email,
      phone: order.phone,
      line_items: order.lineItems.map((i) => ({
        id: i.id,
        sku: i.sku,
        name: i.title,
        title: i.title,
        variant_id: i.variantId,
        quantity: i.quantity,
        price: i.price,
      })),
      shipping_lines: order.shippingLines.map((line) => ({
        price: line.price,
        discounted_price: line.discountedPrice,
        title: 'Standard',
      })),
      customer: order.customer && {
        id: order.customer.id,
        first_name: order.customer.firstName,
        last_name: order.customer.lastName,
        email: order.customer.email,
        phone: order.customer.phone,
      },
      shipping_address: address && {
        name: [address.firstName, address.lastName].filter(Boolean).join(' ') || null,
        first_name: address.firstName,
        last_name: address.lastName,
        address1: address.address1,
        address2: address.address2,
        city: address.city,
        province: address.province,
        country_code: address.countryCode,
        zip: address.zip,
        phone: address.phone,
      },
    };
  }

  fulfillmentPayload(order: PeerOrder, f: PeerFulfillment): Record<string, unknown> {
    const shipment =
      f.displayStatus && !['FULFILLED', 'MARKED_AS_FULFILLED', 'CANCELED'].includes(f.displayStatus)
        ? f.displayStatus.toLowerCase()
        : null;
    return {
      id: f.id,
      admin_graphql_api_id: gid('Fulfillment', f.id),
      order_id: order.id,
      created_at: f.createdAt,
      updated_at: f.updatedAt,
      status: f.status.toLowerCase(),
      tracking_company: f.company,
      tracking_number: f.number,
      tracking_numbers: f.number ? [f.number] : [],
      shipment_status: shipment,
    };
  }

  refundPayload(order: PeerOrder, r: PeerRefund): Record<string, unknown> {
    return {
      id: r.id,
      admin_graphql_api_id: gid('Refund', r.id),
      order_id: order.id,
      created_at: r.createdAt,
      processed_at: r.createdAt,
      note: r.note,
      transactions: order.transactions
        .filter((t) => r.transactionIds.includes(t.id))
        .map((t) => ({
          id: t.id,
          kind: t.kind.toLowerCase(),
          status: t.status.toLowerCase(),
          amount: t.amount,
          parent_id: t.parentId ?? null,
          gateway: t.gateway,
        })),
    };
  }

  // ---- the Admin GraphQL API ----

  // ---- the app's install (OAuth authorization code) ----

  /** The app's client id, as the Dev Dashboard shows it. */
  readonly apiKey = 'shopify-app-client-id-0123';
  /** Codes Shopify would hand the admin's browser after approval: each good once. */
  private readonly codes = new Set<string>();
  /** Token exchanges that were answered with the token. */
  exchanges = 0;

  /** The query Shopify redirects the admin back with after approval: a fresh code, the store, the state, signed with the app's secret (or `secret`). */
  approvedRedirect(state: string, options: { secret?: string; shop?: string } = {}): Record<string, string> {
    const code = randomUUID().replaceAll('-', '');
    this.codes.add(code);
    const query: Record<string, string> = {
      code,
      host: Buffer.from(`${this.shopDomain}/admin`).toString('base64url'),
      shop: options.shop ?? this.shopDomain,
      state,
      timestamp: String(Math.floor(Date.now() / 1000)),
    };
    const message = Object.keys(query)
      .sort()
      .map((key) => `${key}=${query[key]}`)
      .join('&');
    return {
      ...query,
      hmac: createHmac('sha256', options.secret ?? this.appSecret)
        .update(message)
        .digest('hex'),
    };
  }

  private exchange(res: ServerResponse, raw: Buffer): void {
    let body: { client_id?: unknown; client_secret?: unknown; code?: unknown };
    try {
      body = JSON.parse(raw.toString('utf8')) as typeof body;
    } catch {
      return answer(res, 400, { error: 'invalid_request' });
    }
    if (body.client_id !== this.apiKey || body.client_secret !== this.appSecret)
      return answer(res, 401, { error: 'invalid_client' });
    if (typeof body.code !== 'string' || !this.codes.delete(body.code))
      return answer(res, 400, {
        error: 'invalid_request',
        error_description: 'The authorization code was not found or was already used',
      });
    this.exchanges++;
    return answer(res, 200, {
      access_token: this.accessToken,
      scope: 'read_orders,read_customers,write_merchant_managed_fulfillment_orders,write_orders',
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    if (req.method === 'POST' && req.url === '/admin/oauth/access_token') return this.exchange(res, raw);
    if (req.method !== 'POST' || req.url !== `/admin/api/${this.apiVersion}/graphql.json`) {
      this.refused++;
      return answer(res, 404, { errors: 'Not Found' });
    }
    if (req.headers['x-shopify-access-token'] !== this.accessToken) {
      this.refused++;
      return answer(res, 401, {
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      });
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
      return answer(res, 415, { errors: 'Unsupported Media Type' });
    let body: GraphqlBody;
    try {
      body = JSON.parse(raw.toString('utf8')) as GraphqlBody;
    } catch {
      return answer(res, 400, { errors: 'Bad Request' });
    }
    const document = typeof body.query === 'string' ? body.query : '';
    const variables = (typeof body.variables === 'object' && body.variables !== null ? body.variables : {}) as Record<
      string,
      unknown
    >;
    const root = /^\s*(?:query|mutation)\b[^{]*\{\s*(\w+)/.exec(document)?.[1] ?? '';
    this.requests.push(root);
    if (this.failures.count > 0) {
      this.failures.count--;
      return answer(res, this.failures.status, { errors: 'Service Unavailable' });
    }
    if (this.silenced('before', root)) {
      this.held.add(res);
      return;
    }

    const cost = queryCost(document, variables);
    if (cost > MAX_QUERY_COST) {
      return answer(res, 200, {
        errors: [
          {
            message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: MAX_QUERY_COST },
          },
        ],
      });
    }
    const available = this.availableNow();
    if (cost > available) {
      this.throttled++;
      return answer(res, 200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
        extensions: {
          cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: this.status(available) },
        },
      });
    }
    this.bucket = { ...this.bucket, available: available - cost, at: Date.now() };
    const result = this.execute(root, document, variables);
    const reply = {
      ...result,
      extensions: {
        cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: this.status(this.bucket.available) },
      },
    };
    if (this.silenced('after', root)) {
      this.held.add(res);
      return;
    }
    answer(res, 200, reply);
  }

  private availableNow(): number {
    return Math.min(
      this.bucket.maximum,
      this.bucket.available + (this.bucket.restoreRate * (Date.now() - this.bucket.at)) / 1000,
    );
  }

  private status(available: number) {
    return {
      maximumAvailable: this.bucket.maximum,
      currentlyAvailable: Math.floor(available),
      restoreRate: this.bucket.restoreRate,
    };
  }

  private execute(
    root: string,
    document: string,
    variables: Record<string, unknown>,
  ): { data?: unknown; errors?: unknown[] } {
    switch (root) {
      case 'order': {
        const id = idOf(variables.id, 'Order');
        const order = this.orders.find((o) => o.id === id);
        return { data: { order: order ? this.node(order) : null } };
      }
      case 'orders':
        return { data: { orders: this.ordersPage(variables) } };
      case 'fulfillmentCreate':
        return {
          data: { fulfillmentCreate: this.fulfillmentCreate(variables.fulfillment as Record<string, unknown>) },
        };
      case 'refundCreate': {
        const key = /\brefundCreate\s*\([^)]*\)\s*@idempotent\(\s*key:\s*"([^"]+)"\s*\)/.exec(document)?.[1];
        // Required from 2026-04 on: Shopify refuses the call at runtime without it.
        if (!key)
          return {
            errors: [
              {
                message: 'The @idempotent directive is required for this mutation.',
                extensions: { code: 'BAD_REQUEST' },
              },
            ],
          };
        return this.refundCreate(key, variables.input as Record<string, unknown>);
      }
      default:
        return {
          errors: [
            { message: `Field '${root}' doesn't exist on type 'QueryRoot'`, extensions: { code: 'undefinedField' } },
          ],
        };
    }
  }

  private node(order: PeerOrder) {
    const m = (amount: string) => shopMoney(amount, order.currency);
    const a = order.shippingAddress;
    return {
      id: gid('Order', order.id),
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      processedAt: order.processedAt,
      cancelledAt: order.cancelledAt,
      currencyCode: order.currency,
      taxesIncluded: order.taxesIncluded,
      displayFinancialStatus: order.financialStatus.toUpperCase(),
      paymentGatewayNames: order.gateways,
      email: order.email,
      phone: order.phone,
      totalPriceSet: m(order.totalPrice),
      totalTaxSet: m(order.totalTax),
      totalDiscountsSet: m(order.totalDiscounts),
      discountCodes: order.discountCodes.map((d) => d.code),
      lineItems: {
        nodes: order.lineItems.map((i) => ({
          id: gid('LineItem', i.id),
          sku: i.sku,
          name: i.title,
          title: i.title,
          quantity: i.quantity,
          variant: i.variantId ? { id: gid('ProductVariant', i.variantId) } : null,
          originalUnitPriceSet: m(i.price),
        })),
      },
      shippingLines: {
        nodes: order.shippingLines.map((line) => ({
          originalPriceSet: m(line.price),
          discountedPriceSet: m(line.discountedPrice),
        })),
      },
      customer: order.customer && {
        id: gid('Customer', order.customer.id),
        firstName: order.customer.firstName,
        lastName: order.customer.lastName,
        defaultEmailAddress: order.customer.email ? { emailAddress: order.customer.email } : null,
        defaultPhoneNumber: order.customer.phone ? { phoneNumber: order.customer.phone } : null,
      },
      shippingAddress: a && {
        name: [a.firstName, a.lastName].filter(Boolean).join(' ') || null,
        firstName: a.firstName,
        lastName: a.lastName,
        address1: a.address1,
        address2: a.address2,
        city: a.city,
        province: a.province,
        countryCodeV2: a.countryCode,
        zip: a.zip,
        phone: a.phone,
      },
      transactions: order.transactions.map((t) => ({
        id: gid('OrderTransaction', t.id),
        kind: t.kind,
        status: t.status,
        gateway: t.gateway,
        processedAt: t.processedAt,
        amountSet: m(t.amount),
      })),
      fulfillmentOrders: {
        nodes: order.fulfillmentOrders.map((fo) => ({ id: gid('FulfillmentOrder', fo.id), status: fo.status })),
      },
      fulfillments: order.fulfillments.map((f) => ({
        id: gid('Fulfillment', f.id),
        createdAt: f.createdAt,
        updatedAt: f.updatedAt,
        status: f.status,
        displayStatus: f.displayStatus,
        trackingInfo: f.number ? [{ company: f.company, number: f.number }] : [],
      })),
      refunds: order.refunds.map((r) => ({
        id: gid('Refund', r.id),
        createdAt: r.createdAt,
        note: r.note,
        transactions: {
          nodes: order.transactions
            .filter((t) => r.transactionIds.includes(t.id))
            .map((t) => ({ kind: t.kind, status: t.status, amountSet: m(t.amount) })),
        },
      })),
    };
  }

  /** Shopify's search syntax, the part the connector uses: updated_at:>='…' updated_at:<='…'. */
  private ordersPage(variables: Record<string, unknown>) {
    const query = typeof variables.query === 'string' ? variables.query : '';
    const from = /updated_at:>='([^']+)'/.exec(query)?.[1];
    const to = /updated_at:<='([^']+)'/.exec(query)?.[1];
    const matching = this.orders
      .filter(
        (o) =>
          (!from || Date.parse(o.updatedAt) >= Date.parse(from)) && (!to || Date.parse(o.updatedAt) <= Date.parse(to)),
      )
      .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || a.id - b.id);
    const start =
      typeof variables.after === 'string' ? Number(Buffer.from(variables.after, 'base64').toString('utf8')) + 1 : 0;
    const first = Number(variables.first ?? 10);
    const page = matching.slice(start, start + first);
    const last = start + page.length - 1;
    return {
      pageInfo: {
        hasNextPage: last + 1 < matching.length,
        endCursor: page.length ? Buffer.from(String(last)).toString('base64') : null,
      },
      nodes: page.map((o) => this.node(o)),
    };
  }

  private fulfillmentCreate(input: Record<string, unknown>) {
    const pairs = Array.isArray(input?.lineItemsByFulfillmentOrder)
      ? (input.lineItemsByFulfillmentOrder as { fulfillmentOrderId?: unknown }[])
      : [];
    const ids = pairs.map((p) => idOf(p.fulfillmentOrderId, 'FulfillmentOrder'));
    const order = this.orders.find(
      (o) => ids.length > 0 && ids.every((id) => o.fulfillmentOrders.some((fo) => fo.id === id)),
    );
    const userError = (message: string) => ({ fulfillment: null, userErrors: [{ field: ['fulfillment'], message }] });
    if (!order) return userError('Fulfillment order does not exist.');
    const orders = order.fulfillmentOrders.filter((fo) => ids.includes(fo.id));
    if (orders.some((fo) => fo.status === 'CLOSED'))
      return userError('Fulfillment order is not in a fulfillable state.');
    if (new Set(orders.map((fo) => fo.locationId ?? 1)).size > 1)
      return userError('All fulfillment orders must be assigned to the same location.');
    const tracking = (input.trackingInfo ?? {}) as { company?: string; number?: string };
    const now = new Date().toISOString();
    const fulfillment: PeerFulfillment = {
      id: this.id(),
      createdAt: now,
      updatedAt: now,
      status: 'SUCCESS',
      company: tracking.company ?? null,
      number: tracking.number ?? null,
      displayStatus: 'FULFILLED',
      notifyCustomer: input.notifyCustomer === true,
    };
    for (const fo of orders) fo.status = 'CLOSED';
    order.fulfillments.push(fulfillment);
    order.updatedAt = now;
    return { fulfillment: { id: gid('Fulfillment', fulfillment.id), status: fulfillment.status }, userErrors: [] };
  }

  private refundCreate(key: string, input: Record<string, unknown>): { data?: unknown; errors?: unknown[] } {
    const fingerprint = JSON.stringify(input);
    const order = this.orders.find((o) => o.id === idOf(input?.orderId, 'Order'));
    const previous = this.orders.flatMap((o) => o.refunds).find((r) => r.idempotencyKey === key);
    if (previous) {
      if ((previous as PeerRefund & { fingerprint?: string }).fingerprint !== fingerprint) {
        return {
          errors: [
            {
              message: 'The same idempotency key cannot be used with different operation parameters.',
              extensions: { code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' },
            },
          ],
        };
      }
      return { data: { refundCreate: { refund: { id: gid('Refund', previous.id) }, userErrors: [] } } };
    }
    const userError = (message: string) => ({
      data: { refundCreate: { refund: null, userErrors: [{ field: ['transactions'], message }] } },
    });
    if (!order) return userError('Order does not exist.');
    const transactions = Array.isArray(input.transactions) ? (input.transactions as Record<string, unknown>[]) : [];
    const paid = order.transactions
      .filter((t) => t.status === 'SUCCESS' && t.kind !== 'REFUND')
      .reduce((s, t) => s + cents(t.amount), 0);
    const refunded = order.transactions
      .filter((t) => t.status === 'SUCCESS' && t.kind === 'REFUND')
      .reduce((s, t) => s + cents(t.amount), 0);
    const asked = transactions.reduce((s, t) => s + cents(String(t.amount)), 0);
    if (asked > paid - refunded && input.allowOverRefunding !== true)
      return userError(
        `Refund amount ${money(asked)} is greater than the refundable amount ${money(paid - refunded)}.`,
      );
    const now = new Date().toISOString();
    const made: PeerTransaction[] = [];
    for (const t of transactions) {
      const parent = order.transactions.find(
        (p) => p.id === idOf(t.parentId, 'OrderTransaction') && p.status === 'SUCCESS' && p.kind !== 'REFUND',
      );
      if (!parent || t.kind !== 'REFUND')
        return userError('Parent transaction must be a successful sale or capture of the order.');
      made.push({
        id: this.id(),
        kind: 'REFUND',
        status: 'SUCCESS',
        amount: money(cents(String(t.amount))),
        gateway: parent.gateway,
        processedAt: now,
        parentId: parent.id,
      });
    }
    order.transactions.push(...made);
    const refund: PeerRefund & { fingerprint: string } = {
      id: this.id(),
      createdAt: now,
      note: typeof input.note === 'string' ? input.note : null,
      transactionIds: made.map((t) => t.id),
      idempotencyKey: key,
      fingerprint,
    };
    order.refunds.push(refund);
    order.updatedAt = now;
    order.financialStatus = paid - refunded - asked === 0 ? 'refunded' : 'partially_refunded';
    return { data: { refundCreate: { refund: { id: gid('Refund', refund.id) }, userErrors: [] } } };
  }
}

function answer(res: ServerResponse, status: number, body: object): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
