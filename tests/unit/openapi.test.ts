import { openApiDocument } from '../../api/openapi';

describe('OpenAPI document', () => {
  const doc = openApiDocument();

  it('describes every route the API serves', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(['/health', '/orders', '/orders/{shopId}/{orderId}']);
  });

  it('takes the order body schema from the validating zod schema', () => {
    const input = doc.components.schemas.OrderInput as { required: string[]; properties: Record<string, unknown> };
    expect(input.required).toEqual(expect.arrayContaining(['shopId', 'orderId', 'items', 'total', 'paymentMethod', 'shippingAddress', 'placedAt']));
    expect(input.properties.paymentMethod).toMatchObject({ enum: ['ONLINE', 'CASH_ON_DELIVERY'] });
  });
});
