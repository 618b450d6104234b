// After-sales cases over HTTP: POST /cases opens one (A1), POST /cases/:shopId/:caseId/events
// feeds it, GET /cases/:shopId/:caseId shows ops the row beside the workflow's state, and
// GET .../progress answers the buyer, who holds the case's access token (A1).
import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { loadShopPolicy } from '../../activities/shop-settings';
import { caseWorkflowId, CLOSED_CASE_STATUSES, getCaseStateQuery, type CaseState } from '../../workflows/definitions';
import { LOCALES, type Locale } from '../../workflows/shop-policy';
import { receiveCaseEvent } from '../case-event-delivery';
import { openCase } from '../case-intake';
import { caseProgress } from '../case-progress';
import { caseEventBodySchema, caseIntakeSchema, casePathIdSchema } from '../case-schema';
import { sendError, validated } from '../errors';
import { idSchema } from '../field-rules';

const casePathSchema = z.object({ shopId: idSchema, caseId: casePathIdSchema });
const progressQuerySchema = z.object({ token: z.string().min(1).max(64), lang: z.enum(LOCALES).optional() });

/** How long a GET waits for the workflow's answer (it needs a running worker) before answering from the row. */
const QUERY_DEADLINE_MS = 5000;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function casesRouter(deps: { temporal: Client; prisma: PrismaClient }): Router {
  const { temporal, prisma } = deps;
  const router = Router();

  async function queryCase(workflowId: string): Promise<{ state: CaseState | null; error?: string }> {
    try {
      return { state: await temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => temporal.workflow.getHandle(workflowId).query(getCaseStateQuery)) };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { state: null };
      return { state: null, error: `The workflow did not answer (is a worker running?): ${(err as Error).message}` };
    }
  }

  router.post('/cases', async (req, res) => {
    const intake = validated(res, caseIntakeSchema, req.body, 'body');
    if (!intake) return;
    const receipt = await openCase(deps, intake);
    if (receipt.outcome === 'order_not_found') {
      return sendError(res, 404, 'order_not_found', `No order ${intake.orderId} for shop ${intake.shopId}: a case is opened on a known order.`,
        [{ field: 'orderId', code: 'not_found', message: 'no such order in this shop' }]);
    }
    if (receipt.outcome === 'order_not_paid') {
      return sendError(res, 422, 'order_not_paid', `Order ${intake.orderId} has not been paid: a ${intake.type} case asks for money back, and there is none to give.`,
        [{ field: 'orderId', code: 'not_paid', message: 'this order has not been paid' }], { paid: null, refundable: '0.00' });
    }
    if (receipt.outcome === 'exceeds_refundable') {
      const { currency, line } = receipt.money;
      const { paid, refundable } = line ?? receipt.money;
      const what = line ? `item line ${line.lineNo} of order ${intake.orderId}` : `order ${intake.orderId}`;
      return sendError(res, 422, 'exceeds_refundable', `At most ${currency} ${refundable} of ${what} can still be refunded (${currency} ${paid} paid${line ? ' for it' : ''}).`,
        [{ field: 'requestedAmount', code: 'exceeds_refundable', message: `must be more than 0.00 and at most ${refundable}` }], { paid, refundable, currency });
    }
    if (receipt.outcome === 'unknown_line') {
      return sendError(res, 422, 'unknown_line', `Order ${intake.orderId} has ${receipt.lines} item line${receipt.lines === 1 ? '' : 's'}.`,
        [{ field: 'lineNo', code: 'unknown_line', message: `must be between 1 and ${receipt.lines}` }]);
    }
    if (receipt.outcome === 'case_conflict') {
      return sendError(res, 409, 'case_conflict', `Case ${intake.caseId} was already opened with different content; the first one stands.`,
        [{ field: 'caseId', code: 'conflict', message: 'already used by a different case' }]);
    }
    res.location(`/cases/${intake.shopId}/${intake.caseId}`);
    res.status(receipt.outcome === 'opened' ? 201 : 200).json({
      caseId: intake.caseId,
      workflowId: receipt.workflowId,
      created: receipt.outcome === 'opened',
      accessToken: receipt.accessToken,
      progressUrl: receipt.progressUrl,
      ...(receipt.outcome === 'repeated' ? { message: 'This case was already opened; its existing workflow is returned and nothing was started.' } : {}),
    });
  });

  router.post('/cases/:shopId/:caseId/events', async (req, res) => {
    const path = validated(res, casePathSchema, req.params, 'params');
    const event = path && validated(res, caseEventBodySchema, req.body, 'body');
    if (!path || !event) return;
    const receipt = await receiveCaseEvent(deps, path.shopId, path.caseId, event);
    if (receipt.outcome === 'event_conflict') {
      return sendError(res, 409, 'event_conflict', 'An event with this id was already received with different content; the first one stands.',
        [{ field: 'eventId', code: 'conflict', message: 'already used by a different event' }]);
    }
    const { workflowId, duplicate, delivered, reason } = receipt;
    res.status(duplicate ? 200 : 202).json({
      eventId: event.eventId,
      workflowId,
      duplicate,
      delivered,
      ...(reason === 'case_not_found' ? { message: 'No such case yet; the event is kept and reaches the case when it opens.' } : {}),
      ...(reason === 'case_not_started' ? { message: 'The case is opening; the event is kept and reaches it when its workflow starts.' } : {}),
      ...(reason === 'case_closed' ? { message: 'This case is closed; the event is kept in its log and changes nothing.' } : {}),
      ...(delivered && duplicate ? { message: 'This event was already received; it has its effect once.' } : {}),
    });
  });

  router.get('/cases/:shopId/:caseId', async (req, res) => {
    const path = validated(res, casePathSchema, req.params, 'params');
    if (!path) return;
    const row = await prisma.afterSalesCase.findUnique({ where: { shopId_caseId: path } });
    const { state, error } = await queryCase(caseWorkflowId(path.shopId, path.caseId));
    if (!row && !state && !error) return sendError(res, 404, 'case_not_found', `No case ${path.caseId} for shop ${path.shopId}.`);
    const log = await prisma.caseLogEntry.findMany({ where: path, orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }] });
    res.json({
      workflowId: caseWorkflowId(path.shopId, path.caseId),
      case: row && { ...row, accessToken: undefined, payloadHash: undefined, requestedAmount: row.requestedAmount?.toFixed(2) ?? null },
      workflow: state,
      log: log.map(({ shopId: _s, caseId: _c, payloadHash: _h, ...entry }) => entry),
      ...(error ? { workflowError: error } : {}),
    });
  });

  router.get('/cases/:shopId/:caseId/progress', async (req, res) => {
    const path = validated(res, casePathSchema, req.params, 'params');
    const query = path && validated(res, progressQuerySchema, req.query, 'query');
    if (!path || !query) return;
    const row = await prisma.afterSalesCase.findUnique({ where: { shopId_caseId: path } });
    // A wrong token and an unknown case look the same, so neither reveals the other.
    if (!row || !sameToken(query.token, row.accessToken)) return sendError(res, 404, 'case_not_found', 'No case matches this id and access token.');
    const { state, error } = await queryCase(row.workflowId);
    // A closed case's row says all there is; an open one's next step is known only to its workflow.
    if (!state && (error || !CLOSED_CASE_STATUSES.includes(row.status))) {
      return sendError(res, 503, 'progress_unavailable', 'The progress of this case cannot be read just now; please try again in a minute.');
    }
    const policy = await loadShopPolicy(prisma, path.shopId);
    const locale = query.lang ?? (row.locale as Locale);
    res.json(caseProgress(state ?? { caseId: row.caseId, type: row.type, status: row.status, next: { step: 'none' } }, locale, policy.timeZone));
  });

  return router;
}
