// The webhook topics the connector subscribes to and maps; any other topic is kept as unmapped.
const SHOPIFY_TOPICS = [
  'orders/create',
  'orders/paid',
  'orders/cancelled',
  'fulfillments/create',
  'fulfillments/update',
  'refunds/create',
] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

export function isShopifyTopic(topic: string): topic is ShopifyTopic {
  return (SHOPIFY_TOPICS as readonly string[]).includes(topic);
}

/** Orders' topics carry the order itself; the others carry a record of the order (order_id). */
export function carriesOrder(topic: ShopifyTopic): boolean {
  switch (topic) {
    case 'orders/create':
    case 'orders/paid':
    case 'orders/cancelled':
      return true;
    case 'fulfillments/create':
    case 'fulfillments/update':
    case 'refunds/create':
      return false;
    default:
      return topic satisfies never;
  }
}
