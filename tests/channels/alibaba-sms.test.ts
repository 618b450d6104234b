import {
  alibabaSmsConfigSchema,
  createAlibabaSmsChannel,
  signRpcRequest,
} from '../../activities/messages/channels/alibaba-sms';
import { TEST_ALLOWED_HOSTS } from '../helpers/outbound';
import { OutgoingMessage, PermanentDeliveryError } from '../../activities/messages/channels/channel';
import { AlibabaSmsPeer, startAlibabaSmsPeer } from '../peers/alibaba-sms-peer';

const ACCESS_KEY_ID = 'LTAI-test-key';
const ACCESS_KEY_SECRET = 'test-secret';
const PHONE = '13900001234';

function smsMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    idempotencyKey: 'order:shop-1:TB1001:shipped',
    shopId: 'shop-1',
    buyerId: 'buyer-1',
    recipient: PHONE,
    template: 'order-shipped',
    locale: 'zh-CN',
    subject: '',
    text: 'Your order TB1001 has shipped',
    // Characters that Alibaba's encoding treats differently from form encoding.
    variables: { order: 'TB1001', carrier: '顺丰 Express', note: "a+b*c~d&e=f (it's)" },
    orderId: 'TB1001',
    audience: 'buyer',
    ...overrides,
  };
}

function channelFor(peer: AlibabaSmsPeer, overrides: Partial<{ accessKeyId: string; accessKeySecret: string }> = {}) {
  return createAlibabaSmsChannel(
    alibabaSmsConfigSchema.parse({
      endpoint: peer.url,
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      signName: '小店测试',
      templateCodes: { 'order-shipped': 'SMS_123456' },
      ...overrides,
    }),
    TEST_ALLOWED_HOSTS,
  );
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected the send to fail');
}

describe('Alibaba Cloud SMS channel (M1)', () => {
  let peer: AlibabaSmsPeer;

  beforeEach(async () => {
    peer = await startAlibabaSmsPeer({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
  });

  afterEach(async () => {
    await peer.close();
  });

  it("signs with RPC signature V1 exactly as Alibaba's SMS documentation's worked example", () => {
    // Alibaba Cloud SMS, "HTTP protocol and signature" (help.aliyun.com document 56189): the
    // SendSms request signed with AccessKey secret testSecret.
    const documented = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(signRpcRequest('GET', documented, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('fills in Alibaba defaults for the endpoint, region and timeout', () => {
    const config = alibabaSmsConfigSchema.parse({
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      signName: 'shop',
      templateCodes: {},
    });
    expect(config).toMatchObject({
      endpoint: 'https://dysmsapi.aliyuncs.com',
      regionId: 'cn-hangzhou',
      timeoutMs: 10_000,
    });
  });

  it('M1: delivers an SMS that the peer verifies, with number, sign name, template code, variables and OutId', async () => {
    const message = smsMessage();
    const receipt = await channelFor(peer).send(message);

    expect(peer.received).toEqual([
      {
        phoneNumbers: PHONE,
        signName: '小店测试',
        templateCode: 'SMS_123456',
        templateParam: message.variables,
        outId: message.idempotencyKey,
        bizId: receipt.providerMessageId,
      },
    ]);
  });

  it('sends each request with a fresh nonce, so two messages in a row are both accepted', async () => {
    const channel = channelFor(peer);
    await channel.send(smsMessage());
    await channel.send(smsMessage({ idempotencyKey: 'order:shop-1:TB1002:shipped' }));
    expect(peer.received).toHaveLength(2);
  });

  it('turns an idempotency key too long for OutId into the same short OutId on every attempt', async () => {
    const channel = channelFor(peer);
    const message = smsMessage({ idempotencyKey: `order:shop-1:${'x'.repeat(100)}:shipped` });
    await channel.send(message);
    await channel.send(message);

    const [first, second] = peer.received.map((sms) => sms.outId);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toBe(first);
  });

  it('takes a wrong AccessKey secret, refused by the peer with SignatureDoesNotMatch, as permanent without naming the number', async () => {
    const error = await failureOf(channelFor(peer, { accessKeySecret: 'not-the-secret' }).send(smsMessage()));

    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(error.message).toContain('HTTP 400');
    expect(error.message).not.toContain(PHONE);
    expect(peer.received).toEqual([]);
  });

  it('takes an unknown AccessKey ID as permanent', async () => {
    await expect(channelFor(peer, { accessKeyId: 'LTAI-unknown' }).send(smsMessage())).rejects.toMatchObject({
      name: 'PermanentDeliveryError',
      code: 'InvalidAccessKeyId.NotFound',
    });
  });

  it('refuses a template without a registered Alibaba template code before calling Alibaba', async () => {
    const channel = channelFor(peer);
    for (const template of ['order-delayed', 'constructor']) {
      await expect(channel.send(smsMessage({ template }))).rejects.toMatchObject({
        name: 'PermanentDeliveryError',
        code: 'SMS_TEMPLATE_NOT_REGISTERED',
      });
    }
    expect(peer.requests).toBe(0);
  });

  it('takes a number Alibaba calls illegal as permanent without naming the number', async () => {
    const error = await failureOf(channelFor(peer).send(smsMessage({ recipient: 'not-a-number' })));

    expect(error).toMatchObject({ name: 'PermanentDeliveryError', code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    expect(error.message).not.toContain('not-a-number');
  });

  it("M3: takes the provider's per-number daily limit (isv.BUSINESS_LIMIT_CONTROL) as permanent", async () => {
    peer.rejectNext('isv.BUSINESS_LIMIT_CONTROL');
    await expect(channelFor(peer).send(smsMessage())).rejects.toMatchObject({
      name: 'PermanentDeliveryError',
      code: 'isv.BUSINESS_LIMIT_CONTROL',
    });
    expect(peer.received).toEqual([]);
  });

  it.each(['server-error', 'throttled'] as const)(
    'throws a transient error on a peer %s, and the retry delivers exactly one SMS',
    async (how) => {
      const channel = channelFor(peer);
      peer.failNext(1, how);

      const error = await failureOf(channel.send(smsMessage()));
      expect(error).not.toBeInstanceOf(PermanentDeliveryError);
      expect(error.message).toMatch(
        how === 'server-error' ? /InternalError \(HTTP 500\)/ : /Throttling\.User \(HTTP 400\)/,
      );

      await channel.send(smsMessage());
      expect(peer.received).toHaveLength(1);
      expect(peer.requests).toBe(2);
    },
  );

  it('throws a transient error when Alibaba cannot be reached', async () => {
    const gone = await startAlibabaSmsPeer({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
    const channel = channelFor(gone);
    await gone.close();

    const error = await failureOf(channel.send(smsMessage()));
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toMatch(/failed without an answer \(TypeError: ECONNREFUSED\)/);
  });
});
