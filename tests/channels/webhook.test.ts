import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermanentDeliveryError, type OutgoingMessage } from '../../activities/messages/channels/channel';
import { createWebhookChannel, webhookConfigSchema } from '../../activities/messages/channels/webhook';
import {
  signRequest as signWebhook,
  verifySignedRequest as verifyWebhookSignature,
} from '../../activities/signed-post';
import { startWebhookPeer, type WebhookPeer } from '../peers/webhook-peer';
import { failureWithout } from '../helpers/delivery-failure';
import { TEST_ALLOWED_HOSTS } from '../helpers/outbound';

const SECRET = 'shop-1-webhook-secret-0123456789';

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    idempotencyKey: 'order:shop-1:TB1001:shipped-notice',
    shopId: 'shop-1',
    buyerId: 'buyer-1',
    recipient: 'buyer-1',
    template: 'shipped-notice',
    locale: 'zh-CN',
    subject: '您的订单 TB1001 已发货',
    text: '亲，您的订单 TB1001 已由顺丰发出，运单号 SF123456789。',
    variables: { orderId: 'TB1001', trackingNo: 'SF123456789' },
    orderId: 'TB1001',
    audience: 'buyer',
    ...overrides,
  };
}

const failureOf = (sending: Promise<unknown>) => failureWithout(sending, ['SF123456789', 'buyer-1']);

describe('webhook channel (M1: one outbox, channels)', () => {
  let peer: WebhookPeer;
  const channel = (secret = SECRET) =>
    createWebhookChannel(webhookConfigSchema.parse({ url: peer.url, secret }), TEST_ALLOWED_HOSTS);

  beforeEach(async () => {
    peer = await startWebhookPeer(SECRET);
  });
  afterEach(async () => {
    await peer.close();
  });

  it('delivers a signed message the receiver verifies, and returns the receiver’s id', async () => {
    const receipt = await channel().send(message());

    expect(peer.refused).toBe(0);
    expect(peer.received).toEqual([
      {
        idempotencyKey: 'order:shop-1:TB1001:shipped-notice',
        body: {
          id: 'order:shop-1:TB1001:shipped-notice',
          type: 'buyer.message',
          shopId: 'shop-1',
          orderId: 'TB1001',
          buyerId: 'buyer-1',
          template: 'shipped-notice',
          locale: 'zh-CN',
          subject: message().subject,
          text: message().text,
          variables: { orderId: 'TB1001', trackingNo: 'SF123456789' },
        },
      },
    ]);
    expect(receipt.providerMessageId).toBe('peer-1');
  });

  it('sends staff notices as staff.notice', async () => {
    await channel().send(
      message({ audience: 'staff', orderId: undefined, idempotencyKey: 'task:shop-1:42:escalated' }),
    );
    expect(peer.received[0].body).toMatchObject({ type: 'staff.notice' });
    expect(peer.received[0].body).not.toHaveProperty('orderId');
  });

  it('is refused by the receiver when signed with another secret, which is permanent', async () => {
    const err = await failureOf(channel('another-secret-of-sufficient-length').send(message()));
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).code).toBe('WEBHOOK_REJECTED_401');
    expect(peer.refused).toBe(1);
    expect(peer.received).toHaveLength(0);
  });

  it('refuses, for good and before sending, a URL on a private address the deployment does not allow', async () => {
    const byName = peer.url.replace('127.0.0.1', 'localhost');
    const notAllowed = [
      // The very receiver, by a name: allowing 127.0.0.1 allows no name that leads there.
      createWebhookChannel(webhookConfigSchema.parse({ url: byName, secret: SECRET }), TEST_ALLOWED_HOSTS),
      createWebhookChannel(webhookConfigSchema.parse({ url: peer.url, secret: SECRET }), []),
    ];
    for (const channel of notAllowed) {
      const err = await failureOf(channel.send(message()));
      expect(err).toBeInstanceOf(PermanentDeliveryError);
      expect(err).toMatchObject({ code: 'OUTBOUND_URL_REFUSED', message: expect.stringContaining('must use https') });
      expect(err.message).not.toContain(peer.url);
    }
    expect(peer.requests).toBe(0);
  });

  it('retries after a lost answer without the receiver keeping the message twice', async () => {
    peer.failNext(1, 'after-storing');
    const err = await failureOf(channel().send(message()));
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect(err.message).toContain('503');

    const receipt = await channel().send(message());
    expect(peer.requests).toBe(2);
    expect(peer.received).toHaveLength(1);
    expect(receipt.providerMessageId).toBe('peer-1');
  });

  it('takes a 503 before the receiver stored anything as transient, and the retry arrives', async () => {
    peer.failNext(1);
    const err = await failureOf(channel().send(message()));
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect(peer.received).toHaveLength(0);

    await channel().send(message());
    expect(peer.received).toHaveLength(1);
  });
});

describe('webhook channel without a working receiver (M1: one outbox, channels)', () => {
  it('takes a refused connection as transient', async () => {
    const peer = await startWebhookPeer(SECRET);
    await peer.close();
    const err = await failureOf(
      createWebhookChannel(webhookConfigSchema.parse({ url: peer.url, secret: SECRET }), TEST_ALLOWED_HOSTS).send(
        message(),
      ),
    );
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('gives up on a receiver that never answers after timeoutMs, as transient', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    try {
      const err = await failureOf(
        createWebhookChannel(
          webhookConfigSchema.parse({ url, secret: SECRET, timeoutMs: 300 }),
          TEST_ALLOWED_HOSTS,
        ).send(message()),
      );
      expect(err).not.toBeInstanceOf(PermanentDeliveryError);
      expect(err.message).toContain('timed out');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('webhook signature for receivers (M1: one outbox, channels)', () => {
  const body = JSON.stringify({ id: 'k1', text: 'hello' });
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts what signWebhook signed', () => {
    const ts = now();
    expect(verifyWebhookSignature(SECRET, String(ts), signWebhook(SECRET, ts, body), Buffer.from(body))).toBe(true);
  });

  it('refuses another body, another secret, a missing header and a stale timestamp', () => {
    const ts = now();
    const signature = signWebhook(SECRET, ts, body);
    expect(verifyWebhookSignature(SECRET, String(ts), signature, body.replace('hello', 'hullo'))).toBe(false);
    expect(verifyWebhookSignature('another-secret-of-sufficient-length', String(ts), signature, body)).toBe(false);
    expect(verifyWebhookSignature(SECRET, undefined, signature, body)).toBe(false);
    expect(verifyWebhookSignature(SECRET, String(ts - 301), signWebhook(SECRET, ts - 301, body), body)).toBe(false);
  });
});
