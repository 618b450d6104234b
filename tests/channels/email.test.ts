import { createServer, type AddressInfo, type Server } from 'node:net';
import { PermanentDeliveryError, type OutgoingMessage } from '../../activities/messages/channels/channel';
import { createEmailChannel, emailConfigSchema } from '../../activities/messages/channels/email';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp-peer';
import { failureWithout } from '../helpers/delivery-failure';

const RECIPIENT = 'buyer@example.test';

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    idempotencyKey: 'order:shop-1:TB1001:cod-confirmation',
    shopId: 'shop-1',
    buyerId: 'buyer-1',
    recipient: RECIPIENT,
    template: 'cod-confirmation',
    locale: 'zh-CN',
    subject: '请确认您的货到付款订单 TB1001',
    text: '您好，请回复“确认”以确认订单 TB1001。',
    variables: { orderId: 'TB1001' },
    orderId: 'TB1001',
    audience: 'buyer',
    ...overrides,
  };
}

const failureOf = (sending: Promise<unknown>) => failureWithout(sending, [RECIPIENT, 'TB1001']);

describe('email channel over SMTP (M1: one outbox, channels)', () => {
  let peer: SmtpPeer;
  const channel = () =>
    createEmailChannel(emailConfigSchema.parse({ host: '127.0.0.1', port: peer.port, from: 'shop@example.test' }));

  beforeEach(async () => {
    peer = await startSmtpPeer();
  });
  afterEach(async () => {
    await peer.close();
  });

  it('delivers subject, text and the headers a mailbox needs to recognise the message', async () => {
    const receipt = await channel().send(message());

    expect(peer.received).toHaveLength(1);
    const [mail] = peer.received;
    expect(mail).toMatchObject({
      from: 'shop@example.test',
      to: [RECIPIENT],
      subject: message().subject,
      text: message().text,
    });
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@example\.test>$/);
    expect(mail.headers['x-idempotency-key']).toBe(message().idempotencyKey);
    expect(mail.headers['content-language']).toBe('zh-CN');
    expect(receipt.providerMessageId).toBe(mail.messageId);
  });

  it('gives a retried message the same Message-ID and another message a different one', async () => {
    await channel().send(message());
    await channel().send(message());
    await channel().send(message({ idempotencyKey: 'order:shop-1:TB1002:cod-confirmation' }));

    const [first, retry, other] = peer.received.map((m) => m.messageId);
    expect(retry).toBe(first);
    expect(other).not.toBe(first);
  });

  it('takes a 451 as transient: the send throws an ordinary error and the next one arrives once', async () => {
    peer.failNext(1);
    const err = await failureOf(channel().send(message()));
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect(err.message).toContain('451');
    expect(peer.received).toHaveLength(0);

    await channel().send(message());
    expect(peer.received).toHaveLength(1);
  });

  it('takes a 550 as permanent', async () => {
    peer.rejectNext(1);
    const err = await failureOf(channel().send(message()));
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).code).toBe('SMTP_REJECTED_550');
    expect(peer.received).toHaveLength(0);
  });

  it('takes an address that cannot be put into an envelope as permanent', async () => {
    const err = await failureOf(channel().send(message({ recipient: '' })));
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).code).toBe('SMTP_INVALID_ADDRESS');
  });

  it('with requireTls refuses a server that offers no STARTTLS instead of sending in plain text', async () => {
    const config = emailConfigSchema.parse({
      host: '127.0.0.1',
      port: peer.port,
      from: 'shop@example.test',
      requireTls: true,
    });
    const err = await failureOf(createEmailChannel(config).send(message()));
    // A configuration fault, not the message's: transient, so it goes out once TLS works.
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect(err.message).toContain('STARTTLS');
    expect(peer.received).toHaveLength(0);
  });
});

async function listeningPort(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('email channel without a working server (M1: one outbox, channels)', () => {
  const configFor = (port: number) =>
    emailConfigSchema.parse({ host: '127.0.0.1', port, from: 'shop@example.test', timeoutMs: 300 });

  it('takes a refused connection as transient', async () => {
    const closed = createServer();
    const port = await listeningPort(closed);
    await new Promise((resolve) => closed.close(resolve));

    const err = await failureOf(createEmailChannel(configFor(port)).send(message()));
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect(err.message).toContain('ESOCKET');
  });

  it('gives up on a server that never greets after timeoutMs, as transient', async () => {
    const silent = createServer(() => {});
    try {
      const err = await failureOf(createEmailChannel(configFor(await listeningPort(silent))).send(message()));
      expect(err).not.toBeInstanceOf(PermanentDeliveryError);
      expect(err.message).toContain('timed out');
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
