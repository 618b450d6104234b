// The API's OpenAPI 3.1 document, served at /openapi.json. Request schemas come from the same zod
// schemas that validate requests, so the document cannot drift from what the API accepts.
import { inputSchema, messagesAndTasksPaths } from './openapi-messages-tasks';
import { orderInputSchema } from './order-schema';
import { ORDER_STATUSES, PAYMENT_METHODS } from '../workflows/definitions';

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
          summary: "Receive an order and start its workflow (idempotent on shopId + orderId)",
          requestBody: { required: true, content: json(ref('OrderInput')) },
          responses: {
            201: { description: 'Order received, workflow started', content: json(ref('OrderAccepted')) },
            200: { description: 'The same order was already received; its existing workflow is returned', content: json(ref('OrderAccepted')) },
            400: errorResponse('Invalid body; every bad field is named'),
            409: errorResponse('The order id was already used by an order with different content'),
          },
        },
      },
      '/orders/{shopId}/{orderId}': {
        get: {
          summary: "The stored order and its workflow's state",
          parameters: ['shopId', 'orderId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
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
        OrderInput: orderInput,
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
                status: { enum: [...ORDER_STATUSES] },
                paymentMethod: { enum: [...PAYMENT_METHODS] },
                recorded: { type: 'boolean' },
              },
            },
            workflowError: { type: 'string', description: 'Why the workflow state is missing, when it is' },
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
