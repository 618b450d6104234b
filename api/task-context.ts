// What an agent needs beside a task (GET /tasks/:taskId/context): the buyer, the order, the
// order's log so far, the messages the buyer got and, for a case's task, the case. All of it is
// read from the database, never from the workflow (whose history holds ids and non-personal facts
// only), and none of it is logged. Personal data is shown as far as the task needs it: the phone
// only where the job is to call, the e-mail only for a case that came in by e-mail, the log
// without any (the order shows the address).
import { z } from 'zod';
import type { PrismaClient } from '../activities/prisma-client';
import { withoutPersonalFields, type Json } from '../activities/personal-fields';
import type { Task } from '../generated/prisma/client';
import { CASE_STATUSES, CASE_TYPES, ORDER_STATUSES } from '../workflows/definitions';
import { MESSAGE_CHANNELS } from '../workflows/shop-policy';
import { amountText, isoTime, jsonValue } from './response-schemas';
import { withoutAccessTokens } from './routes/buyer-contact';
import { logEntry, orderTimeline } from './routes/orders';
import { taskCaseId } from './task-texts';

/** The kinds whose job is to phone the buyer: only these show the buyer's phone. */
export const CALLING_KINDS: readonly string[] = ['call_buyer', 'chase_payment'];

const time = isoTime.nullable();
const MESSAGE_STATUSES = ['QUEUED', 'HELD', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED'] as const;

export const taskContextSchema = z.object({
  taskId: z.string(),
  kind: z.string(),
  buyer: z
    .object({
      buyerId: z.string(),
      name: z.string(),
      tier: z.string().meta({ examples: ['REGULAR', 'VIP'] }),
      phone: z
        .string()
        .nullable()
        .describe('Only for a task whose job is to call the buyer (call_buyer, chase_payment); else null'),
      email: z.string().nullable().describe('Only for a case that came in by e-mail; else null'),
    })
    .nullable()
    .describe('Null when the task has no order or the order is not recorded'),
  order: z
    .object({
      orderId: z.string(),
      status: z.enum(ORDER_STATUSES),
      platform: z.string(),
      paymentMethod: z.enum(['ONLINE', 'CASH_ON_DELIVERY']),
      totalAmount: amountText,
      currency: z.string(),
      items: z.array(
        z.object({
          lineNo: z.number().int(),
          sku: z.string(),
          title: z.string(),
          quantity: z.number().int(),
          unitPrice: amountText,
        }),
      ),
      shippingAddress: jsonValue.describe("As posted; its phone only where the buyer's phone is shown"),
      courier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      placedAt: isoTime,
      paidAt: time,
      shipDueAt: time,
      shippedAt: time,
      receivedAt: time,
      closedReason: z.string().nullable(),
    })
    .nullable(),
  timeline: z
    .array(
      logEntry.omit({ recordedAt: true }).extend({
        rule: z
          .string()
          .nullable()
          .meta({ examples: ['O4'] }),
      }),
    )
    .describe(
      "The order's log (O6) so far, oldest first: who, what, by which rule, when; its data without personal fields",
    ),
  messages: z
    .array(
      z.object({
        messageId: z.string(),
        channel: z.enum(MESSAGE_CHANNELS),
        template: z.string(),
        locale: z.string(),
        subject: z.string(),
        body: z.string().describe("As sent, with any case's access token shown as (hidden)"),
        status: z.enum(MESSAGE_STATUSES),
        reason: z
          .string()
          .nullable()
          .describe('Why it is held, suppressed or failed (QUIET_HOURS, OPTED_OUT, DAILY_CAP, …)'),
        attempts: z.number().int(),
        heldUntil: time,
        sentAt: time,
        createdAt: isoTime,
      }),
    )
    .describe('The messages to the buyer about this order, oldest first'),
  case: z
    .object({
      caseId: z.string(),
      type: z.enum(CASE_TYPES),
      status: z.enum(CASE_STATUSES),
      situation: z.string(),
      description: z.string().nullable().describe("The buyer's own words"),
      requestedAmount: amountText.nullable(),
      currency: z.string(),
      lineNo: z.number().int().nullable(),
      channel: z.string(),
      openedBy: z.string(),
      openedAt: isoTime,
      decision: z.string().nullable(),
      fault: z.string().nullable(),
      returnCourier: z.string().nullable(),
      returnTrackingNumber: z.string().nullable(),
      returnShippedAt: time,
      returnReceivedAt: time,
      closedReason: z.string().nullable(),
    })
    .nullable()
    .describe("For a case's task, the case; else null"),
});

export type TaskContext = z.output<typeof taskContextSchema>;

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The address without its phone, for a task that does not call. */
function addressFor(address: unknown, withPhone: boolean): unknown {
  if (withPhone || address === null || typeof address !== 'object' || Array.isArray(address)) return address;
  return Object.fromEntries(Object.entries(address).filter(([key]) => key !== 'phone'));
}

export async function taskContext(prisma: PrismaClient, task: Task): Promise<TaskContext> {
  const { shopId, orderId } = task;
  const caseId = taskCaseId(task);
  const [order, kase, entries, messages] = await Promise.all([
    orderId
      ? prisma.order.findUnique({
          where: { shopId_orderId: { shopId, orderId } },
          include: { items: { orderBy: { lineNo: 'asc' } } },
        })
      : null,
    caseId ? prisma.afterSalesCase.findUnique({ where: { shopId_caseId: { shopId, caseId } } }) : null,
    orderId ? orderTimeline(prisma, shopId, orderId) : [],
    orderId
      ? prisma.message.findMany({
          where: { shopId, orderId, audience: 'BUYER' },
          orderBy: { createdAt: 'asc' },
          omit: { recipient: true, leaseUntil: true },
        })
      : [],
  ]);
  const calls = CALLING_KINDS.includes(task.kind);
  return {
    taskId: task.id,
    kind: task.kind,
    buyer: order && {
      buyerId: order.buyerId,
      name: order.buyerName,
      tier: order.buyerTier,
      phone: calls ? order.buyerPhone : null,
      email: kase?.channel === 'email' ? order.buyerEmail : null,
    },
    order: order && {
      orderId: order.orderId,
      status: order.status,
      platform: order.platform,
      paymentMethod: order.paymentMethod,
      totalAmount: order.totalAmount.toFixed(2),
      currency: order.currency,
      items: order.items.map(({ lineNo, sku, title, quantity, unitPrice }) => ({
        lineNo,
        sku,
        title,
        quantity,
        unitPrice: unitPrice.toFixed(2),
      })),
      shippingAddress: addressFor(order.shippingAddress, calls),
      courier: order.courier,
      trackingNumber: order.trackingNumber,
      placedAt: order.placedAt.toISOString(),
      paidAt: iso(order.paidAt),
      shipDueAt: iso(order.shipDueAt),
      shippedAt: iso(order.shippedAt),
      receivedAt: iso(order.receivedAt),
      closedReason: order.closedReason,
    },
    timeline: entries.map(({ recordedAt: _r, data, ...entry }) => {
      const rule =
        data !== null && typeof data === 'object' && !Array.isArray(data)
          ? (data as Record<string, unknown>).rule
          : undefined;
      return { ...entry, rule: typeof rule === 'string' ? rule : null, data: withoutPersonalFields(data as Json) };
    }),
    messages: messages.map((message) => ({
      messageId: message.id,
      channel: message.channel,
      template: message.template,
      locale: message.locale,
      subject: withoutAccessTokens(message.subject),
      body: withoutAccessTokens(message.body),
      status: message.status,
      reason: message.reason,
      attempts: message.attempts,
      heldUntil: iso(message.heldUntil),
      sentAt: iso(message.sentAt),
      createdAt: message.createdAt.toISOString(),
    })),
    case: kase && {
      caseId: kase.caseId,
      type: kase.type,
      status: kase.status,
      situation: kase.situation,
      description: kase.description,
      requestedAmount: kase.requestedAmount?.toFixed(2) ?? null,
      currency: kase.currency,
      lineNo: kase.lineNo,
      channel: kase.channel,
      openedBy: kase.openedBy,
      openedAt: kase.openedAt.toISOString(),
      decision: kase.decision,
      fault: kase.fault,
      returnCourier: kase.returnCourier,
      returnTrackingNumber: kase.returnTrackingNumber,
      returnShippedAt: iso(kase.returnShippedAt),
      returnReceivedAt: iso(kase.returnReceivedAt),
      closedReason: kase.closedReason,
    },
  };
}
