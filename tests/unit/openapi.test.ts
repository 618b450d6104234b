import type { Router } from 'express';
import pino from 'pino';
import { createApp } from '../../api/app';
import { openApiDocument } from '../../api/openapi';
import { routeTable } from '../../api/routes';
import { PLATFORM_EVENT_TYPES } from '../../workflows/order-events';
import { TASK_KINDS } from '../../workflows/task-kinds';

type Operation = {
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
  responses: Record<string, { content?: unknown }>;
  security: unknown[];
  'x-access': { kind: string };
};

const routes = routeTable({
  temporal: {} as never,
  prisma: {} as never,
  outboundAllowedHosts: [],
  metrics: {} as never,
});
const doc = openApiDocument(routes);
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Operation })),
  );

/** The paths the Express app actually routes, in OpenAPI's {param} form. */
function servedRoutes(): string[] {
  const app = createApp({ temporal: {} as never, prisma: {} as never, logger: pino({ level: 'silent' }) });
  const stack = (app as unknown as { router: Router }).router.stack;
  const paths = stack.flatMap((layer) => {
    const nested = (layer.handle as unknown as { stack?: Router['stack'] }).stack ?? [layer];
    return nested.map((inner) => inner.route?.path).filter((path): path is string => typeof path === 'string');
  });
  return [...new Set(paths.map((path) => path.replace(/:(\w+)/g, '{$1}')))].sort();
}

describe('OpenAPI document, made from the route table', () => {
  it('describes every route the API serves, and no other', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(servedRoutes());
  });

  it('gives every answer with a body its schema (no bare object; text as a string)', () => {
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        // No body: 204, a redirect (which says where in its Location), and the progress form's 303 back to the page.
        if (status === '204' || status === '302' || status === '303') continue;
        const [mediaType, media] =
          Object.entries((response.content ?? {}) as Record<string, { schema?: Record<string, unknown> }>)[0] ?? [];
        const schema = media?.schema;
        const described =
          !!schema &&
          (mediaType === 'application/json'
            ? Object.keys(schema).length > 1 || !!schema.$ref || !!schema.properties
            : (mediaType?.startsWith('text/') || mediaType === 'application/octet-stream') && schema.type === 'string');
        expect({ at: `${method} ${path} ${status}`, described }).toEqual({
          at: `${method} ${path} ${status}`,
          described: true,
        });
      }
    }
  });

  it('documents /metrics as Prometheus text, public, with its errors as JSON', () => {
    const metrics = doc.paths['/metrics'].get as Operation;
    expect(metrics.responses['200'].content).toEqual({
      'text/plain; version=0.0.4; charset=utf-8': { schema: { type: 'string' } },
    });
    expect(metrics.responses['429'].content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/Error' } },
    });
    expect(metrics.security).toEqual([]);
  });

  it("documents the buyer's progress as JSON and as a page, and its form's post as JSON or a form (A1/A4)", () => {
    const progress = doc.paths['/cases/{shopId}/{caseId}/progress'].get as Operation;
    expect(Object.keys(progress.responses['200'].content as object)).toEqual(['application/json', 'text/html']);
    expect(Object.keys(progress.responses['404'].content as object)).toEqual(['application/json', 'text/html']);
    expect(progress.security).toEqual([]);
    const post = doc.paths['/cases/{shopId}/{caseId}/progress/return-shipment'].post as Operation;
    expect(Object.keys(post.requestBody!.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '202', '303', '400', '404', '409']));
    expect(Object.keys(post.responses['404'].content as object)).toEqual(['application/json', 'text/html']);
    expect(post.security).toEqual([]);
  });

  it('lists the guard’s answers wherever a credential is needed', () => {
    for (const { path, method, op } of operations()) {
      const statuses = Object.keys(op.responses);
      if (op['x-access'].kind === 'public')
        expect({ at: `${method} ${path}`, security: op.security }).toEqual({ at: `${method} ${path}`, security: [] });
      else
        expect({ at: `${method} ${path}`, statuses }).toEqual({
          at: `${method} ${path}`,
          statuses: expect.arrayContaining(['401', '429', '503']),
        });
      if (op['x-access'].kind === 'shop') expect(statuses).toEqual(expect.arrayContaining(['403', '404']));
    }
  });

  it('takes request bodies from the validating zod schemas (shop policy, task completion)', () => {
    const policy = (doc.paths['/shops/{shopId}/policy'].put as Operation).requestBody!.content['application/json']
      .schema as { properties: Record<string, unknown> };
    expect(Object.keys(policy.properties)).toEqual(['timeZone', 'messages', 'tasks', 'orders', 'cases', 'privacy']);
    const durations = policy.properties as {
      orders: {
        properties: {
          payment: { properties: Record<string, unknown> };
          receipt: { properties: Record<string, unknown> };
        };
      };
    };
    // A field's description says what it means (issue 14); its type and floor are its own keywords.
    expect(durations.orders.properties.receipt.properties.autoConfirmAfter).toMatchObject({
      default: '10d',
      'x-type': 'duration',
      'x-at-least': '1s',
      'x-rule': 'O11',
      description: 'The platform confirms receipt this long after shipping',
    });
    expect(durations.orders.properties.payment.properties.autoCloseAfter).toMatchObject({
      default: '72h',
      'x-type': 'duration',
      'x-at-least': '1m',
      pattern: expect.any(String),
    });
    const complete = (doc.paths['/tasks/{taskId}/complete'].post as Operation).requestBody!.content['application/json']
      .schema as { properties: { outcome: { oneOf: { title: string }[] } } };
    expect(complete.properties.outcome.oneOf.map((schema) => schema.title)).toEqual(Object.keys(TASK_KINDS));
  });

  it('describes the data of every order event type (O6)', () => {
    const event = (doc.paths['/orders/{shopId}/{orderId}/events'].post as Operation).requestBody!.content[
      'application/json'
    ].schema as { required: string[]; properties: { data: { oneOf: { title: string }[] } } };
    expect(event.required).toEqual(expect.arrayContaining(['eventId', 'type', 'occurredAt']));
    expect(event.properties.data.oneOf.map((schema) => schema.title)).toEqual([...PLATFORM_EVENT_TYPES]);
  });

  it('takes the order body schema from the validating zod schema', () => {
    const input = (doc.paths['/orders'].post as Operation).requestBody!.content['application/json'].schema as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(input.required).toEqual(
      expect.arrayContaining(['shopId', 'orderId', 'items', 'total', 'paymentMethod', 'shippingAddress', 'placedAt']),
    );
    expect(input.properties.paymentMethod).toMatchObject({ enum: ['ONLINE', 'CASH_ON_DELIVERY'] });
  });
});
