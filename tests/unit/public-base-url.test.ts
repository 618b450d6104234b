// The deployment's public address (PUBLIC_BASE_URL) and the buyer's progress link built on it (A1).
import { loadEnv, publicBaseUrl } from '../../config/env';
import { DEFAULT_PUBLIC_BASE_URL, progressLink, returnAddressLine } from '../../activities/progress-link';
import { shopPolicySchema } from '../../activities/shop-policy-schema';

const DATABASE_URL = 'postgresql://localhost/x';

describe('PUBLIC_BASE_URL', () => {
  it('defaults to where the API listens: HOST and API_PORT, a wildcard host on loopback', () => {
    expect(publicBaseUrl(loadEnv({ DATABASE_URL }))).toBe('http://127.0.0.1:3000');
    expect(publicBaseUrl(loadEnv({ DATABASE_URL }))).toBe(DEFAULT_PUBLIC_BASE_URL);
    expect(publicBaseUrl(loadEnv({ DATABASE_URL, API_PORT: '8080' }))).toBe('http://127.0.0.1:8080');
    expect(publicBaseUrl(loadEnv({ DATABASE_URL, HOST: '0.0.0.0', API_PORT: '8080' }))).toBe('http://127.0.0.1:8080');
    expect(publicBaseUrl(loadEnv({ DATABASE_URL, HOST: '::', API_PORT: '8080' }))).toBe('http://[::1]:8080');
    expect(publicBaseUrl(loadEnv({ DATABASE_URL, HOST: 'api.internal' }))).toBe('http://api.internal:3000');
  });

  it('is taken as given, without a trailing slash, and must be http(s)', () => {
    expect(
      publicBaseUrl(loadEnv({ DATABASE_URL, PUBLIC_BASE_URL: 'https://shop.example.cn/', API_PORT: '8080' })),
    ).toBe('https://shop.example.cn');
    expect(() => loadEnv({ DATABASE_URL, PUBLIC_BASE_URL: 'ftp://shop.example.cn' })).toThrow(/PUBLIC_BASE_URL/);
  });
});

describe("the buyer's progress link (A1)", () => {
  const link = (cases: object) =>
    progressLink(shopPolicySchema.parse({ cases }), 'https://shop.example.cn', 'shop-1', 'RMA-1', 'tok');

  it("is the deployment's page unless the shop set its own; a stored old default counts as unset", () => {
    expect(link({})).toBe('https://shop.example.cn/cases/shop-1/RMA-1/progress?token=tok');
    expect(link({ progressPageUrl: 'http://localhost:3000/cases' })).toBe(
      'https://shop.example.cn/cases/shop-1/RMA-1/progress?token=tok',
    );
    expect(link({ progressPageUrl: 'https://m.shop.cn/as/' })).toBe(
      'https://m.shop.cn/as/shop-1/RMA-1/progress?token=tok',
    );
  });

  it("puts the shop's return address on one line, or nothing when it has none (A4)", () => {
    const policy = (returnAddress: object) => shopPolicySchema.parse({ cases: { returnAddress } });
    expect(returnAddressLine(policy({}), 'zh-CN')).toBeNull();
    expect(returnAddressLine(policy({ address: '杭州市文一西路969号' }), 'zh-CN')).toBe('杭州市文一西路969号');
    expect(
      returnAddressLine(policy({ address: '杭州市文一西路969号', name: '售后组', phone: '0571-88886666' }), 'zh-CN'),
    ).toBe('杭州市文一西路969号（售后组 0571-88886666）');
    expect(returnAddressLine(policy({ address: '969 Wenyi W Rd', phone: '0571-88886666' }), 'en')).toBe(
      '969 Wenyi W Rd (0571-88886666)',
    );
  });
});
