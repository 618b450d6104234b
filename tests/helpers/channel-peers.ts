// One real local peer per channel (SMTP, Alibaba SMS over HTTP, signed webhook), configured as a
// shop's channels the way the API stores them (secrets sealed).
import { sealChannelSecrets, type MessageChannel } from '../../activities/messages/channels';
import type { PrismaClient } from '../../activities/prisma-client';
import { startAlibabaSmsPeer, type AlibabaSmsPeer } from '../peers/alibaba-sms-peer';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp-peer';
import { startWebhookPeer, type WebhookPeer } from '../peers/webhook-peer';
import type { WorkerHarness } from './worker-harness';

export interface ChannelPeers {
  smtp: SmtpPeer;
  sms: AlibabaSmsPeer;
  webhook: WebhookPeer;
}

export const SMS_ACCOUNT = { accessKeyId: 'LTAI-test-key', accessKeySecret: 'test-access-key-secret' };
export const WEBHOOK_SECRET = 'shop-webhook-secret-0123456789';

/** Starts the peers for a test file and points `shopId`'s channels at them; the object is filled before the tests run. */
export function runChannelPeersDuringTests(t: WorkerHarness, shopId: string): ChannelPeers {
  const peers = {} as ChannelPeers;
  beforeAll(async () => {
    [peers.smtp, peers.sms, peers.webhook] = await Promise.all([
      startSmtpPeer(),
      startAlibabaSmsPeer(SMS_ACCOUNT),
      startWebhookPeer(WEBHOOK_SECRET),
    ]);
    await configureShopChannels(t.prisma, shopId, peers);
  });
  afterAll(() => Promise.all([peers.smtp?.close(), peers.sms?.close(), peers.webhook?.close()]));
  return peers;
}

/** Points the shop's three channels at the peers, their secrets sealed. */
export async function configureShopChannels(prisma: PrismaClient, shopId: string, peers: ChannelPeers): Promise<void> {
  const configs = {
    EMAIL: { host: '127.0.0.1', port: peers.smtp.port, from: 'service@shop.example.test' },
    SMS: {
      endpoint: peers.sms.url,
      ...SMS_ACCOUNT,
      signName: '测试小店',
      templateCodes: { payment_reminder: 'SMS_200001', shipment_notice: 'SMS_200002' },
    },
    WEBHOOK: { url: peers.webhook.url, secret: WEBHOOK_SECRET },
  } as const;
  await prisma.shopChannel.createMany({
    data: Object.entries(configs).map(([channel, config]) => ({
      shopId,
      channel: channel as MessageChannel,
      config: sealChannelSecrets(channel as MessageChannel, config),
    })),
  });
}
