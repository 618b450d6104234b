// A payment gateway on 127.0.0.1 that behaves the way the shop's should (A5): it checks the
// signature and the timestamp, and makes one refund per Idempotency-Key, answering a repeated key
// with the first refund's id. The same key with another refund (amount, currency, shop, case or
// order) gets 422 idempotency_key_reused, as real gateways refuse it: a 409 would read as "still in
// flight" and be retried forever. The signature check is its own code on purpose, not the
// gateway client's signer, so a bug on either side shows up as a 401.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeLocally, listenLocally, localServer } from './local-http';

export interface PeerRefund {
  refundId: string;
  idempotencyKey: string;
  shopId: string;
  caseId: string;
  orderId: string;
  amount: string;
  currency: string;
}

const FIVE_MINUTES = 300;
const REFUND_FIELDS = ['shopId', 'caseId', 'orderId', 'amount', 'currency'] as const;

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return typeof value === 'string' ? value : '';
}

function signatureMatches(secret: string, timestamp: string, raw: Buffer, given: string): boolean {
  const mac = createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${timestamp}.`), raw]))
    .digest();
  const hex = given.startsWith('v1=') ? given.slice('v1='.length) : '';
  const givenMac = /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : Buffer.alloc(0);
  return givenMac.length === mac.length && timingSafeEqual(givenMac, mac);
}

function refundFields(raw: Buffer): Omit<PeerRefund, 'refundId' | 'idempotencyKey'> | undefined {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (!REFUND_FIELDS.every((field) => typeof record[field] === 'string')) return undefined;
  const [shopId, caseId, orderId, amount, currency] = REFUND_FIELDS.map((field) => record[field] as string);
  return { shopId, caseId, orderId, amount, currency };
}

const sameRefund = (a: Omit<PeerRefund, 'refundId' | 'idempotencyKey'>, b: PeerRefund) =>
  REFUND_FIELDS.every((field) => a[field] === b[field]);

/** Built first and started in beforeAll, so a test file can hold it before it listens. */
export class PaymentPeer {
  /** `http://127.0.0.1:<port>/refunds` once listening. */
  url = '';
  /** The distinct refunds made: what moved money. */
  refunds: PeerRefund[] = [];
  /** Every request, whatever came of it. */
  requests = 0;
  /** The Idempotency-Key of every request, in order, repeats included. */
  requestKeys: string[] = [];
  /** Requests answered 401 for a wrong signature or a stale timestamp. */
  refused = 0;

  private readonly server: Server;
  private readonly byKey = new Map<string, PeerRefund>();
  private failures = { count: 0, status: 503 };
  private refusal: { status: number; error: string } | undefined;
  private delayMs = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly holds = new Set<string>();

  constructor(readonly secret: string) {
    this.server = localServer((req, res, body) => this.handle(req, res, body));
  }

  async listen(): Promise<this> {
    this.url = `${await listenLocally(this.server)}/refunds`;
    return this;
  }

  /** The next refund is made at once and its answer comes `ms` later: a timeout after the money moved. */
  delayNextResponse(ms: number): void {
    this.delayMs = ms;
  }

  /**
   * The first request with this key makes its refund and is never answered, as when the caller dies
   * before the answer reaches it (requestKeys shows when it has come).
   */
  holdAnswer(idempotencyKey: string): void {
    this.holds.add(idempotencyKey);
  }

  /** The next `count` requests get `status` and make no refund, as an overloaded gateway would. */
  failNext(count: number, status = 503): void {
    this.failures = { count, status };
  }

  /** The next well-signed request is refused with `status` and `{ error }`, and makes no refund. */
  refuseNext(status: number, error: string): void {
    this.refusal = { status, error };
  }

  /** No refunds, no requests, nothing programmed: each test starts from an untouched gateway. */
  reset(): void {
    this.refunds = [];
    this.requests = 0;
    this.requestKeys = [];
    this.refused = 0;
    this.byKey.clear();
    this.failures = { count: 0, status: 503 };
    this.refusal = undefined;
    this.delayMs = 0;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.holds.clear();
  }

  close(): Promise<void> {
    this.reset();
    return closeLocally(this.server);
  }

  private handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    this.requests++;
    this.requestKeys.push(header(req, 'idempotency-key'));
    if (this.failures.count > 0) {
      this.failures.count--;
      return answer(res, this.failures.status, { error: 'unavailable' });
    }
    if (req.method !== 'POST' || req.url !== '/refunds') return answer(res, 404, { error: 'not_found' });

    const timestamp = header(req, 'x-backoffice-timestamp');
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > FIVE_MINUTES) {
      this.refused++;
      return answer(res, 401, { error: 'stale_timestamp' });
    }
    if (!signatureMatches(this.secret, timestamp, raw, header(req, 'x-backoffice-signature'))) {
      this.refused++;
      return answer(res, 401, { error: 'bad_signature' });
    }
    const idempotencyKey = header(req, 'idempotency-key');
    if (!idempotencyKey) return answer(res, 400, { error: 'missing_idempotency_key' });
    const fields = refundFields(raw);
    if (!fields) return answer(res, 400, { error: 'invalid_body' });
    if (this.refusal) {
      const { status, error } = this.refusal;
      this.refusal = undefined;
      return answer(res, status, { error });
    }

    let refund = this.byKey.get(idempotencyKey);
    if (refund && !sameRefund(fields, refund)) return answer(res, 422, { error: 'idempotency_key_reused' });
    if (!refund) {
      refund = { refundId: `re_${this.refunds.length + 1}`, idempotencyKey, ...fields };
      this.byKey.set(idempotencyKey, refund);
      this.refunds.push(refund);
    }
    const reply = { refundId: refund.refundId };
    // Unanswered: the socket stays open until the caller gives up or dies.
    if (this.holds.delete(idempotencyKey)) return;
    if (this.delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        answer(res, 200, reply);
      }, this.delayMs);
      this.timers.add(timer);
      this.delayMs = 0;
      return;
    }
    answer(res, 200, reply);
  }
}

function answer(res: ServerResponse, status: number, body: object): void {
  // The caller may have given up (timed out) while a delayed answer waited.
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

export function startPaymentPeer(secret: string): Promise<PaymentPeer> {
  return new PaymentPeer(secret).listen();
}
