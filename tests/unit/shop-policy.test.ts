import { DEFAULT_SHOP_POLICY, durationMs, shopPolicySchema } from '../../workflows/shop-policy';

describe('shop policy (M3, T2 defaults as data)', () => {
  test('defaults are the documented ones', () => {
    expect(DEFAULT_SHOP_POLICY).toEqual({
      timeZone: 'Asia/Shanghai',
      messages: {
        quietHours: { start: '22:00', end: '08:00' },
        capPerOrderPerDay: 3,
        defaultLocale: 'zh-CN',
        sms: { perPhoneAndTemplatePerDay: 50, sendWindow: { start: '08:00', end: '22:00' }, timeZone: 'Asia/Shanghai' },
      },
      tasks: { responseTarget: '2m', responseLimit: '30m' },
    });
  });

  test('a partial policy keeps the defaults of what it leaves out', () => {
    const policy = shopPolicySchema.parse({ messages: { quietHours: { start: '21:30' } } });
    expect(policy.messages.quietHours).toEqual({ start: '21:30', end: '08:00' });
    expect(policy.messages.capPerOrderPerDay).toBe(3);
  });

  test('every bad field is named by its path', () => {
    const result = shopPolicySchema.safeParse({ timeZone: 'Mars/Olympus', messages: { quietHours: { start: '25:00' }, capPerOrderPerDay: 0, bogus: 1 } });
    const fields = result.error!.issues.map((issue) => issue.path.join('.') || issue.code);
    expect(fields).toEqual(expect.arrayContaining(['timeZone', 'messages.quietHours.start', 'messages.capPerOrderPerDay', 'messages']));
  });

  test('durations read as minutes, hours and days', () => {
    expect([durationMs('2m'), durationMs('2h'), durationMs('7d')]).toEqual([120_000, 7_200_000, 604_800_000]);
  });
});
