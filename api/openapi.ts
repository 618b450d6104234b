// The API's OpenAPI 3.1 document, served at /openapi.json. Request schemas come from the same zod
// schemas that validate requests, so the document cannot drift from what the API accepts.
import { casePaths } from './openapi-cases';
import { inputSchema, messagesAndTasksPaths } from './openapi-messages-tasks';
import { EVENT_DATA, eventEnvelopeSchema } from './order-event-schema';
import { orderInputSchema } from './order-schema';
import { paymentGatewayBody } from './routes/shop-payment-gateway';
import { monthQuery } from './routes/figures';
import { CaseType, ReviewRepairOutcome } from '../generated/prisma/enums';
import { ORDER_STATUSES } from '../workflows/definitions';
import { PLATFORM_EVENT_TYPES } from '../workflows/order-events';
import { COMPENSATION_OFFERS } from '../workflows/shop-policy';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['invalid_request', 'order_conflict', 'order_not_found'] },
        message: { type: 'string' },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'code', 'message'],
            properties: { field: { type: 'string', examples: ['items.0.quantity'] }, code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
const shopPath = [{ name: 'shopId', in: 'path', required: true, schema: { type: 'string' } }];
const orderPath = ['shopId', 'orderId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));

// The shapes shared by the figures: each rate comes with its counts, and is null when nothing was
// there to divide by; each duration is a median and an average in minutes, null when nothing was
// measured; amounts are decimal strings summed within one currency.
const count = { type: 'integer', minimum: 0 };
const rateOf = (of: string) => ({ type: ['number', 'null'], minimum: 0, maximum: 1, description: `${of}; null when the denominator is 0` });
const minutes = (of: string) => ({
  type: 'object',
  description: `Minutes ${of}, to one decimal; null when nothing was measured`,
  required: ['median', 'average'],
  properties: { median: { type: ['number', 'null'] }, average: { type: ['number', 'null'] } },
});
const amount = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', examples: ['42.50'] };
const countsBy = (keys: string[]) => ({ type: 'object', required: keys, properties: Object.fromEntries(keys.map((key) => [key, count])) });

function caseFiguresSchema() {
  return {
    type: 'object',
    required: ['shopId', 'month', 'from', 'to', 'returnAndRefundRate', 'timeToFirstResponse', 'timeToRefund', 'reviewRepair', 'compensationPaid'],
    properties: {
      shopId: { type: 'string' },
      month: { type: 'string', examples: ['2026-10'] },
      from: { type: 'string', format: 'date-time', description: "The month's first local midnight in the shop's time zone" },
      to: { type: 'string', format: 'date-time', description: 'The next month\'s first local midnight (exclusive)' },
      returnAndRefundRate: {
        type: 'object',
        description: 'Return and refund cases opened in the month over the orders paid in it; with every case type opened, and A7\'s counts by fault',
        properties: {
          ordersPaid: count,
          returnsAndRefunds: { ...count, description: 'Cases of type RETURN_REFUND or REFUND_ONLY opened in the month' },
          rate: rateOf('returnsAndRefunds / ordersPaid'),
          casesOpened: count,
          byType: countsBy(Object.values(CaseType)),
          byFault: { type: 'object', additionalProperties: count, description: 'PRODUCT, COURIER, BUYER, SERVICE as the deciding agent found; UNKNOWN when not judged', examples: [{ PRODUCT: 2, UNKNOWN: 1 }] },
        },
      },
      timeToFirstResponse: {
        type: 'object',
        description: "A2: the cases opened in the month, from opening to the first answer, against the shop's cases.firstResponseWithin",
        properties: {
          answered: count,
          unanswered: count,
          minutes: minutes('from opening to the first response, over the answered cases'),
          limit: { type: 'string', examples: ['2h'] },
          answeredAfterLimit: count,
        },
      },
      timeToRefund: {
        type: 'object',
        description: 'A5: the refunds the shop paid in the month (PAID, PAID_MANUALLY), by their case',
        properties: {
          paid: count,
          minutesFromOpened: minutes("from the case's opening to payment"),
          paidAfterReturn: { ...count, description: 'Paid refunds whose case has a received return' },
          minutesFromReturnReceived: minutes('from the return\'s receipt to payment'),
          byCurrency: {
            type: 'array',
            items: { type: 'object', properties: { currency: { type: 'string', examples: ['CNY'] }, count, totalAmount: amount } },
          },
          failed: { ...count, description: 'Refunds that failed, requested in the month' },
          paidByPlatform: { ...count, description: 'Refunds the platform paid in the month because the shop did not' },
        },
      },
      reviewRepair: {
        type: 'object',
        description: 'R1-R4: the repairs that ended in the month, and the ones begun in it that are still open',
        properties: {
          closed: count,
          byOutcome: countsBy(Object.values(ReviewRepairOutcome)),
          successRate: rateOf('REPAIRED / closed'),
          startedStillOpen: count,
        },
      },
      compensationPaid: {
        type: 'object',
        description: 'A6: the compensations applied in the month, by offer and currency (a reissue has no amount: 0.00)',
        properties: {
          count,
          byOffer: {
            type: 'array',
            items: { type: 'object', properties: { offer: { enum: [...COMPENSATION_OFFERS] }, currency: { type: 'string' }, count, totalAmount: amount } },
          },
        },
      },
    },
  };
}

/** The envelope, with `data` described for each type. */
function orderEventSchema() {
  const envelope = inputSchema(eventEnvelopeSchema) as { properties: Record<string, object> };
  envelope.properties.data = {
    description: 'What the event carries, by type (placed: the order as POST /orders takes it, without its ids)',
    oneOf: PLATFORM_EVENT_TYPES.map((type) => ({ title: type, ...inputSchema(EVENT_DATA[type]) })),
  };
  return envelope;
}

export function openApiDocument() {
  const orderInput = inputSchema(orderInputSchema);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Shop back office API',
      version: '0.1.0',
      description: "Starts and feeds the durable workflows that carry each order of an online shop, and serves the shop's settings, the agents' tasks and the figures.",
    },
    paths: {
      ...messagesAndTasksPaths(),
      ...casePaths(),
      '/shops/{shopId}/figures/cases': {
        get: {
          summary: "One month's after-sales figures (seed 002): return and refund rate (A7), time to first response (A2), time to refund (A5), review repair (R1-R4), compensation (A6)",
          description: 'Every rate comes with the counts it is computed from; a rate is null when its denominator is 0, a duration when nothing was measured. Amounts are decimal strings per currency.',
          parameters: [
            { name: 'shopId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'month', in: 'query', required: false, schema: inputSchema(monthQuery.shape.month), description: "YYYY-MM, from and to the local midnights in the shop's time zone. Default: the current month there" },
          ],
          responses: { 200: { description: 'Figures', content: json(ref('CaseFigures')) }, 400: errorResponse('Invalid month') },
        },
      },
      '/shops/{shopId}/payment-gateway': {
        get: {
          summary: "Where the shop's refunds are paid (A5); the secret is shown as \"(set)\"",
          parameters: shopPath,
          responses: {
            200: { description: 'The gateway', content: json(ref('PaymentGateway')) },
            400: errorResponse('Invalid path parameter'),
            404: errorResponse('No gateway configured (payment_gateway_not_configured): refunds wait until one is'),
          },
        },
        put: {
          summary: "Configure the shop's payment gateway: refunds are POSTed to url, signed with secret, keyed by Idempotency-Key",
          description:
            'Each refund is a JSON POST {idempotencyKey, shopId, caseId, orderId, amount, currency} with the headers Idempotency-Key, ' +
            'X-Backoffice-Timestamp (unix seconds) and X-Backoffice-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")> (as webhooks). ' +
            'The gateway answers 2xx {refundId}; the same key again must answer the first refund, never make a second. ' +
            'A timeout, 5xx, 408, 409 or 429 is retried with the same key; any other 4xx is a refusal ({error} says why).',
          parameters: shopPath,
          requestBody: { required: true, content: json(inputSchema(paymentGatewayBody)) },
          responses: {
            200: { description: 'Stored; the secret is shown as "(set)"', content: json(ref('PaymentGateway')) },
            400: errorResponse('Invalid body; every bad field is named'),
          },
        },
      },
      '/health': {
        get: {
          summary: 'Reachability of Temporal and the database, and whether a worker polls the orders task queue',
          responses: {
            200: { description: 'Everything is reachable', content: json(ref('Health')) },
            503: { description: 'A dependency is unreachable', content: json(ref('Health')) },
          },
        },
      },
      '/orders': {
        post: {
          summary: "Receive an order and start its workflow (idempotent on shopId + orderId): the order's `placed` event",
          requestBody: { required: true, content: json(ref('OrderInput')) },
          responses: {
            201: { description: 'Order received, workflow started', content: json(ref('OrderAccepted')) },
            200: { description: 'The same order was already received; its existing workflow is returned', content: json(ref('OrderAccepted')) },
            400: errorResponse('Invalid body; every bad field is named'),
            409: errorResponse('The order id was already used by an order with different content'),
          },
        },
      },
      '/orders/{shopId}/{orderId}/events': {
        post: {
          summary: "Report an event of the order (O6: kept in the order's log with who, why and when)",
          description:
            'The same eventId again has one effect and gets the same answer (200, duplicate: true). An event that comes before its order ' +
            '(paid before placed) is kept and starts the order\'s workflow, which waits for the order. Personal data in an event (a new ' +
            'address) stays in the database; the workflow learns only that it changed.',
          parameters: orderPath,
          requestBody: { required: true, content: json(ref('OrderEvent')) },
          responses: {
            202: { description: 'Kept and delivered to the order\'s workflow', content: json(ref('EventAccepted')) },
            200: { description: 'This event id was already received: the first answer again, or the order has closed (delivered: false)', content: json(ref('EventAccepted')) },
            400: errorResponse('Invalid event; every bad field is named (data.<field> for the type\'s data)'),
            409: errorResponse('The event id was already used by a different event, or a placed event reuses the order id for another order'),
          },
        },
      },
      '/orders/{shopId}/{orderId}/timeline': {
        get: {
          summary: "The order's log (O6): every event received and every change the workflow made, oldest first",
          parameters: orderPath,
          responses: {
            200: { description: 'The log', content: json(ref('Timeline')) },
            400: errorResponse('Invalid path parameter'),
            404: errorResponse('Nothing is known of this order'),
          },
        },
      },
      '/shops/{shopId}/unmatched-events': {
        get: {
          summary: 'Events kept for order ids that have not arrived (a platform ahead of itself, or a mistyped id), oldest first; each reaches its order when it comes',
          parameters: shopPath,
          responses: {
            200: {
              description: 'The unmatched events (at most 500)',
              content: json({
                type: 'object',
                required: ['shopId', 'events'],
                properties: {
                  shopId: { type: 'string' },
                  events: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['orderId', 'eventId', 'type', 'actor', 'at', 'recordedAt'],
                      properties: { orderId: { type: 'string' }, eventId: { type: 'string' }, type: { type: 'string' }, actor: { type: 'string' }, at: { type: 'string', format: 'date-time' }, recordedAt: { type: 'string', format: 'date-time' } },
                    },
                  },
                },
              }),
            },
            400: errorResponse('Invalid path parameter'),
          },
        },
      },
      '/orders/{shopId}/{orderId}': {
        get: {
          summary: "The stored order and its workflow's state: status, log and upcoming deadlines",
          parameters: orderPath,
          responses: {
            200: { description: 'Found', content: json(ref('OrderView')) },
            400: errorResponse('Invalid path parameter'),
            404: errorResponse('No such order'),
          },
        },
      },
    },
    components: {
      schemas: {
        Error: errorSchema,
        CaseFigures: caseFiguresSchema(),
        OrderInput: orderInput,
        OrderEvent: orderEventSchema(),
        EventAccepted: {
          type: 'object',
          required: ['eventId', 'workflowId', 'duplicate', 'delivered'],
          properties: {
            eventId: { type: 'string' },
            workflowId: { type: 'string', examples: ['order:shop-1:TB20261122001'] },
            duplicate: { type: 'boolean' },
            delivered: { type: 'boolean', description: 'false when the order has closed: the event is kept in its log and changes nothing' },
            message: { type: 'string' },
          },
        },
        Timeline: {
          type: 'object',
          properties: {
            shopId: { type: 'string' },
            orderId: { type: 'string' },
            entries: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  entryId: { type: 'string', description: 'event:<eventId> for a reported event, <workflow id>:<step> for a change' },
                  kind: { enum: ['EVENT', 'CHANGE'] },
                  type: { type: 'string', examples: ['paid', 'status SHIPPED', 'payment_reminder', 'courier_chosen'] },
                  actor: { type: 'string' },
                  reason: { type: ['string', 'null'] },
                  flagged: { type: 'boolean', description: "O6's red flag: a change of address, items or courier" },
                  data: { type: 'object' },
                  at: { type: 'string', format: 'date-time' },
                  recordedAt: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
        },
        OrderAccepted: {
          type: 'object',
          required: ['workflowId', 'runId', 'created'],
          properties: {
            workflowId: { type: 'string', examples: ['order:shop-1:TB20261122001'] },
            runId: { type: ['string', 'null'], description: 'null when the order is closed and its workflow no longer kept' },
            created: { type: 'boolean', description: 'false when the order had already been received' },
            message: { type: 'string' },
          },
        },
        OrderView: {
          type: 'object',
          required: ['workflowId', 'order', 'workflow'],
          properties: {
            workflowId: { type: 'string' },
            order: { type: ['object', 'null'], description: 'The stored row with its items; null until the workflow has recorded it' },
            workflow: {
              type: ['object', 'null'],
              description: "The workflow's own state (query getOrderState); null when it did not answer (see workflowError)",
              properties: {
                status: { enum: ['AWAITING_ORDER', ...ORDER_STATUSES] },
                placed: { type: 'object', description: 'Non-personal facts of the order: payment method, time, amount, currency, buyer tier' },
                recorded: { type: 'boolean' },
                lateToShip: { type: 'boolean' },
                shipDueAt: { type: 'string', format: 'date-time' },
                deadlines: {
                  type: 'array',
                  description: 'What the workflow will do next and when, unless an event comes first',
                  items: { type: 'object', properties: { rule: { type: 'string', examples: ['O3'] }, what: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
                },
                log: { type: 'array', description: 'What the workflow did and learnt, newest last', items: { type: 'object' } },
              },
            },
            workflowError: { type: 'string', description: 'Why the workflow state is missing, when it is' },
          },
        },
        PaymentGateway: {
          type: 'object',
          required: ['shopId', 'url', 'secret', 'timeoutMs', 'updatedAt'],
          properties: {
            shopId: { type: 'string' },
            url: { type: 'string', format: 'uri' },
            secret: { const: '(set)' },
            timeoutMs: { type: 'integer', description: 'How long one call may take before it is treated as lost and retried with the same key' },
            updatedAt: { type: 'string', format: 'date-time' },
          },
        },
        Health: {
          type: 'object',
          properties: {
            status: { enum: ['ok', 'unavailable'] },
            temporal: ref('Probe'),
            database: ref('Probe'),
            worker: ref('Probe'),
          },
        },
        Probe: {
          type: 'object',
          properties: { ok: { type: 'boolean' }, latencyMs: { type: 'number' }, error: { type: 'string' } },
        },
      },
    },
  };
}
