import { orderInputSchema } from '../../api/order-schema';
import { sampleOrderBody } from '../helpers/orders';

describe('order input schema', () => {
  it('accepts a platform order and normalises amounts to strings with two decimals', () => {
    const order = orderInputSchema.parse(sampleOrderBody({ total: 109 }));
    expect(order.total).toBe('109.00');
    expect(order.items.map((i) => i.unitPrice)).toEqual(['49.50', '10.00']);
    expect(order.currency).toBe('CNY');
    expect(order.shippingAddress.country).toBe('CN');
  });

  it('names every bad field by its path', () => {
    const result = orderInputSchema.safeParse(
      sampleOrderBody({
        shopId: 'shop:1',
        paymentMethod: 'cheque',
        items: [{ sku: 'A', title: 'A', quantity: 0, unitPrice: '1.234' }],
        placedAt: 'yesterday',
      }),
    );
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(fields).toEqual(['items.0.quantity', 'items.0.unitPrice', 'paymentMethod', 'placedAt', 'shopId']);
  });

  it('reads 49.5, "49.5" and "049.50" as the same amount', () => {
    const prices = [49.5, '49.5', '049.50'].map(
      (unitPrice) =>
        orderInputSchema.parse(
          sampleOrderBody({ items: [{ sku: 'A', title: 'A', quantity: 1, unitPrice }], total: unitPrice }),
        ).items[0].unitPrice,
    );
    expect(prices).toEqual(['49.50', '49.50', '49.50']);
  });

  it('refuses the NUL character, which PostgreSQL cannot store, naming the field', () => {
    const result = orderInputSchema.safeParse(sampleOrderBody({ buyer: { id: 'b', name: 'Zhang\u0000San' } }));
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['buyer.name', 'must not contain the NUL character'],
    ]);
  });

  it('refuses an order without items', () => {
    const result = orderInputSchema.safeParse(sampleOrderBody({ items: [] }));
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['items']);
  });
});
