// After-sales cases over HTTP: POST /cases opens one (A1), POST /cases/:shopId/:caseId/events
// feeds it, GET /cases/:shopId/:caseId shows the row beside the workflow's state, and
// GET .../progress answers the buyer, who holds the case's access token (A1).
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { loadShopPolicy } from '../../activities/shop-settings';
import { CASE_EVENT_TYPES } from '../../workflows/case-events';
import { CASE_STATUSES, CASE_STEPS, caseWorkflowId, CLOSED_CASE_STATUSES, getCaseStateQuery, type CaseState } from '../../workflows/definitions';
import { LOCALES, type Locale } from '../../workflows/shop-policy';
import { receiveCaseEvent } from '../case-event-delivery';
import { openCase } from '../case-intake';
import { caseProgress } from '../case-progress';
import { CASE_EVENT_DATA, caseEventBodySchema, caseIntakeSchema, casePathIdSchema } from '../case-schema';
import { idSchema } from '../field-rules';
import { inputSchema } from '../json-schema';
import { eventEnvelopeSchema } from '../order-event-schema';
import { error, isoTime, jsonValue } from '../response-schemas';
import { fail, ok, route } from '../route-table';
import { PEOPLE_WHO_READ, PLATFORM } from './roles';

const casePathSchema = z.object({ shopId: idSchema, caseId: casePathIdSchema });
const progressQuerySchema = z.object({ token: z.string().min(1).max(64), lang: z.enum(LOCALES).optional() });

/** How long a GET waits for the workflow's answer (it needs a running worker) before answering from the row. */
const QUERY_DEADLINE_MS = 5000;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const caseOpened = z.object({
  caseId: z.string(),
  workflowId: z.string().meta({ examples: ['case:shop-1:RMA-1001'] }),
  created: z.boolean(),
  accessToken: z.string().describe("The buyer's key to the progress answer; give it to the buyer only"),
  progressUrl: z.string().describe("The shop's progress page (policy cases.progressPageUrl) with the case and its token"),
  message: z.string().optional(),
});
const caseEventAccepted = z.object({ eventId: z.string(), workflowId: z.string(), duplicate: z.boolean(), delivered: z.boolean(), message: z.string().optional() });
const caseView = z.object({
  workflowId: z.string(),
  case: z.looseObject({ shopId: z.string(), caseId: z.string(), orderId: z.string(), type: z.string(), status: z.enum(CASE_STATUSES), requestedAmount: z.string().nullable() }).nullable(),
  workflow: jsonValue.describe("The workflow's state (getCaseState query); null without a running worker"),
  log: z.array(z.looseObject({ entryId: z.string(), type: z.string(), actor: z.string(), at: isoTime })),
  workflowError: z.string().optional(),
});
const progress = z.object({
  caseId: z.string(),
  type: z.string(),
  status: z.enum(CASE_STATUSES),
  locale: z.enum(LOCALES),
  stage: z.string().describe("Where the case stands, in the buyer's words").meta({ examples: ['退货已收到，正在验收'] }),
  next: z.object({
    step: z.enum(CASE_STEPS),
    text: z.string().meta({ examples: ['验收完成后为您退款或换货'] }),
    by: isoTime.nullable(),
    byLocal: z.string().nullable().describe("The same moment on the shop's clock").meta({ examples: ['2026-11-24 10:00 (Asia/Shanghai)'] }),
  }),
});

function caseEventDocument(): object {
  const envelope = inputSchema(eventEnvelopeSchema) as { properties: Record<string, object> };
  return {
    ...envelope,
    properties: { ...envelope.properties, type: { type: 'string', enum: [...CASE_EVENT_TYPES] }, data: { oneOf: CASE_EVENT_TYPES.map((type) => ({ title: type, ...inputSchema(CASE_EVENT_DATA[type]) })) } },
  };
}

export function caseRoutes(deps: { temporal: Client; prisma: PrismaClient }) {
  const { temporal, prisma } = deps;

  async function queryCase(workflowId: string): Promise<{ state: CaseState | null; error?: string }> {
    try {
      return { state: await temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => temporal.workflow.getHandle(workflowId).query(getCaseStateQuery)) };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { state: null };
      return { state: null, error: `The workflow did not answer (is a worker running?): ${(err as Error).message}` };
    }
  }

  return [
    route({
      method: 'post',
      path: '/cases',
      tag: 'cases',
      summary: 'Open an after-sales case on a known order (A1): return and refund, refund only, exchange, reissue, logistics, complaints',
      description:
        "The case is kept, then its workflow starts; the order's workflow is told (a refund-only case before shipment stops the shipment). " +
        "The same request again returns the first answer (200). The buyer's description stays in the database.",
      access: { kind: 'shop', from: 'body', roles: [...PLATFORM, ...PEOPLE_WHO_READ], signed: true },
      body: caseIntakeSchema,
      limited: 'perTarget',
      responses: {
        201: { description: 'Opened', schema: caseOpened },
        200: { description: 'Already opened with this content: the first answer', schema: caseOpened },
        404: error('No such order in this shop (order_not_found, field orderId)'),
        409: error('The case id is already used by a different case'),
        422: error('A refund asked on an order not paid (order_not_paid, field orderId), for more than is still refundable (exceeds_refundable, field requestedAmount; the body has paid and refundable) or on an item line the order does not have (unknown_line)'),
      },
      handler: async ({ body: intake }) => {
        const receipt = await openCase(deps, intake);
        if (receipt.outcome === 'order_not_found') {
          return fail(404, 'order_not_found', `No order ${intake.orderId} for shop ${intake.shopId}: a case is opened on a known order.`, [{ field: 'orderId', code: 'not_found', message: 'no such order in this shop' }]);
        }
        if (receipt.outcome === 'order_not_paid') {
          return fail(422, 'order_not_paid', `Order ${intake.orderId} has not been paid: a ${intake.type} case asks for money back, and there is none to give.`,
            [{ field: 'orderId', code: 'not_paid', message: 'this order has not been paid' }], { paid: null, refundable: '0.00' });
        }
        if (receipt.outcome === 'exceeds_refundable') {
          const { currency, line } = receipt.money;
          const { paid, refundable } = line ?? receipt.money;
          const what = line ? `item line ${line.lineNo} of order ${intake.orderId}` : `order ${intake.orderId}`;
          return fail(422, 'exceeds_refundable', `At most ${currency} ${refundable} of ${what} can still be refunded (${currency} ${paid} paid${line ? ' for it' : ''}).`,
            [{ field: 'requestedAmount', code: 'exceeds_refundable', message: `must be more than 0.00 and at most ${refundable}` }], { paid, refundable, currency });
        }
        if (receipt.outcome === 'unknown_line') {
          return fail(422, 'unknown_line', `Order ${intake.orderId} has ${receipt.lines} item line${receipt.lines === 1 ? '' : 's'}.`, [{ field: 'lineNo', code: 'unknown_line', message: `must be between 1 and ${receipt.lines}` }]);
        }
        if (receipt.outcome === 'case_conflict') {
          return fail(409, 'case_conflict', `Case ${intake.caseId} was already opened with different content; the first one stands.`, [{ field: 'caseId', code: 'conflict', message: 'already used by a different case' }]);
        }
        return ok(
          receipt.outcome === 'opened' ? 201 : 200,
          {
            caseId: intake.caseId,
            workflowId: receipt.workflowId,
            created: receipt.outcome === 'opened',
            accessToken: receipt.accessToken,
            progressUrl: receipt.progressUrl,
            ...(receipt.outcome === 'repeated' ? { message: 'This case was already opened; its existing workflow is returned and nothing was started.' } : {}),
          },
          { Location: `/cases/${intake.shopId}/${intake.caseId}` },
        );
      },
    }),
    route({
      method: 'post',
      path: '/cases/:shopId/:caseId/events',
      tag: 'cases',
      summary: "Report an event of the case: the buyer's return shipped, its receipt by the warehouse, a withdrawal",
      description: "Kept in the case's log first (also for a case not yet known). The same eventId again has one effect.",
      access: { kind: 'shop', from: 'params', roles: PLATFORM, signed: true },
      params: casePathSchema,
      body: caseEventBodySchema,
      bodyDocument: caseEventDocument(),
      limited: 'perTarget',
      responses: {
        202: { description: "Kept, and delivered to the case's workflow unless the case is unknown or closed", schema: caseEventAccepted },
        200: { description: 'This event id was already received', schema: caseEventAccepted },
        409: error('The event id was already used by a different event'),
      },
      handler: async ({ params, body: event }) => {
        const receipt = await receiveCaseEvent(deps, params.shopId, params.caseId, event);
        if (receipt.outcome === 'event_conflict') {
          return fail(409, 'event_conflict', 'An event with this id was already received with different content; the first one stands.', [{ field: 'eventId', code: 'conflict', message: 'already used by a different event' }]);
        }
        const { workflowId, duplicate, delivered, reason } = receipt;
        return ok(duplicate ? 200 : 202, {
          eventId: event.eventId,
          workflowId,
          duplicate,
          delivered,
          ...(reason === 'case_not_found' ? { message: 'No such case yet; the event is kept and reaches the case when it opens.' } : {}),
          ...(reason === 'case_not_started' ? { message: 'The case is opening; the event is kept and reaches it when its workflow starts.' } : {}),
          ...(reason === 'case_closed' ? { message: 'This case is closed; the event is kept in its log and changes nothing.' } : {}),
          ...(delivered && duplicate ? { message: 'This event was already received; it has its effect once.' } : {}),
        });
      },
    }),
    route({
      method: 'get',
      path: '/cases/:shopId/:caseId',
      tag: 'cases',
      summary: "The case's row, its log and its workflow's state (status, deadlines, what comes next)",
      description: "The buyer's description is shown to the shop's people, not to platform keys; the access token is never shown again.",
      access: { kind: 'shop', from: 'params', roles: [...PLATFORM, ...PEOPLE_WHO_READ] },
      params: casePathSchema,
      responses: { 200: { description: 'The case', schema: caseView }, 404: error('No such case (case_not_found)') },
      handler: async ({ params, caller }) => {
        const { state, error: workflowError } = await queryCase(caseWorkflowId(params.shopId, params.caseId));
        // Read after the workflow: it takes a status once the row has it, so the row is never older than the state beside it.
        const row = await prisma.afterSalesCase.findUnique({ where: { shopId_caseId: params } });
        if (!row && !state && !workflowError) return fail(404, 'case_not_found', `No case ${params.caseId} for shop ${params.shopId}.`);
        const log = await prisma.caseLogEntry.findMany({ where: params, orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }] });
        const personal = caller.role !== 'platform';
        return ok(200, {
          workflowId: caseWorkflowId(params.shopId, params.caseId),
          case: row && { ...row, accessToken: undefined, payloadHash: undefined, ...(personal ? {} : { description: undefined }), requestedAmount: row.requestedAmount?.toFixed(2) ?? null },
          workflow: state,
          log: log.map(({ shopId: _s, caseId: _c, payloadHash: _h, ...entry }) => (personal ? entry : { ...entry, data: undefined })),
          ...(workflowError ? { workflowError } : {}),
        });
      },
    }),
    route({
      method: 'get',
      path: '/cases/:shopId/:caseId/progress',
      tag: 'cases',
      summary: "For the buyer (A1): where the case stands, what happens next and by when, in the buyer's language",
      access: { kind: 'public', why: "The buyer's page: the case's access token is the credential" },
      params: casePathSchema,
      query: progressQuerySchema,
      responses: {
        200: { description: 'The progress', schema: progress },
        404: error('No case matches this id and token'),
        503: error("The open case's workflow did not answer (no worker running); try again"),
      },
      handler: async ({ params, query }) => {
        const row = await prisma.afterSalesCase.findUnique({ where: { shopId_caseId: params } });
        // A wrong token and an unknown case look the same, so neither reveals the other.
        if (!row || !sameToken(query.token, row.accessToken)) return fail(404, 'case_not_found', 'No case matches this id and access token.');
        const { state, error: workflowError } = await queryCase(row.workflowId);
        // A closed case's row says all there is; an open one's next step is known only to its workflow.
        if (!state && (workflowError || !CLOSED_CASE_STATUSES.includes(row.status))) {
          return { ...fail(503, 'progress_unavailable', 'The progress of this case cannot be read just now; please try again in a minute.'), headers: { 'Retry-After': '60' } };
        }
        const policy = await loadShopPolicy(prisma, params.shopId);
        const locale = query.lang ?? (row.locale as Locale);
        return ok(200, caseProgress(state ?? { caseId: row.caseId, type: row.type, status: row.status, next: { step: 'none' } }, locale, policy.timeZone));
      },
    }),
  ];
}
