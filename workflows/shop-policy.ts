// A shop's policy: every duration, cut-off and limit of ../shared/domain.md as a setting with the
// documented default, validated here and nowhere else. Read and changed through the API
// (GET/PUT /shops/:shopId/policy); fields left out of a PUT take their defaults.
import { z } from 'zod';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, e.g. 22:00');
const duration = z.string().regex(/^[1-9]\d*(m|h|d)$/, 'a duration as a whole number of minutes, hours or days, e.g. 30m, 2h, 7d');
const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'an IANA time zone, e.g. Asia/Shanghai' },
);
const dailyWindow = (start: string, end: string) => z.strictObject({ start: timeOfDay.default(start), end: timeOfDay.default(end) }).prefault({});

export const shopPolicySchema = z.strictObject({
    /** The shop's clock: quiet hours, cut-offs and daily caps are in it. */
    timeZone: timeZone.default('Asia/Shanghai'),
    messages: z.strictObject({
        /** M3: nothing reaches a buyer inside them; a held message goes out when they end. */
        quietHours: dailyWindow('22:00', '08:00'),
        /** M3: messages one order may send a buyer in one of the shop's days. */
        capPerOrderPerDay: z.int().min(1).max(20).default(3),
        /** M2: the language of messages when a step names none. */
        defaultLocale: z.enum(LOCALES).default('zh-CN'),
        /** M3: Alibaba Cloud SMS's own limits; the provider's clock is China's. */
        sms: z.strictObject({
            perPhoneAndTemplatePerDay: z.int().min(1).max(50).default(50),
            sendWindow: dailyWindow('08:00', '22:00'),
            timeZone: timeZone.default('Asia/Shanghai'),
          })
          .prefault({}),
      })
      .prefault({}),
    tasks: z.strictObject({
        /** T2: the reply target agents' task latency is measured against. */
        responseTarget: duration.default('2m'),
        /** T2: never leave a buyer longer than this. */
        responseLimit: duration.default('30m'),
      })
      .prefault({}),
  });

export type ShopPolicy = z.output<typeof shopPolicySchema>;
export type ShopPolicyInput = z.input<typeof shopPolicySchema>;

export const DEFAULT_SHOP_POLICY: ShopPolicy = shopPolicySchema.parse({});

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A policy duration ("2h") in milliseconds. */
export function durationMs(value: string): number {
  return Number(value.slice(0, -1)) * UNIT_MS[value.slice(-1) as keyof typeof UNIT_MS];
}
