// A webhook receiver on 127.0.0.1 that behaves the way a shop's system should: it checks the
// signature and the timestamp, and keeps one copy per Idempotency-Key. The signature check is its
// own code on purpose, not the channel's signer, so a bug on either side shows up as a 401.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  idempotencyKey: string;
  body: Record<string, unknown>;
}

export interface WebhookPeer {
  url: string;
  received: ReceivedWebhook[];
  /** Every request, whatever came of it. */
  requests: number;
  /** The Idempotency-Key of every request, in order, repeats included. */
  requestKeys: string[];
  /** Requests answered 401 for a wrong signature or a stale timestamp. */
  refused: number;
  /**
   * The next `count` requests get 503. 'after-storing' keeps the message first, as when the
   * receiver's answer is lost on the way back, so the retry must be recognised by its key.
   */
  failNext(count: number, how?: 'before-storing' | 'after-storing'): void;
  /**
   * The first request with this key is kept and never answered, as when the sender dies before the
   * answer reaches it (requestKeys shows when it has come).
   */
  holdAnswer(idempotencyKey: string): void;
  close(): Promise<void>;
}

const FIVE_MINUTES = 300;

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return typeof value === 'string' ? value : '';
}

function signedByBackoffice(secret: string, req: IncomingMessage, raw: Buffer): boolean {
  const timestamp = header(req, 'x-backoffice-timestamp');
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > FIVE_MINUTES) return false;
  const mac = createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${timestamp}.`), raw]))
    .digest();
  const given = header(req, 'x-backoffice-signature');
  const hex = given.startsWith('v1=') ? given.slice(3) : '';
  const givenMac = /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : Buffer.alloc(0);
  return givenMac.length === mac.length && timingSafeEqual(givenMac, mac);
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

export async function startWebhookPeer(secret: string): Promise<WebhookPeer> {
  const firstAnswers = new Map<string, object>();
  let failures = { count: 0, how: 'before-storing' as 'before-storing' | 'after-storing' };
  const holds = new Set<string>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      peer.requests++;
      peer.requestKeys.push(header(req, 'idempotency-key'));
      const raw = Buffer.concat(chunks);
      const failing = failures.count > 0 ? failures.how : undefined;
      if (failing) failures.count--;
      if (failing === 'before-storing') return answer(res, 503, { error: 'unavailable' });
      if (!signedByBackoffice(secret, req, raw)) {
        peer.refused++;
        return answer(res, 401, { error: 'bad signature' });
      }
      const key = header(req, 'idempotency-key');
      if (!key || req.method !== 'POST') return answer(res, 400, { error: 'expected a POST with an Idempotency-Key' });
      const first = firstAnswers.get(key);
      if (first) return answer(res, 200, first);

      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        return answer(res, 400, { error: 'body is not JSON' });
      }
      peer.received.push({ idempotencyKey: key, body });
      const reply = { id: `peer-${peer.received.length}` };
      firstAnswers.set(key, reply);
      if (failing === 'after-storing') return answer(res, 503, { error: 'unavailable' });
      // Unanswered: the socket stays open until the sender gives up or dies.
      if (holds.delete(key)) return;
      answer(res, 200, reply);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  const peer: WebhookPeer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/backoffice`,
    received: [],
    requests: 0,
    requestKeys: [],
    refused: 0,
    failNext(count, how = 'before-storing') {
      failures = { count, how };
    },
    holdAnswer(idempotencyKey) {
      holds.add(idempotencyKey);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // fetch keeps connections alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return peer;
}
