// After an outage: the orders updated in the range, a page at a time (Shopify's cursor), each
// written as the webhooks it would have brought (graphql-payload.ts). The product keeps a message
// once by its id and an event once by its id, so what did arrive before is not applied twice.
import type { ConnectorContext, PlatformMessage } from '../connector';
import { adminGraphql } from './admin-api';
import { messagesOf, ORDER_NODE_FIELDS, type GraphqlOrder } from './graphql-payload';
import type { ShopifySettings } from './settings';

/** Orders a page: each costs Shopify's points for its line items, fulfillments and refunds (95); three a page (289 points) let a standard store's bucket (1000, refilled at 50 a second) take a few pages in a row. */
const PAGE = 3;

const BACKFILL = `query Backfill($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { ${ORDER_NODE_FIELDS} }
  }
}`;

interface Page {
  orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: GraphqlOrder[] };
}

export async function backfillShopify(
  ctx: ConnectorContext<ShopifySettings>,
  range: { from: Date; to: Date },
  cursor?: string,
): Promise<{ messages: PlatformMessage[]; cursor?: string }> {
  const query = `updated_at:>='${range.from.toISOString()}' updated_at:<='${range.to.toISOString()}'`;
  const { orders } = await adminGraphql<Page>(ctx, {
    query: BACKFILL,
    variables: { first: PAGE, after: cursor ?? null, query },
    cost: 289,
  });
  const next = orders.pageInfo.hasNextPage && orders.pageInfo.endCursor ? orders.pageInfo.endCursor : undefined;
  return { messages: orders.nodes.flatMap(messagesOf), ...(next ? { cursor: next } : {}) };
}
