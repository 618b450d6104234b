import { DEFAULT_SHOP_POLICY, shopPolicySchema } from '../../activities/shop-policy-schema';
import { durationMs, humanDuration } from '../../workflows/shop-policy';

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
      orders: {
        notifyChannel: 'WEBHOOK',
        payment: {
          cutoffReminderBefore: '1h',
          cutoffReminderMinAge: '30m',
          unpaidReminderAfter: '12h',
          maxReminders: 2,
          chaseAfter: '24h',
          autoCloseAfter: '72h',
        },
        duplicates: { window: '30m', confirmWithin: '2h' },
        cashOnDelivery: { confirmWithin: '2h', callAttempts: 3 },
        address: { replyWithin: '2h', defaultCourier: '中通快递' },
        stock: { resolveWithin: '2h' },
        shipping: {
          cutoff: '16:30',
          escalateAfter: '24h',
          apologiseAfter: '48h',
          compensation: { percent: 5, min: '5.00', max: '30.00' },
        },
        tracking: { noScanAfter: '3d', followUpWithin: '24h' },
        receipt: { autoConfirmAfter: '10d', reviewWindow: '15d' },
        reviews: {
          repairRatings: ['neutral', 'negative'],
          repairWithin: '7d',
          changeWindow: '30d',
          changeable: true,
          appealWithin: '3d',
        },
        tiers: { callInsteadOfMessage: ['VIP'], callWithin: '2h' },
      },
      cases: {
        notifyChannel: 'WEBHOOK',
        progressPageUrl: '',
        returnAddress: { name: '', phone: '', address: '' },
        firstResponseWithin: '2h',
        decideBeforeShipmentWithin: '48h',
        decideAfterShipmentWithin: '5d',
        autoApprove: { refundUpTo: '0.00', tiers: [] },
        supervisorApprovalAbove: '200.00',
        returnWithin: '7d',
        receiptWithin: '10d',
        noReasonReturnWindow: '7d',
        inspectWithin: '12h',
        refundWithin: '24h',
        refundAttempts: 5,
        shipReplacementWithin: '48h',
        compensation: {
          lost_parcel: { offer: 'REISSUE' },
          damaged_parcel: { offer: 'REISSUE' },
          returned_parcel: { offer: 'REISSUE' },
          missing_item: { offer: 'REISSUE' },
          wrong_item: { offer: 'REISSUE' },
          late_delivery: { offer: 'COUPON', percent: 5, min: '5.00', max: '30.00' },
          quality_defect: { offer: 'PARTIAL_REFUND', percent: 20, min: '5.00', max: '200.00' },
          not_as_described: { offer: 'PARTIAL_REFUND', percent: 10, min: '5.00', max: '100.00' },
          service_attitude: { offer: 'COUPON', percent: 5, min: '10.00', max: '20.00' },
        },
      },
      privacy: { erasePersonalDataAfter: '365d' },
    });
  });

  test('a shop rule cannot approve more than a supervisor must approve (A3)', () => {
    const result = shopPolicySchema.safeParse({
      cases: { autoApprove: { refundUpTo: '300' }, supervisorApprovalAbove: '200' },
    });
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['cases.autoApprove.refundUpTo']);
    expect(
      shopPolicySchema.parse({ cases: { autoApprove: { refundUpTo: '300' }, supervisorApprovalAbove: '300' } }).cases
        .autoApprove.refundUpTo,
    ).toBe('300');
  });

  test('O1-O13 settings are validated and named by their path', () => {
    const result = shopPolicySchema.safeParse({
      orders: {
        shipping: { cutoff: '4:30pm', compensation: { percent: 120 } },
        payment: { maxReminders: 5 },
        notifyChannel: 'FAX',
      },
    });
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining([
        'orders.shipping.cutoff',
        'orders.shipping.compensation.percent',
        'orders.payment.maxReminders',
        'orders.notifyChannel',
      ]),
    );
  });

  test('A1-A7 settings are validated and named by their path', () => {
    const result = shopPolicySchema.safeParse({
      cases: {
        returnWithin: '7 days',
        refundAttempts: 0,
        progressPageUrl: 'ftp://x',
        compensation: { lost_parcel: { offer: 'HUG' }, late_delivery: { offer: 'COUPON' } },
      },
    });
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining([
        'cases.returnWithin',
        'cases.refundAttempts',
        'cases.progressPageUrl',
        'cases.compensation.lost_parcel.offer',
        'cases.compensation.late_delivery.percent',
      ]),
    );
  });

  test('durations read the way buyers read them', () => {
    expect([humanDuration('2h', 'zh-CN'), humanDuration('2h', 'en'), humanDuration('1d', 'en')]).toEqual([
      '2小时',
      '2 hours',
      '1 day',
    ]);
    expect([humanDuration('30s', 'zh-CN'), humanDuration('30s', 'en'), humanDuration('1s', 'en')]).toEqual([
      '30秒',
      '30 seconds',
      '1 second',
    ]);
  });

  test("the shop's and the platform's timers go down to one second", () => {
    const policy = shopPolicySchema.parse({
      tasks: { responseTarget: '1s' },
      orders: { address: { replyWithin: '5s' }, receipt: { autoConfirmAfter: '30s', reviewWindow: '30s' } },
      cases: { refundWithin: '20s', decideBeforeShipmentWithin: '45s' },
    });
    expect([
      policy.tasks.responseTarget,
      policy.orders.address.replyWithin,
      policy.orders.receipt.autoConfirmAfter,
      policy.cases.refundWithin,
    ]).toEqual(['1s', '5s', '30s', '20s']);
  });

  test('a window the buyer acts in, a reminder and the erasure stay at least a minute', () => {
    const result = shopPolicySchema.safeParse({
      orders: { payment: { autoCloseAfter: '1s', unpaidReminderAfter: '59s' }, reviews: { changeWindow: '30s' } },
      cases: { returnWithin: '10s', noReasonReturnWindow: '1s' },
      privacy: { erasePersonalDataAfter: '1s' },
    });
    expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['orders.payment.unpaidReminderAfter', 'at least 1m'],
      ['orders.payment.autoCloseAfter', 'at least 1m'],
      ['orders.reviews.changeWindow', 'at least 1m'],
      ['cases.returnWithin', 'at least 1m'],
      ['cases.noReasonReturnWindow', 'at least 1m'],
      ['privacy.erasePersonalDataAfter', 'at least 1m'],
    ]);
    expect(
      shopPolicySchema.parse({ orders: { payment: { autoCloseAfter: '60s' } } }).orders.payment.autoCloseAfter,
    ).toBe('60s');
  });

  test('a duration that is no whole number of a unit is refused once, by its format', () => {
    const result = shopPolicySchema.safeParse({
      tasks: { responseTarget: '0s', responseLimit: '1.5m' },
      orders: { stock: { resolveWithin: '2w' } },
    });
    expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['tasks.responseTarget', 'invalid_format'],
      ['tasks.responseLimit', 'invalid_format'],
      ['orders.stock.resolveWithin', 'invalid_format'],
    ]);
  });

  test('a partial policy keeps the defaults of what it leaves out', () => {
    const policy = shopPolicySchema.parse({ messages: { quietHours: { start: '21:30' } } });
    expect(policy.messages.quietHours).toEqual({ start: '21:30', end: '08:00' });
    expect(policy.messages.capPerOrderPerDay).toBe(3);
  });

  test('every bad field is named by its path', () => {
    const result = shopPolicySchema.safeParse({
      timeZone: 'Mars/Olympus',
      messages: { quietHours: { start: '25:00' }, capPerOrderPerDay: 0, bogus: 1 },
    });
    const fields = result.error!.issues.map((issue) => issue.path.join('.') || issue.code);
    expect(fields).toEqual(
      expect.arrayContaining(['timeZone', 'messages.quietHours.start', 'messages.capPerOrderPerDay', 'messages']),
    );
  });

  test('durations read as seconds, minutes, hours and days', () => {
    expect([durationMs('30s'), durationMs('2m'), durationMs('2h'), durationMs('7d')]).toEqual([
      30_000, 120_000, 7_200_000, 604_800_000,
    ]);
  });
});
