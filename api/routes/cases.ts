// After-sales cases over HTTP: POST /cases opens one (A1), POST /cases/:shopId/:caseId/events
// feeds it, GET /cases/:shopId/:caseId shows the row beside the workflow's state, and
// GET .../progress answers the buyer, who holds the case's access token (A1): as JSON, or as a
// page to a browser, whose form for the return's tracking number posts to .../progress/return-shipment (A4).
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { returnAddressLine } from '../../activities/progress-link';
import { loadShopPolicy } from '../../activities/shop-settings';
import { CASE_EVENT_TYPES } from '../../workflows/case-events';
import {
  CASE_STATUSES,
  CASE_STEPS,
  caseWorkflowId,
  CLOSED_CASE_STATUSES,
  getCaseStateQuery,
  type CaseState,
} from '../../workflows/definitions';
import { LOCALES, type Locale } from '../../workflows/shop-policy';
import { receiveCaseEvent } from '../case-event-delivery';
import { openCase } from '../case-intake';
import { caseProgress } from '../case-progress';
import { listeningAddress } from '../listening-address';
import { FIELD_MESSAGES, PAGE_HEADERS, progressHref, renderMessagePage, renderProgressPage } from '../progress-page';
import { CASE_EVENT_DATA, caseEventBodySchema, caseIntakeSchema, casePathIdSchema } from '../case-schema';
import { courierSchema, idSchema, trackingNumberSchema } from '../field-rules';
import { inputSchema } from '../json-schema';
import { eventEnvelopeSchema } from '../order-event-schema';
import { error, isoTime, jsonValue } from '../response-schemas';
import { fail, ok, route, type Reply } from '../route-table';
import { PEOPLE_WHO_READ, PLATFORM } from './roles';

const casePathSchema = z.object({ shopId: idSchema, caseId: casePathIdSchema });
const tokenSchema = z.string().min(1).max(64).describe("The case's access token, from the buyer's link");
const langSchema = z
  .enum(LOCALES)
  .optional()
  .describe("The page's language; the case's own (the buyer's) when left out");
const progressQuerySchema = z.object({
  token: tokenSchema,
  lang: langSchema,
  notice: z
    .enum(['sent', 'invalid', 'not_awaiting'])
    .optional()
    .describe(
      "What the page says after its form's post sent the browser back: received, a mistake to correct (with courier and trackingNumber as typed), or no return awaited",
    ),
  courier: z.string().max(200).optional().describe('With notice=invalid: the courier as the buyer typed it'),
  trackingNumber: z
    .string()
    .max(200)
    .optional()
    .describe('With notice=invalid: the tracking number as the buyer typed it'),
});
/** The fields of the form the buyer must correct, by name; none when both are right. */
function formMistakes(courier: string, trackingNumber: string) {
  const parsed = {
    courier: courierSchema.safeParse(courier),
    trackingNumber: trackingNumberSchema.safeParse(trackingNumber.trim()),
  };
  const wrong = (['courier', 'trackingNumber'] as const).filter((field) => !parsed[field].success);
  return { wrong, courier: parsed.courier.data, trackingNumber: parsed.trackingNumber.data };
}

/** What the page's form posts; every field a string, checked by the handler so that a mistake is shown next to its field. */
const returnShipmentFormSchema = z.object({
  token: tokenSchema,
  courier: z
    .string()
    .max(200)
    .default('')
    .describe('The courier the buyer sent the item back with, e.g. 顺丰速运 (1-20 characters)'),
  trackingNumber: z
    .string()
    .max(200)
    .default('')
    .describe('The tracking number of the return parcel: 6-40 letters, digits or "-"'),
  lang: langSchema,
});

/** How long a GET waits for the workflow's answer (it needs a running worker) before answering from the row. */
const QUERY_DEADLINE_MS = 5000;

/** The buyer's event id for a return shipment: the same courier and number again is the same event. */
function returnShipmentEventId(courier: string, trackingNumber: string): string {
  return `buyer-return:${createHash('sha256').update(`${courier}\n${trackingNumber}`).digest('hex').slice(0, 32)}`;
}

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
  progressUrl: z
    .string()
    .describe("The shop's progress page (policy cases.progressPageUrl) with the case and its token"),
  message: z.string().optional(),
});
const caseEventAccepted = z.object({
  eventId: z.string(),
  workflowId: z.string(),
  duplicate: z.boolean(),
  delivered: z.boolean(),
  message: z.string().optional(),
});
const caseView = z.object({
  workflowId: z.string(),
  case: z
    .looseObject({
      shopId: z.string(),
      caseId: z.string(),
      orderId: z.string(),
      type: z.string(),
      status: z.enum(CASE_STATUSES),
      requestedAmount: z.string().nullable(),
    })
    .nullable(),
  workflow: jsonValue.describe("The workflow's state (getCaseState query); null without a running worker"),
  log: z.array(z.looseObject({ entryId: z.string(), type: z.string(), actor: z.string(), at: isoTime })),
  workflowError: z.string().optional(),
});
const progress = z.object({
  caseId: z.string(),
  type: z.string(),
  status: z.enum(CASE_STATUSES),
  locale: z.enum(LOCALES),
  stage: z
    .string()
    .describe("Where the case stands, in the buyer's words")
    .meta({ examples: ['退货已收到，正在验收'] }),
  next: z.object({
    step: z.enum(CASE_STEPS),
    text: z.string().meta({ examples: ['验收完成后为您退款或换货'] }),
    by: isoTime.nullable(),
    byLocal: z
      .string()
      .nullable()
      .describe("The same moment on the shop's clock")
      .meta({ examples: ['2026-11-24 10:00 (Asia/Shanghai)'] }),
  }),
});

function caseEventDocument(): object {
  const envelope = inputSchema(eventEnvelopeSchema) as { properties: Record<string, object> };
  return {
    ...envelope,
    properties: {
      ...envelope.properties,
      type: { type: 'string', enum: [...CASE_EVENT_TYPES] },
      data: { oneOf: CASE_EVENT_TYPES.map((type) => ({ title: type, ...inputSchema(CASE_EVENT_DATA[type]) })) },
    },
  };
}

/** `publicBaseUrl`: PUBLIC_BASE_URL, the base of buyers' progress links; where the API listens when absent. */
export function caseRoutes(deps: { temporal: Client; prisma: PrismaClient; publicBaseUrl?: string }) {
  const { temporal, prisma } = deps;

  async function queryCase(workflowId: string): Promise<{ state: CaseState | null; error?: string }> {
    try {
      return {
        state: await temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
          temporal.workflow.getHandle(workflowId).query(getCaseStateQuery),
        ),
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { state: null };
      return { state: null, error: `The workflow did not answer (is a worker running?): ${(err as Error).message}` };
    }
  }

  /** The case a buyer's token opens, or null: a wrong token and an unknown case look the same, so neither reveals the other. */
  async function buyersCase(params: { shopId: string; caseId: string }, token: string) {
    const row = await prisma.afterSalesCase.findUnique({ where: { shopId_caseId: params } });
    return row && sameToken(token, row.accessToken) ? row : null;
  }

  function notFound(wantsHtml: boolean, locale: Locale): Reply<404> {
    const reply = fail(404, 'case_not_found', 'No case matches this id and access token.');
    return wantsHtml ? { ...reply, html: renderMessagePage(locale, 'notFound'), headers: PAGE_HEADERS } : reply;
  }

  /** Where the case stands for its buyer, or null when its open workflow cannot say (no worker). */
  async function progressOf(
    row: { workflowId: string; caseId: string; type: CaseState['type']; status: CaseState['status']; shopId: string },
    locale: Locale,
  ) {
    const { state, error: workflowError } = await queryCase(row.workflowId);
    // A closed case's row says all there is; an open one's next step is known only to its workflow.
    if (!state && (workflowError || !CLOSED_CASE_STATUSES.includes(row.status))) return null;
    const policy = await loadShopPolicy(prisma, row.shopId);
    return {
      policy,
      progress: caseProgress(
        state ?? { caseId: row.caseId, type: row.type, status: row.status, next: { step: 'none' } },
        locale,
        policy.timeZone,
      ),
    };
  }

  function unavailable(wantsHtml: boolean, locale: Locale): Reply<503> {
    const reply = fail(
      503,
      'progress_unavailable',
      'The progress of this case cannot be read just now; please try again in a minute.',
    );
    return {
      ...reply,
      headers: { 'Retry-After': '60', ...(wantsHtml ? PAGE_HEADERS : {}) },
      ...(wantsHtml ? { html: renderMessagePage(locale, 'unavailable') } : {}),
    };
  }

  return [
    route({
      method: 'post',
      path: '/cases',
      tag: 'cases',
      summary:
        'Open an after-sales case on a known order (A1): return and refund, refund only, exchange, reissue, logistics, complaints',
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
        422: error(
          'A refund asked on an order not paid (order_not_paid, field orderId), for more than is still refundable (exceeds_refundable, field requestedAmount; the body has paid and refundable) or on an item line the order does not have (unknown_line)',
        ),
      },
      handler: async ({ body: intake, req }) => {
        const receipt = await openCase({ ...deps, publicBaseUrl: deps.publicBaseUrl ?? listeningAddress(req) }, intake);
        if (receipt.outcome === 'order_not_found') {
          return fail(
            404,
            'order_not_found',
            `No order ${intake.orderId} for shop ${intake.shopId}: a case is opened on a known order.`,
            [{ field: 'orderId', code: 'not_found', message: 'no such order in this shop' }],
          );
        }
        if (receipt.outcome === 'order_not_paid') {
          return fail(
            422,
            'order_not_paid',
            `Order ${intake.orderId} has not been paid: a ${intake.type} case asks for money back, and there is none to give.`,
            [{ field: 'orderId', code: 'not_paid', message: 'this order has not been paid' }],
            { paid: null, refundable: '0.00' },
          );
        }
        if (receipt.outcome === 'exceeds_refundable') {
          const { currency, line } = receipt.money;
          const { paid, refundable } = line ?? receipt.money;
          const what = line ? `item line ${line.lineNo} of order ${intake.orderId}` : `order ${intake.orderId}`;
          return fail(
            422,
            'exceeds_refundable',
            `At most ${currency} ${refundable} of ${what} can still be refunded (${currency} ${paid} paid${line ? ' for it' : ''}).`,
            [
              {
                field: 'requestedAmount',
                code: 'exceeds_refundable',
                message: `must be more than 0.00 and at most ${refundable}`,
              },
            ],
            { paid, refundable, currency },
          );
        }
        if (receipt.outcome === 'unknown_line') {
          return fail(
            422,
            'unknown_line',
            `Order ${intake.orderId} has ${receipt.lines} item line${receipt.lines === 1 ? '' : 's'}.`,
            [{ field: 'lineNo', code: 'unknown_line', message: `must be between 1 and ${receipt.lines}` }],
          );
        }
        if (receipt.outcome === 'case_conflict') {
          return fail(
            409,
            'case_conflict',
            `Case ${intake.caseId} was already opened with different content; the first one stands.`,
            [{ field: 'caseId', code: 'conflict', message: 'already used by a different case' }],
          );
        }
        return ok(
          receipt.outcome === 'opened' ? 201 : 200,
          {
            caseId: intake.caseId,
            workflowId: receipt.workflowId,
            created: receipt.outcome === 'opened',
            accessToken: receipt.accessToken,
            progressUrl: receipt.progressUrl,
            ...(receipt.outcome === 'repeated'
              ? { message: 'This case was already opened; its existing workflow is returned and nothing was started.' }
              : {}),
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
      description:
        "Kept in the case's log first (also for a case not yet known). The same eventId again has one effect.",
      access: { kind: 'shop', from: 'params', roles: PLATFORM, signed: true },
      params: casePathSchema,
      body: caseEventBodySchema,
      bodyDocument: caseEventDocument(),
      limited: 'perTarget',
      responses: {
        202: {
          description: "Kept, and delivered to the case's workflow unless the case is unknown or closed",
          schema: caseEventAccepted,
        },
        200: { description: 'This event id was already received', schema: caseEventAccepted },
        409: error('The event id was already used by a different event'),
      },
      handler: async ({ params, body: event }) => {
        const receipt = await receiveCaseEvent(deps, params.shopId, params.caseId, event);
        if (receipt.outcome === 'event_conflict') {
          return fail(
            409,
            'event_conflict',
            'An event with this id was already received with different content; the first one stands.',
            [{ field: 'eventId', code: 'conflict', message: 'already used by a different event' }],
          );
        }
        const { workflowId, duplicate, delivered, reason } = receipt;
        return ok(duplicate ? 200 : 202, {
          eventId: event.eventId,
          workflowId,
          duplicate,
          delivered,
          ...(reason === 'case_not_found'
            ? { message: 'No such case yet; the event is kept and reaches the case when it opens.' }
            : {}),
          ...(reason === 'case_not_started'
            ? { message: 'The case is opening; the event is kept and reaches it when its workflow starts.' }
            : {}),
          ...(reason === 'case_closed'
            ? { message: 'This case is closed; the event is kept in its log and changes nothing.' }
            : {}),
          ...(delivered && duplicate ? { message: 'This event was already received; it has its effect once.' } : {}),
        });
      },
    }),
    route({
      method: 'get',
      path: '/cases/:shopId/:caseId',
      tag: 'cases',
      summary: "The case's row, its log and its workflow's state (status, deadlines, what comes next)",
      description:
        "The buyer's description is shown to the shop's people, not to platform keys; the access token is never shown again.",
      access: { kind: 'shop', from: 'params', roles: [...PLATFORM, ...PEOPLE_WHO_READ] },
      params: casePathSchema,
      responses: { 200: { description: 'The case', schema: caseView }, 404: error('No such case (case_not_found)') },
      handler: async ({ params, caller }) => {
        const { state, error: workflowError } = await queryCase(caseWorkflowId(params.shopId, params.caseId));
        // Read after the workflow: it takes a status once the row has it, so the row is never older than the state beside it.
        const row = await prisma.afterSalesCase.findUnique({ where: { shopId_caseId: params } });
        if (!row && !state && !workflowError)
          return fail(404, 'case_not_found', `No case ${params.caseId} for shop ${params.shopId}.`);
        const log = await prisma.caseLogEntry.findMany({
          where: params,
          orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }],
        });
        const personal = caller.role !== 'platform';
        return ok(200, {
          workflowId: caseWorkflowId(params.shopId, params.caseId),
          case: row && {
            ...row,
            accessToken: undefined,
            payloadHash: undefined,
            ...(personal ? {} : { description: undefined }),
            requestedAmount: row.requestedAmount?.toFixed(2) ?? null,
          },
          workflow: state,
          log: log.map(({ shopId: _s, caseId: _c, payloadHash: _h, ...entry }) =>
            personal ? entry : { ...entry, data: undefined },
          ),
          ...(workflowError ? { workflowError } : {}),
        });
      },
    }),
    route({
      method: 'get',
      path: '/cases/:shopId/:caseId/progress',
      tag: 'cases',
      summary: "For the buyer (A1): where the case stands, what happens next and by when, in the buyer's language",
      description:
        'JSON for API callers; a page (server-rendered, no script) for a browser, whose Accept prefers text/html. ' +
        "While the case awaits the return (A4), the page shows the shop's return address (policy cases.returnAddress) and a form for the return's courier and tracking number.",
      access: { kind: 'public', why: "The buyer's page: the case's access token is the credential" },
      params: casePathSchema,
      query: progressQuerySchema,
      responses: {
        200: { description: 'The progress', schema: progress, html: true },
        404: { ...error('No case matches this id and token'), html: true },
        503: { ...error("The open case's workflow did not answer (no worker running); try again"), html: true },
      },
      handler: async ({ params, query, wantsHtml }) => {
        const row = await buyersCase(params, query.token);
        if (!row) return notFound(wantsHtml, query.lang ?? 'zh-CN');
        const locale = query.lang ?? (row.locale as Locale);
        const read = await progressOf(row, locale);
        if (!read) return unavailable(wantsHtml, locale);
        if (!wantsHtml) return ok(200, read.progress);
        // Sent back after a mistake: the form again with what was typed, and each mistake by its field.
        const typed = { courier: query.courier ?? '', trackingNumber: query.trackingNumber ?? '' };
        const form =
          query.notice === 'invalid'
            ? {
                ...typed,
                errors: Object.fromEntries(
                  formMistakes(typed.courier, typed.trackingNumber).wrong.map((field) => [
                    field,
                    FIELD_MESSAGES[field][locale],
                  ]),
                ),
              }
            : undefined;
        const html = renderProgressPage({
          progress: read.progress,
          token: query.token,
          returnAddress: returnAddressLine(read.policy, locale),
          notice: query.notice === 'invalid' ? undefined : query.notice,
          form,
        });
        return { status: 200, body: read.progress, html, headers: PAGE_HEADERS };
      },
    }),
    route({
      method: 'post',
      path: '/cases/:shopId/:caseId/progress/return-shipment',
      tag: 'cases',
      summary: "For the buyer (A4): the courier and tracking number of the return, from the progress page's form",
      description:
        'Delivered to the case as its return_shipped event, by the buyer. The same courier and number again is the same event (one effect). ' +
        'A browser (Accept prefers text/html) is sent back to the progress page (303), which says the number was received, or shows the mistake next to its field, ' +
        'so that reloading the page never posts again; an API caller gets 202 (200 for a repeat), 400 naming the field, or 409.',
      access: {
        kind: 'public',
        why: "The buyer's page: the case's access token, posted with the form, is the credential",
      },
      params: casePathSchema,
      body: returnShipmentFormSchema,
      form: true,
      limited: 'perTarget',
      responses: {
        202: { description: 'Delivered to the case', schema: caseEventAccepted },
        200: { description: 'This return shipment was already received', schema: caseEventAccepted },
        303: {
          description:
            'For a browser: back to the progress page, which says the tracking number was received (notice=sent), shows a mistake by its field (notice=invalid) or that no return is awaited (notice=not_awaiting)',
        },
        400: error('A field the buyer must correct (invalid_request; fields courier, trackingNumber)'),
        404: { ...error('No case matches this id and token'), html: true },
        409: error('The case does not await a return now (not_awaiting_return)'),
      },
      handler: async ({ params, body: form, wantsHtml }) => {
        const row = await buyersCase(params, form.token);
        if (!row) return notFound(wantsHtml, form.lang ?? 'zh-CN');
        const locale = form.lang ?? (row.locale as Locale);
        const typed = { courier: form.courier, trackingNumber: form.trackingNumber };
        const checked = formMistakes(typed.courier, typed.trackingNumber);
        if (checked.wrong.length) {
          if (wantsHtml)
            return { status: 303, headers: { Location: progressHref('post', form.token, locale, 'invalid', typed) } };
          const { wrong } = checked;
          return fail(
            400,
            'invalid_request',
            `${wrong.length} invalid field${wrong.length === 1 ? '' : 's'} in the request`,
            wrong.map((field) => ({ field, code: 'invalid', message: FIELD_MESSAGES[field].en })),
          );
        }
        const courier = checked.courier!;
        const trackingNumber = checked.trackingNumber!;
        const eventId = returnShipmentEventId(courier, trackingNumber);
        const back = (duplicate: boolean, delivered: boolean): Reply<200 | 202 | 303> =>
          wantsHtml
            ? { status: 303, headers: { Location: progressHref('post', form.token, locale, 'sent') } }
            : ok(duplicate ? 200 : 202, {
                eventId,
                workflowId: row.workflowId,
                duplicate,
                delivered,
                ...(duplicate ? { message: 'This return shipment was already received; it has its effect once.' } : {}),
              });
        // A repeat is answered as the first was, whatever the case has done since (its return may be in transit now).
        const kept = await prisma.caseLogEntry.findUnique({
          where: { shopId_caseId_entryId: { ...params, entryId: `event:${eventId}` } },
          select: { entryId: true },
        });
        if (kept) return back(true, true);
        if (row.status !== 'AWAITING_RETURN') {
          if (wantsHtml)
            return { status: 303, headers: { Location: progressHref('post', form.token, locale, 'not_awaiting') } };
          return fail(
            409,
            'not_awaiting_return',
            `Case ${row.caseId} is ${row.status}: it does not await a return shipment now.`,
          );
        }
        const receipt = await receiveCaseEvent(deps, params.shopId, params.caseId, {
          eventId,
          type: 'return_shipped',
          occurredAt: new Date().toISOString(),
          actor: 'buyer',
          data: { courier, trackingNumber },
        });
        // The id is made from the content, so a conflict is the same submission a moment apart (a double click).
        if (receipt.outcome === 'event_conflict') return back(true, true);
        return back(receipt.duplicate, receipt.delivered);
      },
    }),
  ];
}
