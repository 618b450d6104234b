// The OpenAPI paths of the shop's settings, the agents' task inbox and the figures, with request
// bodies generated from the zod schemas that validate them.
import { z } from 'zod';
import { CHANNEL_CONFIG_SCHEMAS } from '../activities/messages/channels';
import { shopPolicySchema } from '../workflows/shop-policy';
import { TASK_KINDS } from '../workflows/task-kinds';
import { optOutBody } from './routes/buyer-contact';
import { monthQuery } from './routes/figures';
import { templateOverrideBody } from './routes/shop-templates';
import { claimBody, completeBody, reassignBody } from './routes/tasks';

export function inputSchema(schema: z.ZodType): object {
  const document = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete document.$schema;
  return document;
}

const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const ok = (description: string) => ({ description, content: json({ type: 'object' }) });
const params = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
const body = (schema: z.ZodType) => ({ required: true, content: json(inputSchema(schema)) });
const period = ['from', 'to'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: 'Default: the last 30 days' }));

export function messagesAndTasksPaths() {
  const shop = params('shopId');
  return {
    '/shops/{shopId}/policy': {
      get: { summary: "The shop's policy (defaults until changed)", parameters: shop, responses: { 200: ok('The policy and whether it is the defaults') } },
      put: {
        summary: 'Replace the policy; fields left out take their defaults',
        parameters: shop,
        requestBody: body(shopPolicySchema),
        responses: { 200: ok('Stored'), 400: error('Every invalid field, by path') },
      },
    },
    '/shops/{shopId}/channels': { get: { summary: "The shop's channels (M1), secrets hidden", parameters: shop, responses: { 200: ok('Channels') } } },
    '/shops/{shopId}/channels/{channel}': {
      put: {
        summary: 'Configure a channel: EMAIL (SMTP), SMS (Alibaba Cloud) or WEBHOOK (signed)',
        parameters: params('shopId', 'channel'),
        requestBody: { required: true, content: json({ oneOf: Object.values(CHANNEL_CONFIG_SCHEMAS).map(inputSchema) }) },
        responses: { 200: ok('Stored; secrets are shown as "(set)"'), 400: error('Invalid configuration') },
      },
      delete: { summary: 'Remove a channel', parameters: params('shopId', 'channel'), responses: { 204: { description: 'Removed' }, 404: error('Not configured') } },
    },
    '/shops/{shopId}/templates': { get: { summary: 'Every message template (M2) with its zh-CN and en text, default or the shop\'s', parameters: shop, responses: { 200: ok('Templates') } } },
    '/shops/{shopId}/templates/{template}/{locale}': {
      put: {
        summary: "The shop's wording of a template; placeholders must be the template's variables",
        parameters: params('shopId', 'template', 'locale'),
        requestBody: body(templateOverrideBody),
        responses: { 200: ok('Stored'), 400: error('Unknown placeholder or invalid text') },
      },
      delete: { summary: 'Back to the default wording', parameters: params('shopId', 'template', 'locale'), responses: { 204: { description: 'Removed' } } },
    },
    '/shops/{shopId}/buyers/{buyerId}/opt-outs': { get: { summary: "A buyer's opt-outs (M3)", parameters: params('shopId', 'buyerId'), responses: { 200: ok('Opt-outs') } } },
    '/shops/{shopId}/buyers/{buyerId}/opt-outs/{channel}': {
      put: { summary: 'The buyer wants no more messages on this channel; honoured from the next send', parameters: params('shopId', 'buyerId', 'channel'), requestBody: body(optOutBody), responses: { 200: ok('Recorded') } },
      delete: { summary: 'The buyer accepts messages on this channel again', parameters: params('shopId', 'buyerId', 'channel'), responses: { 204: { description: 'Removed' } } },
    },
    '/shops/{shopId}/messages': {
      get: {
        summary: 'The outbox rows of the shop (filter by orderId, status, channel); recipients are left out',
        parameters: [...shop, ...['orderId', 'status', 'channel', 'limit'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }))],
        responses: { 200: ok('Messages, newest first') },
      },
    },
    '/tasks': {
      get: {
        summary: 'Agents\' tasks (T1) by queue, status, assignee or overdue, earliest due first',
        parameters: ['shopId', 'queue', 'status', 'assignee', 'overdue', 'limit'].map((name) => ({ name, in: 'query', required: name === 'shopId', schema: { type: 'string' } })),
        responses: { 200: ok('Tasks'), 400: error('Invalid filter') },
      },
    },
    '/tasks/{taskId}': { get: { summary: 'One task', parameters: params('taskId'), responses: { 200: ok('The task'), 404: error('No such task') } } },
    '/tasks/{taskId}/claim': {
      post: { summary: 'Take an open task', parameters: params('taskId'), requestBody: body(claimBody), responses: { 200: ok('Claimed'), 409: error('Claimed by someone else, done or cancelled') } },
    },
    '/tasks/{taskId}/reassign': {
      post: { summary: 'T3: hand the task to a colleague or another queue', parameters: params('taskId'), requestBody: body(reassignBody), responses: { 200: ok('Reassigned'), 409: error('Done or cancelled') } },
    },
    '/tasks/{taskId}/complete': {
      post: {
        summary: "Report the task's outcome; the waiting workflow records it (Workflow Update) and moves on",
        description: `The outcome is validated against the task's kind: ${Object.entries(TASK_KINDS).map(([kind, def]) => `${kind} ${JSON.stringify(inputSchema(def.outcome))}`).join('; ')}`,
        parameters: params('taskId'),
        requestBody: body(completeBody),
        responses: { 200: ok('Completed (a repeat of the same completion answers the same)'), 400: error('Invalid outcome, each field named'), 409: error('Not open, claimed by someone else, or its workflow has ended'), 422: error('An approval or manual payment of more than is still refundable on the order (exceeds_refundable); the body has paid and refundable') },
      },
    },
    '/shops/{shopId}/figures/tasks': {
      get: { summary: 'T2: time to claim and complete, response target, overdue per queue and agent', parameters: [...shop, ...period], responses: { 200: ok('Figures') } },
    },
    '/shops/{shopId}/figures/messages': {
      get: { summary: 'Messages by channel and status, suppressions by reason', parameters: [...shop, ...period], responses: { 200: ok('Figures') } },
    },
    '/shops/{shopId}/figures/orders': {
      get: {
        summary: "One month's order figures (seed 002): payment-reminder conversion (O1), on-time shipping (O8), problem parcels and courier claims (O10)",
        description: 'Every rate comes with the counts it is computed from; a rate is null when its denominator is 0. Courier claim amounts are decimal strings.',
        parameters: [...shop, { name: 'month', in: 'query', required: false, schema: inputSchema(monthQuery.shape.month), description: "YYYY-MM, from and to the local midnights in the shop's time zone. Default: the current month there" }],
        responses: { 200: ok('Figures'), 400: error('Invalid month') },
      },
    },
  };
}
