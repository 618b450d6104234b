// Where each benchmark order stands, read the way a shop's system would see it: the orders' and
// cases' rows (one query for all of them, a few times a second, so watching costs the stack
// almost nothing) and the messages the shop's webhook receiver got.
import { Client } from 'pg';
import type { PaymentPeer } from '../tests/peers/payment-peer';
import type { WebhookPeer } from '../tests/peers/webhook-peer';

type Waiter = { done: () => boolean; resolve: () => void };

export class ProgressWatch {
  private readonly orders = new Map<string, string>();
  private readonly cases = new Map<string, string>();
  private readonly messages = new Set<string>();
  private readonly waiters = new Set<Waiter>();
  private readMessages = 0;
  private since = new Date(0);
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** The latest updated_at of the orders' rows: only the worker writes them (the API writes intakes and logs). */
  private lastOrderWrite = 0;

  private constructor(
    private readonly db: Client,
    private readonly shopId: string,
    private readonly webhook: WebhookPeer,
    private readonly gateway: PaymentPeer,
  ) {}

  static async start(
    databaseUrl: string,
    shopId: string,
    webhook: WebhookPeer,
    gateway: PaymentPeer,
    intervalMs = 200,
  ): Promise<ProgressWatch> {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const watch = new ProgressWatch(db, shopId, webhook, gateway);
    watch.timer = setInterval(() => void watch.poll(), intervalMs);
    return watch;
  }

  orderStatus(orderId: string): string | undefined {
    return this.orders.get(orderId);
  }

  untilOrder(orderId: string, status: string): Promise<void> {
    return this.until(() => this.orders.get(orderId) === status);
  }

  untilCase(caseId: string, status: string): Promise<void> {
    return this.until(() => this.cases.get(caseId) === status);
  }

  /** A message of `template` about the order reached the shop's webhook receiver. */
  untilMessage(orderId: string, template: string): Promise<void> {
    return this.until(() => this.messages.has(`${orderId}/${template}`));
  }

  /**
   * When a worker started at `at` first did something the outside sees: a webhook or gateway
   * request (counted as it arrives), or an order row it wrote (by the row's own updated_at).
   * Called at `at`, so the counters then are what came before.
   */
  async firstWorkAfter(at: number): Promise<number> {
    const requests = this.webhook.requests + this.gateway.requests;
    for (;;) {
      if (this.webhook.requests + this.gateway.requests > requests) return Date.now();
      if (this.lastOrderWrite > at) return this.lastOrderWrite;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.db.end();
  }

  private until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add({ done, resolve }));
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      // Rows changed since the last poll, with a second's overlap for commits that were in flight then.
      const from = new Date(this.since.getTime() - 1000);
      const [orders, cases] = await Promise.all([
        this.db.query<{ id: string; status: string; updated_at: Date }>(
          'SELECT order_id AS id, status, updated_at FROM orders WHERE shop_id = $1 AND updated_at >= $2',
          [this.shopId, from],
        ),
        this.db.query<{ id: string; status: string; updated_at: Date }>(
          'SELECT case_id AS id, status, updated_at FROM cases WHERE shop_id = $1 AND updated_at >= $2',
          [this.shopId, from],
        ),
      ]);
      for (const [rows, known] of [
        [orders.rows, this.orders],
        [cases.rows, this.cases],
      ] as const) {
        for (const row of rows) {
          if (row.updated_at > this.since) this.since = row.updated_at;
          known.set(row.id, row.status);
        }
      }
      for (const row of orders.rows) this.lastOrderWrite = Math.max(this.lastOrderWrite, row.updated_at.getTime());
      for (const { body } of this.webhook.received.slice(this.readMessages))
        this.messages.add(`${String(body.orderId)}/${String(body.template)}`);
      this.readMessages = this.webhook.received.length;
      for (const waiter of [...this.waiters]) {
        if (!waiter.done()) continue;
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    } catch {
      // The database restarting mid-run: the next poll reads again.
    } finally {
      this.polling = false;
    }
  }
}
