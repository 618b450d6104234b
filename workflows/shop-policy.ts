// A shop's policy as workflows read it: its vocabularies and its durations. The schema that
// validates a policy and gives its defaults is activities/shop-policy-schema.ts, outside the workflow
// bundle: every new workflow runs the bundle's modules again, and building zod schemas there was
// most of what a workflow cost before it did anything (issue 13).
export type { ShopPolicy } from '../activities/shop-policy-schema';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const MESSAGE_CHANNELS = ['EMAIL', 'SMS', 'WEBHOOK'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const REVIEW_RATINGS = ['positive', 'neutral', 'negative'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];

/** A6: what a situation earns the buyer. */
export const COMPENSATION_OFFERS = ['COUPON', 'PARTIAL_REFUND', 'REISSUE'] as const;
export type CompensationOffer = (typeof COMPENSATION_OFFERS)[number];

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type DurationUnit = keyof typeof UNIT_MS;

/** A policy duration ("30s", "2h", "7d") in milliseconds. */
export function durationMs(value: string): number {
  return Number(value.slice(0, -1)) * UNIT_MS[value.slice(-1) as DurationUnit];
}

const UNIT_WORDS: Record<Locale, Record<DurationUnit, [string, string]>> = {
  'zh-CN': { s: ['秒', '秒'], m: ['分钟', '分钟'], h: ['小时', '小时'], d: ['天', '天'] },
  en: { s: [' second', ' seconds'], m: [' minute', ' minutes'], h: [' hour', ' hours'], d: [' day', ' days'] },
};

/** A policy duration as a buyer reads it: "2小时", "2 hours". */
export function humanDuration(value: string, locale: Locale): string {
  const count = Number(value.slice(0, -1));
  const [one, many] = UNIT_WORDS[locale][value.slice(-1) as DurationUnit];
  return `${count}${count === 1 ? one : many}`;
}
