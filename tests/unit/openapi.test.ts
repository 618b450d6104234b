import type { Router } from 'express';
import pino from 'pino';
import { createApp } from '../../api/app';
import { openApiDocument } from '../../api/openapi';
import { PLATFORM_EVENT_TYPES } from '../../workflows/order-events';

/** The paths the Express app actually routes, in OpenAPI's {param} form. */
function servedRoutes(): string[] {
  const app = createApp({ temporal: {} as never, prisma: {} as never, logger: pino({ level: 'silent' }) });
  const stack = (app as unknown as { router: Router }).router.stack;
  const paths = stack.flatMap((layer) => {
    const nested = (layer.handle as unknown as { stack?: Router['stack'] }).stack ?? [layer];
    return nested.map((inner) => inner.route?.path).filter((path): path is string => typeof path === 'string');
  });
  return [...new Set(paths.filter((path) => path !== '/openapi.json').map((path) => path.replace(/:(\w+)/g, '{$1}')))].sort();
}

describe('OpenAPI document', () => {
  const doc = openApiDocument();

  it('describes every route the API serves', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(servedRoutes());
  });

  it('takes request bodies from the validating zod schemas (shop policy, task completion)', () => {
    const policy = doc.paths['/shops/{shopId}/policy'].put.requestBody.content['application/json'].schema as { properties: Record<string, unknown> };
    expect(Object.keys(policy.properties)).toEqual(['timeZone', 'messages', 'tasks', 'orders', 'cases', 'privacy']);
    expect(doc.paths['/tasks/{taskId}/complete'].post.description).toContain('call_buyer');
  });

  it('describes the data of every order event type (O6)', () => {
    const event = doc.components.schemas.OrderEvent as { required: string[]; properties: { data: { oneOf: { title: string }[] } } };
    expect(event.required).toEqual(expect.arrayContaining(['eventId', 'type', 'occurredAt']));
    expect(event.properties.data.oneOf.map((schema) => schema.title)).toEqual([...PLATFORM_EVENT_TYPES]);
  });

  it('takes the order body schema from the validating zod schema', () => {
    const input = doc.components.schemas.OrderInput as { required: string[]; properties: Record<string, unknown> };
    expect(input.required).toEqual(expect.arrayContaining(['shopId', 'orderId', 'items', 'total', 'paymentMethod', 'shippingAddress', 'placedAt']));
    expect(input.properties.paymentMethod).toMatchObject({ enum: ['ONLINE', 'CASH_ON_DELIVERY'] });
  });
});
