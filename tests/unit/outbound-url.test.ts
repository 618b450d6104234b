// The outbound URL guard: shop-configured URLs reach only public https addresses, except hosts the
// deployment lists in OUTBOUND_ALLOWED_HOSTS.
import { loadEnv } from '../../config/env';
import { channelConfigSchema } from '../../activities/messages/channels';
import {
  outboundUrlProblem,
  outboundUrlRefusal,
  outboundUrlSchema,
  type LookupAll,
} from '../../activities/outbound-url';

const NONE: readonly string[] = [];

describe('outboundUrlProblem (configuration time)', () => {
  it.each([
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://127.8.9.10/hook', 'loopback'],
    ['https://10.1.2.3/hook', 'private'],
    ['https://172.16.0.1/hook', 'private'],
    ['https://192.168.1.1/hook', 'private'],
    ['https://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['https://100.64.0.1/hook', 'carrierGradeNat'],
    ['https://224.0.0.1/hook', 'multicast'],
    ['https://0.0.0.0/hook', 'unspecified'],
    ['https://255.255.255.255/hook', 'broadcast'],
    ['https://192.0.2.1/hook', 'reserved'],
    ['https://[::1]/hook', 'loopback'],
    ['https://[::]/hook', 'unspecified'],
    ['https://[fe80::1]/hook', 'linkLocal'],
    ['https://[fd00::1]/hook', 'uniqueLocal'],
    ['https://[ff02::1]/hook', 'multicast'],
    ['https://[64:ff9b::7f00:1]/hook', 'rfc6052'],
  ])('refuses %s as %s', (url, range) => {
    expect(outboundUrlProblem(url, NONE)).toContain(`not a public address (${range})`);
  });

  it('judges an IPv4-mapped IPv6 address as the IPv4 address it maps', () => {
    expect(outboundUrlProblem('https://[::ffff:127.0.0.1]/hook', NONE)).toContain('(loopback)');
    expect(outboundUrlProblem('https://[::ffff:10.0.0.1]/hook', NONE)).toContain('(private)');
  });

  it('sees through the spellings of an address the URL parser normalises (hex, a single number)', () => {
    expect(outboundUrlProblem('https://0x7f.1/hook', NONE)).toContain('(loopback)');
    expect(outboundUrlProblem('https://2130706433/hook', NONE)).toContain('(loopback)');
  });

  it.each([
    'https://localhost/hook',
    'https://LOCALHOST./hook',
    'https://api.localhost/hook',
    'https://db/hook',
    'https://printer.local/hook',
    'https://pay.internal/hook',
    'https://nas.home.arpa/hook',
  ])('refuses the local name in %s', (url) => {
    expect(outboundUrlProblem(url, NONE)).toBeDefined();
  });

  it('wants https for everything not allowlisted, and an http(s) URL at all', () => {
    expect(outboundUrlProblem('http://hooks.example.com/x', NONE)).toContain('must use https');
    expect(outboundUrlProblem('ftp://hooks.example.com/x', NONE)).toBe('must be an http(s) URL');
    expect(outboundUrlProblem('not a url', NONE)).toBe('must be an http(s) URL');
  });

  it('lets public https through', () => {
    expect(outboundUrlProblem('https://hooks.example.com/backoffice?token=abc', NONE)).toBeUndefined();
    expect(outboundUrlProblem('https://8.8.8.8/hook', NONE)).toBeUndefined();
    expect(outboundUrlProblem('https://[2001:4860:4860::8888]/hook', NONE)).toBeUndefined();
  });

  it('lets an allowlisted host be http and private, on any port or only the one listed', () => {
    expect(outboundUrlProblem('http://127.0.0.1:40123/hook', ['127.0.0.1'])).toBeUndefined();
    expect(outboundUrlProblem('http://pay.intra:8443/refunds', ['pay.intra:8443'])).toBeUndefined();
    expect(outboundUrlProblem('http://pay.intra:8444/refunds', ['pay.intra:8443'])).toContain('must use https');
    expect(outboundUrlProblem('https://gateway.corp/refunds', ['gateway.corp:443'])).toBeUndefined();
    expect(outboundUrlProblem('http://[::1]:8080/hook', ['[::1]:8080'])).toBeUndefined();
    // Allowing one private host allows no other.
    expect(outboundUrlProblem('http://127.0.0.2/hook', ['127.0.0.1'])).toContain('must use https');
    expect(outboundUrlProblem('https://127.0.0.2/hook', ['127.0.0.1'])).toContain('(loopback)');
  });

  it('never names the rest of the URL, whose path or query may hold a token', () => {
    expect(outboundUrlProblem('https://10.0.0.1/hook?token=s3cr3t', NONE)).not.toContain('s3cr3t');
  });
});

describe('outboundUrlSchema (the API’s request schemas)', () => {
  it('carries the problem as the field’s message', () => {
    const result = outboundUrlSchema(NONE).safeParse('https://127.0.0.1:5432/');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('(loopback)');
    expect(outboundUrlSchema(['127.0.0.1']).parse('http://127.0.0.1:5432/')).toBe('http://127.0.0.1:5432/');
  });
});

describe('channelConfigSchema (the API’s channel configurations)', () => {
  const webhook = { url: 'https://10.0.0.7/hook', secret: 'shop-webhook-secret-0123456789' };
  const sms = { accessKeyId: 'LTAI-key', accessKeySecret: 'secret', signName: '小店', templateCodes: {} };

  it('holds the webhook url and the SMS endpoint to the rule, naming the field', () => {
    expect(channelConfigSchema('WEBHOOK', NONE).safeParse(webhook).error?.issues).toEqual([
      expect.objectContaining({ path: ['url'], message: expect.stringContaining('(private)') }),
    ]);
    expect(
      channelConfigSchema('SMS', NONE).safeParse({ ...sms, endpoint: 'http://dysmsapi.aliyuncs.com' }).error?.issues,
    ).toEqual([expect.objectContaining({ path: ['endpoint'] })]);
  });

  it('takes what the channel’s own schema takes otherwise, defaults included', () => {
    expect(channelConfigSchema('WEBHOOK', ['10.0.0.7']).parse(webhook)).toEqual({ ...webhook, timeoutMs: 10_000 });
    expect(channelConfigSchema('SMS', NONE).parse(sms)).toMatchObject({ endpoint: 'https://dysmsapi.aliyuncs.com' });
    expect(
      channelConfigSchema('EMAIL', NONE).safeParse({ host: 'smtp.example.com', from: 'shop@example.com' }).success,
    ).toBe(true);
  });
});

describe('outboundUrlRefusal (send time)', () => {
  const resolvingTo =
    (...addresses: string[]): LookupAll =>
    () =>
      Promise.resolve(addresses.map((address) => ({ address })));

  it('refuses localhost, however the machine resolves it', async () => {
    expect(await outboundUrlRefusal('https://localhost/hook', NONE)).toBe('localhost is this machine');
  });

  it('refuses a public-looking name that resolves to a private address (DNS rebinding)', async () => {
    expect(await outboundUrlRefusal('https://hooks.example.com/x', NONE, resolvingTo('127.0.0.1'))).toBe(
      'hooks.example.com resolves to 127.0.0.1, which is not a public address (loopback)',
    );
    expect(
      await outboundUrlRefusal('https://hooks.example.com/x', NONE, resolvingTo('93.184.215.14', '10.0.0.5')),
    ).toContain('resolves to 10.0.0.5');
    expect(
      await outboundUrlRefusal('https://hooks.example.com/x', NONE, resolvingTo('::ffff:169.254.169.254')),
    ).toContain('(linkLocal)');
  });

  it('lets a name through that resolves to public addresses only, or not at all (the request then fails as unreachable)', async () => {
    expect(
      await outboundUrlRefusal(
        'https://hooks.example.com/x',
        NONE,
        resolvingTo('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'),
      ),
    ).toBeUndefined();
    const failing: LookupAll = () =>
      Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    expect(await outboundUrlRefusal('https://gone.example.com/x', NONE, failing)).toBeUndefined();
  });

  it('does not resolve an allowlisted host: the deployment named it, private address and all', async () => {
    const lookup = jest.fn(resolvingTo('10.0.0.5'));
    expect(await outboundUrlRefusal('http://pay.intra/refunds', ['pay.intra'], lookup)).toBeUndefined();
    expect(lookup).not.toHaveBeenCalled();
  });
});

describe('OUTBOUND_ALLOWED_HOSTS', () => {
  const env = (value?: string) =>
    loadEnv({
      DATABASE_URL: 'postgresql://localhost/x',
      ...(value === undefined ? {} : { OUTBOUND_ALLOWED_HOSTS: value }),
    });

  it('is a comma-separated list of hosts and host:port entries, empty by default', () => {
    expect(env().OUTBOUND_ALLOWED_HOSTS).toEqual([]);
    expect(env(' Pay.Intra:8443, 127.0.0.1 ,,[::1]:8080').OUTBOUND_ALLOWED_HOSTS).toEqual([
      'pay.intra:8443',
      '127.0.0.1',
      '[::1]:8080',
    ]);
  });

  it('refuses an entry that is a URL rather than a host', () => {
    expect(() => env('https://pay.intra/')).toThrow(/OUTBOUND_ALLOWED_HOSTS.*host names or host:port/);
  });
});
