// The seller's session key, renewed with the refresh token at TOP's token endpoint shortly before it
// expires, and once when TOP says it is invalid (revoked or expired early); the new key and refresh
// token are kept through saveSettings at once. Without a refresh token, or one TOP refuses, the
// seller must authorise the app again: refused, for a person.
import { PlatformCredentialsError } from '../../connectors/connector';
import { taobaoConnector } from '../../connectors/taobao';
import { connectShop, runTopPeerDuringTests, sampleTrade, SELLER, TID } from '../helpers/top-peer';

const peer = runTopPeerDuringTests();

async function mapPaid(shop: ReturnType<typeof connectShop>) {
  peer.publish('taobao_trade_TradeBuyerPay', { tid: TID, seller_nick: SELLER });
  const { messages } = await taobaoConnector.pull!(shop);
  return taobaoConnector.map(shop, messages[0]);
}

beforeEach(() => peer.trades.set(TID, sampleTrade()));

test('a key expiring in five minutes is renewed before the call, the new key and refresh token kept, the call made with the new key', async () => {
  const shop = connectShop(peer, {}, 5 * 60 * 1000);
  const old = shop.settings;
  expect(await mapPaid(shop)).toMatchObject({ kind: 'apply' });
  expect(peer.tokenRefreshes).toBe(1);
  expect(shop.saved).toHaveLength(1);
  const renewed = shop.saved[0];
  expect(renewed.sessionKey).not.toBe(old.sessionKey);
  expect(renewed.refreshToken).not.toBe(old.refreshToken);
  expect(Date.parse(renewed.sessionExpiresAt!)).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
  expect(peer.calls.find((c) => c.method === 'taobao.trade.fullinfo.get')?.params.session).toBe(renewed.sessionKey);
});

test('a key with hours left is used as it is', async () => {
  const shop = connectShop(peer);
  await mapPaid(shop);
  expect(peer.tokenRefreshes).toBe(0);
  expect(shop.saved).toEqual([]);
});

test('a key TOP calls invalid (27 invalid-sessionkey) is renewed once and the call tried again', async () => {
  const shop = connectShop(peer);
  peer.invalidateSession(shop.settings.sessionKey);
  expect(await mapPaid(shop)).toMatchObject({ kind: 'apply', actions: [{ event: { type: 'paid' } }] });
  expect(peer.tokenRefreshes).toBe(1);
  expect(peer.errors.map((e) => e.sub_code)).toEqual(['invalid-sessionkey']);
  expect(peer.calls.filter((c) => c.method === 'taobao.trade.fullinfo.get')).toHaveLength(1);
});

test('no refresh token, or one TOP refuses: the seller must authorise again, and what waits keeps waiting', async () => {
  const withoutRefresh = connectShop(peer, { refreshToken: undefined });
  peer.invalidateSession(withoutRefresh.settings.sessionKey);
  await expect(mapPaid(withoutRefresh)).rejects.toThrow(PlatformCredentialsError);

  const spent = connectShop(peer, { refreshToken: 'a-refresh-token-TOP-never-gave' }, 60 * 1000);
  const err = await mapPaid(spent).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PlatformCredentialsError);
  expect((err as Error).message).toBe(
    'TOP refused to renew the session key (invalid_grant): the seller must authorise the app again',
  );
  expect(spent.saved).toEqual([]);
});
