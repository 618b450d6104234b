import { localDay, nextLocalTime, windowEnd } from '../../workflows/shop-clock';

const quietHours = { start: '22:00', end: '08:00' };

describe('shop clock (M3 quiet hours in the shop time zone)', () => {
  test('a moment at 23:30 in Shanghai is held until 08:00 the next morning there', () => {
    const end = windowEnd(Date.parse('2026-11-22T15:30:00Z'), quietHours, 'Asia/Shanghai');
    expect(new Date(end!).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  test('a moment at 03:10:42 is held until 08:00 the same morning', () => {
    const end = windowEnd(Date.parse('2026-11-22T19:10:42.123Z'), quietHours, 'Asia/Shanghai');
    expect(new Date(end!).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  test('a moment at 13:00 is outside quiet hours; 08:00 sharp is outside, 22:00 sharp inside', () => {
    expect(windowEnd(Date.parse('2026-11-22T05:00:00Z'), quietHours, 'Asia/Shanghai')).toBeUndefined();
    expect(windowEnd(Date.parse('2026-11-23T00:00:00Z'), quietHours, 'Asia/Shanghai')).toBeUndefined();
    expect(windowEnd(Date.parse('2026-11-22T14:00:00Z'), quietHours, 'Asia/Shanghai')).toBe(
      Date.parse('2026-11-23T00:00:00Z'),
    );
  });

  test('a window that does not wrap midnight', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(windowEnd(Date.parse('2026-11-22T04:15:00Z'), lunch, 'Asia/Shanghai')).toBe(
      Date.parse('2026-11-22T05:30:00Z'),
    );
  });

  test('the local time is found across a daylight-saving change', () => {
    // New York springs forward on 2026-03-08 at 02:00; 08:00 that day is 12:00 UTC, not 13:00.
    expect(new Date(nextLocalTime(Date.parse('2026-03-08T06:30:00Z'), '08:00', 'America/New_York')).toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
  });

  test('a time the clock jumps over that night is read on the new offset, never before the moment asked about', () => {
    // 02:30 does not exist in New York on 2026-03-08: 02:00 EST is followed by 03:00 EDT.
    const end = nextLocalTime(Date.parse('2026-03-08T05:00:00Z'), '02:30', 'America/New_York');
    expect(end).toBeGreaterThan(Date.parse('2026-03-08T05:00:00Z'));
    expect(new Date(end).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  test('the shop day runs from local midnight to local midnight', () => {
    const day = localDay(Date.parse('2026-11-22T15:30:00Z'), 'Asia/Shanghai');
    expect(new Date(day.start).toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(new Date(day.end).toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });
});
