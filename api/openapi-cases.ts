// The OpenAPI paths of after-sales cases (A1-A7): intake, events, the ops view and the buyer's
// progress answer. Request bodies come from the zod schemas that validate them.
import { CASE_EVENT_TYPES } from '../workflows/case-events';
import { CASE_STATUSES, CASE_STEPS } from '../workflows/definitions';
import { LOCALES } from '../workflows/shop-policy';
import { CASE_EVENT_DATA, caseIntakeSchema } from './case-schema';
import { inputSchema } from './openapi-messages-tasks';
import { eventEnvelopeSchema } from './order-event-schema';

const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const casePath = ['shopId', 'caseId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));

function caseEventSchema() {
  const envelope = inputSchema(eventEnvelopeSchema) as { properties: Record<string, object> };
  return {
    ...envelope,
    properties: { ...envelope.properties, type: { type: 'string', enum: [...CASE_EVENT_TYPES] }, data: { oneOf: CASE_EVENT_TYPES.map((type) => ({ title: type, ...inputSchema(CASE_EVENT_DATA[type]) })) } },
  };
}

const caseOpened = {
  type: 'object',
  required: ['caseId', 'workflowId', 'created', 'accessToken', 'progressUrl'],
  properties: {
    caseId: { type: 'string' },
    workflowId: { type: 'string', examples: ['case:shop-1:RMA-1001'] },
    created: { type: 'boolean' },
    accessToken: { type: 'string', description: "The buyer's key to the progress answer; give it to the buyer only" },
    progressUrl: { type: 'string', description: "The shop's progress page (policy cases.progressPageUrl) with the case and its token" },
    message: { type: 'string' },
  },
};

const caseEventAccepted = {
  type: 'object',
  required: ['eventId', 'workflowId', 'duplicate', 'delivered'],
  properties: { eventId: { type: 'string' }, workflowId: { type: 'string' }, duplicate: { type: 'boolean' }, delivered: { type: 'boolean' }, message: { type: 'string' } },
};

const progress = {
  type: 'object',
  required: ['caseId', 'type', 'status', 'locale', 'stage', 'next'],
  properties: {
    caseId: { type: 'string' },
    type: { type: 'string' },
    status: { type: 'string', enum: [...CASE_STATUSES] },
    locale: { type: 'string', enum: [...LOCALES] },
    stage: { type: 'string', description: 'Where the case stands, in the buyer\'s words', examples: ['退货已收到，正在验收'] },
    next: {
      type: 'object',
      required: ['step', 'text', 'by', 'byLocal'],
      properties: {
        step: { type: 'string', enum: [...CASE_STEPS] },
        text: { type: 'string', examples: ['验收完成后为您退款或换货'] },
        by: { type: ['string', 'null'], format: 'date-time' },
        byLocal: { type: ['string', 'null'], description: "The same moment on the shop's clock", examples: ['2026-11-24 10:00 (Asia/Shanghai)'] },
      },
    },
  },
};

export function casePaths() {
  return {
    '/cases': {
      post: {
        summary: 'Open an after-sales case on a known order (A1): return and refund, refund only, exchange, reissue, logistics, complaints',
        description:
          'The case is kept, then its workflow starts; the order\'s workflow is told (a refund-only case before shipment stops the shipment). ' +
          'The same request again returns the first answer (200). The buyer\'s description stays in the database.',
        requestBody: { required: true, content: json(inputSchema(caseIntakeSchema)) },
        responses: {
          201: { description: 'Opened', content: json(caseOpened) },
          200: { description: 'Already opened with this content: the first answer', content: json(caseOpened) },
          400: error('Invalid case; every bad field is named'),
          404: error('No such order in this shop (field orderId)'),
          409: error('The case id is already used by a different case'),
          422: error('A refund asked on an order not paid (order_not_paid, field orderId) or for more than is still refundable (exceeds_refundable, field requestedAmount); the body has paid and refundable'),
        },
      },
    },
    '/cases/{shopId}/{caseId}/events': {
      post: {
        summary: "Report an event of the case: the buyer's return shipped, its receipt by the warehouse, a withdrawal",
        description: 'Kept in the case\'s log first (also for a case not yet known). The same eventId again has one effect.',
        parameters: casePath,
        requestBody: { required: true, content: json(caseEventSchema()) },
        responses: {
          202: { description: 'Kept, and delivered to the case\'s workflow unless the case is unknown or closed', content: json(caseEventAccepted) },
          200: { description: 'This event id was already received', content: json(caseEventAccepted) },
          400: error('Invalid event; every bad field is named (data.<field> for the type\'s data)'),
          409: error('The event id was already used by a different event'),
        },
      },
    },
    '/cases/{shopId}/{caseId}': {
      get: {
        summary: "For ops: the case's row, its log and its workflow's state (status, deadlines, what comes next)",
        parameters: casePath,
        responses: { 200: { description: 'The case', content: json({ type: 'object' }) }, 404: error('No such case') },
      },
    },
    '/cases/{shopId}/{caseId}/progress': {
      get: {
        summary: "For the buyer (A1): where the case stands, what happens next and by when, in the buyer's language",
        parameters: [
          ...casePath,
          { name: 'token', in: 'query', required: true, schema: { type: 'string' }, description: "The case's access token" },
          { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: [...LOCALES] }, description: 'Default: the language the case was opened in' },
        ],
        responses: { 200: { description: 'The progress', content: json(progress) }, 400: error('Missing token'), 404: error('No case matches this id and token'), 503: error('The open case\'s workflow did not answer (no worker running); try again') },
      },
    },
  };
}
