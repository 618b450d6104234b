// The figures' answers as zod schemas: each rate comes with its counts and is null when nothing
// was there to divide by; each duration is a median and an average in minutes, null when nothing
// was measured; amounts are decimal strings summed within one currency.
import { z } from 'zod';
import { CaseType, ReviewRepairOutcome } from '../generated/prisma/enums';
import { COMPENSATION_OFFERS } from '../workflows/shop-policy';
import { MESSAGE_CHANNELS } from '../activities/messages/channels';
import { amountText, isoTime } from './response-schemas';

const count = z.number().int().min(0);
const rateOf = (of: string) => z.number().min(0).max(1).nullable().describe(`${of}; null when the denominator is 0`);
const minutes = (of: string) =>
  z
    .object({ median: z.number().nullable(), average: z.number().nullable() })
    .describe(`Minutes ${of}, to one decimal; null when nothing was measured`);
const countsBy = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((key) => [key, count])));
const monthHeader = {
  shopId: z.string(),
  month: z.string().meta({ examples: ['2026-10'] }),
  from: isoTime.describe("The month's first local midnight in the shop's time zone"),
  to: isoTime.describe("The next month's first local midnight (exclusive)"),
};
const periodHeader = { shopId: z.string(), from: isoTime, to: isoTime };
const percentiles = z.object({ p50: z.number().nullable(), p90: z.number().nullable() });

export const taskFigures = z.object({
  ...periodHeader,
  tasks: count,
  claimed: count,
  completed: count,
  secondsToClaim: percentiles,
  secondsToComplete: percentiles,
  responseTarget: z.object({ target: z.string(), claimedWithin: count, limit: z.string(), claimedAfterLimit: count }),
  overdueNow: z.array(z.object({ queue: z.string(), assignee: z.string().nullable(), count })),
});

export const messageFigures = z.object({
  ...periodHeader,
  byChannelAndStatus: z.array(z.object({ channel: z.enum(MESSAGE_CHANNELS), status: z.string(), count })),
  suppressedByReason: z.array(z.object({ reason: z.string().nullable(), count })),
});

export const orderFiguresSchema = z.object({
  ...monthHeader,
  paymentReminders: z
    .object({ reminded: count, paidAfterReminder: count, conversion: rateOf('paidAfterReminder / reminded') })
    .describe('O1: orders reminded in the month and how many paid after it'),
  shipping: z
    .object({
      shipped: count,
      onTime: count,
      limit: z.string(),
      withinLimit: count,
      onTimeRate: rateOf('onTime / shipped'),
      lateUnshipped: count,
    })
    .describe('O8: orders paid in the month against the batch promised'),
  problemParcels: z
    .object({ shipped: count, withProblem: count, rate: rateOf('withProblem / shipped') })
    .describe('O10: parcels that left in the month'),
  courierClaims: z.object({
    count,
    totalAmount: amountText,
    byCourier: z.array(z.object({ courier: z.string().nullable(), count, totalAmount: amountText })),
    byReason: z.record(z.string(), count),
  }),
});

export const caseFiguresSchema = z.object({
  ...monthHeader,
  returnAndRefundRate: z
    .object({
      ordersPaid: count,
      returnsAndRefunds: count.describe('Cases of type RETURN_REFUND or REFUND_ONLY opened in the month'),
      rate: rateOf('returnsAndRefunds / ordersPaid'),
      casesOpened: count,
      byType: countsBy(Object.values(CaseType)),
      byFault: z
        .record(z.string(), count)
        .describe('PRODUCT, COURIER, BUYER, SERVICE as the deciding agent found; UNKNOWN when not judged'),
    })
    .describe('A7: return and refund cases opened in the month over the orders paid in it'),
  timeToFirstResponse: z
    .object({
      answered: count,
      unanswered: count,
      minutes: minutes('from opening to the first response, over the answered cases'),
      limit: z.string(),
      answeredAfterLimit: count,
    })
    .describe("A2: from opening to the first answer, against the shop's cases.firstResponseWithin"),
  timeToRefund: z
    .object({
      paid: count,
      minutesFromOpened: minutes("from the case's opening to payment"),
      paidAfterReturn: count,
      minutesFromReturnReceived: minutes("from the return's receipt to payment"),
      byCurrency: z.array(z.object({ currency: z.string(), count, totalAmount: amountText })),
      failed: count,
      paidByPlatform: count,
    })
    .describe('A5: the refunds paid in the month (PAID, PAID_MANUALLY), by their case'),
  reviewRepair: z
    .object({
      closed: count,
      byOutcome: countsBy(Object.values(ReviewRepairOutcome)),
      successRate: rateOf('REPAIRED / closed'),
      startedStillOpen: count,
    })
    .describe('R1-R4'),
  compensationPaid: z
    .object({
      count,
      byOffer: z.array(
        z.object({ offer: z.enum(COMPENSATION_OFFERS), currency: z.string(), count, totalAmount: amountText }),
      ),
    })
    .describe('A6'),
});
