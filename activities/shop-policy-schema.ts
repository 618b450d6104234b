// A shop's policy: every duration, cut-off and limit of ../shared/domain.md as a setting with the
// documented default, validated here and nowhere else. Read and changed through the API
// (GET/PUT /shops/:shopId/policy); fields left out of a PUT take their defaults. Workflows read
// the policy's type and vocabularies from workflows/shop-policy.ts and never load this module.
import { z } from 'zod';
import { COMPENSATION_OFFERS, durationMs, LOCALES, MESSAGE_CHANNELS, REVIEW_RATINGS } from '../workflows/shop-policy';

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, e.g. 22:00');
/**
 * A duration of at least `floor`. Floors stay at or below one minute, the smallest duration before
 * seconds existed, because stored policies are parsed again on every load. Timers that only hurry
 * the shop's people or the platform (task due times, auto-confirmations, the refund and reply
 * windows) go down to seconds, so a benchmark runs an order through without waiting days; a
 * window the buyer acts in (paying, returning, changing a review) and a reminder's pace do not.
 */
const duration = (floor: string) =>
  z
    .string()
    .regex(/^[1-9]\d*(s|m|h|d)$/, { message: 'a duration as a whole number of seconds, minutes, hours or days, e.g. 30s, 30m, 2h, 7d', abort: true })
    .refine((value) => durationMs(value) >= durationMs(floor), `at least ${floor}`)
    .describe(`A duration: a whole number of seconds (s), minutes (m), hours (h) or days (d), at least ${floor}`);
const shopPaced = duration('1s');
const buyerPaced = duration('1m');
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
/** O13: a buyer's tier as the shop names it. */
export const buyerTierSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a tier name such as VIP');
const yuan = z.string().regex(/^\d{1,6}(\.\d{1,2})?$/, 'an amount in yuan such as 5 or 30.00');

// The project's defaults (the handbooks give none): what was lost or wrong is sent again, a defect
// the buyer keeps is partly refunded, an unkind or slow service earns a coupon.
const DEFAULT_COMPENSATION = {
  lost_parcel: { offer: 'REISSUE' },
  damaged_parcel: { offer: 'REISSUE' },
  returned_parcel: { offer: 'REISSUE' },
  missing_item: { offer: 'REISSUE' },
  wrong_item: { offer: 'REISSUE' },
  late_delivery: { offer: 'COUPON', percent: 5, min: '5.00', max: '30.00' },
  quality_defect: { offer: 'PARTIAL_REFUND', percent: 20, min: '5.00', max: '200.00' },
  not_as_described: { offer: 'PARTIAL_REFUND', percent: 10, min: '5.00', max: '100.00' },
  service_attitude: { offer: 'COUPON', percent: 5, min: '10.00', max: '20.00' },
} as const;
// Every field has a default, so an absent section is the empty object (zod cannot see that through the generic).
const section = <T extends z.core.$ZodShape>(shape: T) => z.strictObject(shape).prefault({} as never);
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
        responseTarget: shopPaced.default('2m'),
        /** T2: never leave a buyer longer than this. */
        responseLimit: shopPaced.default('30m'),
      })
      .prefault({}),
    /**
     * The order rules (O1-O13). An order's workflow keeps the values it started with (a snapshot in
     * its input), so a change applies to orders placed from then on.
     */
    orders: section({
      /** How buyers are told about their order; the platform's chat is the shop's webhook. */
      notifyChannel: z.enum(MESSAGE_CHANNELS).default('WEBHOOK'),
      payment: section({
        /** O1: the afternoon reminder goes this long before the shipping cut-off ... */
        cutoffReminderBefore: buyerPaced.default('1h'),
        /** ... to orders placed at least this long before it (placed early enough that day). */
        cutoffReminderMinAge: buyerPaced.default('30m'),
        /** O1: the reminder to an order still unpaid this long after it was placed. */
        unpaidReminderAfter: buyerPaced.default('12h'),
        /** O1: payment reminders per order at most. */
        maxReminders: z.int().min(0).max(3).default(2),
        /** O2: an unpaid order's chase task enters the shared queue this long after placing. */
        chaseAfter: buyerPaced.default('24h'),
        /** O3: unpaid (or unconfirmed cash-on-delivery) orders close this long after placing. */
        autoCloseAfter: buyerPaced.default('72h'),
      }),
      /** O3: the same buyer ordering the same items within this window is a suspected duplicate. */
      duplicates: section({ window: shopPaced.default('30m'), confirmWithin: shopPaced.default('2h') }),
      /** O4: an agent calls a cash-on-delivery buyer within this; unreached, up to this many calls. */
      cashOnDelivery: section({ confirmWithin: shopPaced.default('2h'), callAttempts: z.int().min(1).max(5).default(3) }),
      /** O5: the buyer's reply about address and courier is awaited this long; then the default courier ships. */
      address: section({ replyWithin: shopPaced.default('2h'), defaultCourier: z.string().min(1).max(20).default('中通快递') }),
      /** O7: customer service settles an out-of-stock item within this. */
      stock: section({ resolveWithin: shopPaced.default('2h') }),
      /** O8: one batch a day; paid before the cut-off ships that day. */
      shipping: section({
        cutoff: timeOfDay.default('16:30'),
        escalateAfter: shopPaced.default('24h'),
        apologiseAfter: shopPaced.default('48h'),
        /** Taobao's late-shipment compensation: a share of the price within a floor and a ceiling. */
        compensation: section({ percent: z.number().min(0).max(100).default(5), min: yuan.default('5.00'), max: yuan.default('30.00') }),
      }),
      /** O10: a parcel with no new scan for this long is a problem parcel, followed up within followUpWithin. */
      tracking: section({ noScanAfter: shopPaced.default('3d'), followUpWithin: shopPaced.default('24h') }),
      /** O11: the platform confirms receipt this long after shipping; the buyer then has reviewWindow to review. */
      receipt: section({ autoConfirmAfter: shopPaced.default('10d'), reviewWindow: shopPaced.default('15d') }),
      /** O12: reviews that start a review-repair case (R1-R4). */
      reviews: section({
        repairRatings: z.array(z.enum(REVIEW_RATINGS)).default(['neutral', 'negative']),
        /** R2: the agent's repair is due within this, then escalated. */
        repairWithin: shopPaced.default('7d'),
        /** R3: how long after the review the buyer can still change it; false where reviews cannot change (Tmall). */
        changeWindow: buyerPaced.default('30d'),
        changeable: z.boolean().default(true),
        /** R4: the evidence for an appeal against a malicious review is collected within this. */
        appealWithin: shopPaced.default('3d'),
      }),
      /** O13: buyers of these tiers get a call from an agent instead of a payment-reminder message. */
      tiers: section({ callInsteadOfMessage: z.array(buyerTierSchema).max(20).default(['VIP']), callWithin: shopPaced.default('2h') }),
    }),
    /** The after-sales rules (A1-A7); a case keeps the values it opened with. */
    cases: section({
      /** How buyers are told about their case. */
      notifyChannel: z.enum(MESSAGE_CHANNELS).default('WEBHOOK'),
      /**
       * A1: where the buyer follows the case: `<this>/<shopId>/<caseId>/progress?token=…`. Empty (the
       * default): the API's own page under the deployment's PUBLIC_BASE_URL (activities/progress-link.ts).
       */
      progressPageUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(80)]).default(''),
      /** A4: where returns go, shown on the buyer's page and in the return instructions; empty: an agent sends it. */
      returnAddress: section({ name: z.string().trim().max(40).default(''), phone: z.string().trim().max(30).default(''), address: z.string().trim().max(200).default('') }),
      /** A2: an agent's first response is due within this, then the supervisor takes it. */
      firstResponseWithin: shopPaced.default('2h'),
      /** A3: the platform approves a request nobody decided on: this long for one before shipment, this long after. */
      decideBeforeShipmentWithin: shopPaced.default('48h'),
      decideAfterShipmentWithin: shopPaced.default('5d'),
      /** A3: requests the shop's rules approve at once (refunds up to an amount, buyers of these tiers). */
      autoApprove: section({ refundUpTo: yuan.default('0.00'), tiers: z.array(buyerTierSchema).max(20).default([]) }),
      /** A3/A5/A6: a refund or compensation above this needs a supervisor's approval; no shop rule approves more. */
      supervisorApprovalAbove: yuan.default('200.00'),
      /** A4: the buyer sends the item back within this; the seller confirms receipt within that, else the platform refunds. */
      returnWithin: buyerPaced.default('7d'),
      receiptWithin: shopPaced.default('10d'),
      /** A4: no-reason returns are open this long from the day after sign-for (Chinese e-commerce law). */
      noReasonReturnWindow: buyerPaced.default('7d'),
      /** A4: the warehouse inspects and restocks a return within this. */
      inspectWithin: shopPaced.default('12h'),
      /** A5: a received return is refunded within this. */
      refundWithin: shopPaced.default('24h'),
      /** A5: calls to the payment gateway before the refund becomes a supervisor's task. */
      refundAttempts: z.int().min(1).max(20).default(5),
      /** A4: an exchange's or reissue's new parcel leaves within this. */
      shipReplacementWithin: shopPaced.default('48h'),
      /** A6: the shop's table from situation to offer. A percent is of the order's total, within min and max. */
      compensation: z
        .record(
          z.string().regex(/^[a-z_]{2,32}$/, 'a situation such as lost_parcel'),
          z
            .strictObject({
              offer: z.enum(COMPENSATION_OFFERS),
              percent: z.number().min(0).max(100).optional(),
              min: yuan.optional(),
              max: yuan.optional(),
            })
            .refine((entry) => entry.offer === 'REISSUE' || entry.percent !== undefined, { message: 'a coupon or partial refund needs its percent of the order', path: ['percent'] }),
        )
        .default(DEFAULT_COMPENSATION),
    }).refine((cases) => Number(cases.autoApprove.refundUpTo) <= Number(cases.supervisorApprovalAbove), {
      message: 'a shop rule cannot approve more than a supervisor must approve (cases.supervisorApprovalAbove)',
      path: ['autoApprove', 'refundUpTo'],
    }),
    /** PIPL/GDPR: buyers' names, phones and addresses are erased this long after their order's last change, leaving ids and figures. */
    privacy: section({ erasePersonalDataAfter: buyerPaced.default('365d') }),
  });

export type ShopPolicy = z.output<typeof shopPolicySchema>;
export type ShopPolicyInput = z.input<typeof shopPolicySchema>;

export const DEFAULT_SHOP_POLICY: ShopPolicy = shopPolicySchema.parse({});
