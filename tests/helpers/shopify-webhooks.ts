// Where the peer's webhooks land in the tests: an HTTP endpoint that keeps each request's headers
// and raw bytes as they arrived, for the connector's verifyWebhook (the core's route does the same).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookRequest } from '../../connectors/connector';

export class WebhookInbox {
  url = '';
  received: WebhookRequest[] = [];
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
      this.received.push({ headers, rawBody: Buffer.concat(chunks) });
      res.writeHead(200).end();
    });
  });

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/connectors/shopify/shop-shopify/webhooks`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
