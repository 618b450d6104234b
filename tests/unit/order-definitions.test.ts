import { initialOrderStatus, orderWorkflowId, SEARCH_ATTRIBUTE_KEYS } from '../../workflows/definitions';

describe('order definitions', () => {
  it('names an order workflow by shop and order', () => {
    expect(orderWorkflowId('shop-1', 'TB1001')).toBe('order:shop-1:TB1001');
  });

  it('starts a cash-on-delivery order by confirming it with the buyer (O4)', () => {
    expect(initialOrderStatus('CASH_ON_DELIVERY')).toBe('AWAITING_COD_CONFIRMATION');
    expect(initialOrderStatus('ONLINE')).toBe('AWAITING_PAYMENT');
  });

  it('declares the search attributes ops filter by', () => {
    expect(SEARCH_ATTRIBUTE_KEYS.map((k) => `${k.name}:${k.type}`)).toEqual([
      'ShopId:KEYWORD',
      'OrderStatus:KEYWORD',
      'PaymentMethod:KEYWORD',
      'BuyerTier:KEYWORD',
      'NextDeadline:DATETIME',
      'LateToShip:BOOL',
      'CaseType:KEYWORD',
      'CaseStatus:KEYWORD',
      'Attention:KEYWORD_LIST',
    ]);
  });
});
