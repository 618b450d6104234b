// Where the peer's webhooks land in the tests: an HTTP endpoint that keeps each request's headers
// and raw bytes as they arrived, for the connector's verifyWebhook (the core's route does the same).
import type { WebhookRequest } from '../../connectors/connector';
import { closeLocally, listenLocally, localServer } from '../peers/local-http';

export class WebhookInbox {
  url = '';
  received: WebhookRequest[] = [];
  private readonly server = localServer((req, res, rawBody) => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
    );
    this.received.push({ headers, rawBody });
    res.writeHead(200).end();
  });

  async listen(): Promise<this> {
    this.url = `${await listenLocally(this.server)}/connectors/shopify/shop-shopify/webhooks`;
    return this;
  }

  close(): Promise<void> {
    return closeLocally(this.server);
  }
}
