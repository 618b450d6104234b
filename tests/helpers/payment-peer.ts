// One real local payment gateway per test file, configured as the shop's the way the API stores
// it (secret sealed). Before each test both are put back: the peer forgets its refunds and
// anything programmed, and the shop's gateway row points at it again, whatever a test changed.
import type { PrismaClient } from '../../activities/prisma-client';
import { sealSecret } from '../../config/secret-box';
import { PaymentPeer } from '../peers/payment-peer';

export const PAYMENT_GATEWAY_SECRET = 'shop-payment-gateway-secret-0123456789';

/** Starts the peer for a test file and points `shopId`'s gateway at it, with a short timeout (default 1 s). */
export function runPaymentPeerDuringTests(
  t: { prisma: PrismaClient },
  shopId: string,
  options: { timeoutMs?: number } = {},
): PaymentPeer {
  const peer = new PaymentPeer(PAYMENT_GATEWAY_SECRET);
  beforeAll(() => peer.listen());
  beforeEach(async () => {
    peer.reset();
    await configureShopPaymentGateway(t.prisma, shopId, peer, options.timeoutMs ?? 1000);
  });
  afterAll(() => peer.close());
  return peer;
}

export async function configureShopPaymentGateway(
  prisma: PrismaClient,
  shopId: string,
  peer: PaymentPeer,
  timeoutMs = 1000,
): Promise<void> {
  const gateway = { url: peer.url, secret: sealSecret(peer.secret), timeoutMs };
  await prisma.shopPaymentGateway.upsert({ where: { shopId }, create: { shopId, ...gateway }, update: gateway });
}
