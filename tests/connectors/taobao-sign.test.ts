// TOP's signature and common parameters: the connector's signer against vectors computed apart
// from it (Python's hashlib and hmac over the documented string), and the local TOP refusing what
// the real one refuses (a wrong signature, a timestamp outside its ten minutes, an app key it does not know).
import { createHash, createHmac } from 'node:crypto';
import { PlatformRefusedError } from '../../connectors/connector';
import { TopClient } from '../../connectors/taobao/client';
import { signedString, topSign, SIGN_METHODS } from '../../connectors/taobao/sign';
import { taobaoSettingsSchema } from '../../connectors/taobao/settings';
import { toTopTime } from '../../connectors/taobao/top-time';
import { TEST_ALLOWED_HOSTS } from '../helpers/outbound';
import { connectShop, runTopPeerDuringTests, TOP_APP } from '../helpers/top-peer';

const peer = runTopPeerDuringTests();

const PARAMS = {
  method: 'taobao.item.get',
  app_key: '12345678',
  timestamp: '2026-11-23 10:00:00',
  v: '2.0',
  format: 'json',
  fields: 'num_iid,title',
  num_iid: '123',
  session: '',
  sign: 'IGNORED',
};

describe('the signature', () => {
  test('sorted names and values, without sign and empty values, as TOP documents (bar2foo1foo_bar3foobar4)', () => {
    expect(signedString({ foo: '1', bar: '2', foo_bar: '3', foobar: '4' })).toBe('bar2foo1foo_bar3foobar4');
    expect(signedString({ ...PARAMS, sign_method: 'md5' })).toBe(
      'app_key12345678fieldsnum_iid,titleformatjsonmethodtaobao.item.getnum_iid123sign_methodmd5timestamp2026-11-23 10:00:00v2.0',
    );
  });

  test.each([
    ['md5', '1A53FF42EF38C3BE5B4AA64DFED8517B'],
    ['hmac', '9E1BB54ADC7EDC0C7DEBFDBA939E4C95'],
    ['hmac-sha256', '9115AA01C98238E4E9BF08340D0E508E338AAD1C53F27FA8522A2715D84658C4'],
  ] as const)('%s: upper-case hex, as computed apart', (method, expected) => {
    expect(topSign({ ...PARAMS, sign_method: method }, 'helloworld', method)).toBe(expected);
  });

  test('md5 wraps the string in the secret, hmac keys the MAC with it (node:crypto, not the signer)', () => {
    const text = signedString({ ...PARAMS, sign_method: 'x' });
    expect(topSign({ ...PARAMS, sign_method: 'x' }, 's3cret', 'md5')).toBe(
      createHash('md5').update(`s3cret${text}s3cret`).digest('hex').toUpperCase(),
    );
    expect(topSign({ ...PARAMS, sign_method: 'x' }, 's3cret', 'hmac')).toBe(
      createHmac('md5', 's3cret').update(text).digest('hex').toUpperCase(),
    );
    expect(topSign({ ...PARAMS, sign_method: 'x' }, 's3cret', 'hmac-sha256')).toBe(
      createHmac('sha256', 's3cret').update(text).digest('hex').toUpperCase(),
    );
  });

  test('the timestamp is Beijing time, GMT+8', () => {
    expect(toTopTime(new Date('2026-11-23T16:30:05Z'))).toBe('2026-11-24 00:30:05');
  });
});

describe('the local TOP checks what TOP checks', () => {
  test.each(SIGN_METHODS)('a call signed with %s is taken', async (signMethod) => {
    const shop = connectShop(peer, { signMethod });
    await new TopClient(shop).app('taobao.tmc.messages.consume', { quantity: '10' });
    expect(peer.calls.map((call) => call.params.sign_method)).toEqual([signMethod]);
    expect(peer.calls[0].params).toMatchObject({
      app_key: TOP_APP.appKey,
      v: '2.0',
      format: 'json',
      method: 'taobao.tmc.messages.consume',
    });
  });

  test('a call signed with another secret is refused (25), for good', async () => {
    const shop = connectShop(peer, { appSecret: 'another-secret-of-some-length' });
    await expect(new TopClient(shop).app('taobao.tmc.messages.consume', {})).rejects.toThrow(PlatformRefusedError);
    expect(peer.errors).toEqual([expect.objectContaining({ code: 25, msg: 'Invalid signature' })]);
    expect(peer.calls).toEqual([]);
  });

  test('an app key TOP does not know is refused (29)', async () => {
    const shop = connectShop(peer, { appKey: '99999999' });
    await expect(new TopClient(shop).app('taobao.tmc.messages.consume', {})).rejects.toThrow(
      'TOP error 29 Invalid App Key',
    );
  });

  test('a timestamp eleven minutes old is refused (31); the same call signed now is taken', async () => {
    const post = async (at: Date) => {
      const params: Record<string, string> = {
        method: 'taobao.tmc.messages.consume',
        app_key: TOP_APP.appKey,
        timestamp: toTopTime(at),
        v: '2.0',
        format: 'json',
        sign_method: 'hmac',
      };
      params.sign = topSign(params, TOP_APP.appSecret, 'hmac');
      const response = await fetch(peer.gatewayUrl, { method: 'POST', body: new URLSearchParams(params) });
      return (await response.json()) as Record<string, unknown>;
    };
    expect(await post(new Date(Date.now() - 11 * 60 * 1000))).toEqual({
      error_response: expect.objectContaining({ code: 31, msg: 'Invalid timestamp' }),
    });
    expect(await post(new Date())).toEqual({ tmc_messages_consume_response: {} });
  });

  test('a seller call without a valid session is refused (27 invalid-sessionkey), a missing parameter (40)', async () => {
    const shop = connectShop(peer, { refreshToken: undefined });
    peer.invalidateSession(shop.settings.sessionKey);
    await expect(new TopClient(shop).seller('taobao.trade.fullinfo.get', { tid: '1', fields: 'tid' })).rejects.toThrow(
      'invalid-sessionkey',
    );
    const fresh = connectShop(peer);
    await expect(new TopClient(fresh).seller('taobao.trade.fullinfo.get', { fields: 'tid' })).rejects.toThrow(
      'TOP error 40 Missing required arguments:tid',
    );
  });
});

describe('settings', () => {
  const schema = taobaoSettingsSchema(TEST_ALLOWED_HOSTS);
  const minimal = { appKey: TOP_APP.appKey, appSecret: TOP_APP.appSecret, sessionKey: 'k', sellerNick: 'n' };

  test('TOP’s https gateway and token endpoint, hmac and the default TMC group unless told otherwise', () => {
    expect(schema.parse(minimal)).toMatchObject({
      gatewayUrl: 'https://eco.taobao.com/router/rest',
      oauthUrl: 'https://oauth.taobao.com/token',
      signMethod: 'hmac',
      tmcGroup: 'default',
      sellerType: 'C',
      oaidDecryptScenes: [],
    });
  });

  test('a gateway on a private address not among the allowed hosts is refused', () => {
    const parsed = schema.safeParse({ ...minimal, gatewayUrl: 'http://10.0.0.5/router/rest' });
    expect(parsed.success).toBe(false);
  });
});
