// Shopify orders for the peer to hold, as a store would have them: by default paid online at
// checkout, two line items, shipping, tax on top of the prices, a discount code, one open
// fulfillment order. Tests change what they are about.
import type { PeerOrder, PeerTransaction, ShopifyPeer } from '../peers/shopify-peer';

export const PLACED_AT = '2026-11-20T09:30:00+08:00';
export const PAID_AT = '2026-11-20T09:31:10+08:00';

export function addShopifyOrder(peer: ShopifyPeer, overrides: Partial<PeerOrder> = {}): PeerOrder {
  const id = peer.id();
  const sale: PeerTransaction = {
    id: peer.id(),
    kind: 'SALE',
    status: 'SUCCESS',
    amount: '124.00',
    gateway: 'shopify_payments',
    processedAt: PAID_AT,
  };
  return peer.addOrder({
    id,
    createdAt: PLACED_AT,
    updatedAt: PAID_AT,
    processedAt: PLACED_AT,
    cancelledAt: null,
    currency: 'CNY',
    taxesIncluded: false,
    financialStatus: 'paid',
    gateways: ['shopify_payments'],
    email: 'buyer@example.com',
    phone: null,
    // 2 × 49.50 + 10.00 = 109.00; + shipping 10.00 + tax 15.00 - discount 10.00 = 124.00
    lineItems: [
      { id: peer.id(), sku: 'CUP-500', title: '保温杯', variantId: peer.id(), quantity: 2, price: '49.50' },
      { id: peer.id(), sku: null, title: '杯盖', variantId: 778899, quantity: 1, price: '10.00' },
    ],
    shippingLines: [{ price: '10.00', discountedPrice: '10.00' }],
    totalTax: '15.00',
    totalDiscounts: '10.00',
    discountCodes: [{ code: 'WELCOME10', amount: '10.00' }],
    totalPrice: '124.00',
    customer: { id: peer.id(), firstName: '三', lastName: '张', email: 'buyer@example.com', phone: '+8613800000000' },
    shippingAddress: {
      firstName: '三',
      lastName: '张',
      address1: '文三路 1 号',
      address2: null,
      city: '杭州市',
      province: '浙江省',
      countryCode: 'CN',
      zip: '310000',
      phone: '+86 138-0000-0000',
    },
    transactions: [sale],
    fulfillmentOrders: [{ id: peer.id(), status: 'OPEN' }],
    fulfillments: [],
    refunds: [],
    ...overrides,
  });
}
