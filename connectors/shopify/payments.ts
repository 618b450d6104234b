// What a Shopify order's buyer paid and when, from its transactions: the order payloads carry no
// payment time, and the product's shipping deadline runs from the payment (O8). Read from the
// Admin API for every `paid` event, whichever message brings it (orders/create of an order paid
// at checkout, orders/paid, a backfill), so all of them give the same event.
import { cents, formatCents } from '../../workflows/money';
import type { ConnectorContext } from '../connector';
import { adminGraphql, gid } from './admin-api';
import type { ShopifySettings } from './settings';

export interface ShopifyTransaction {
  id: string;
  kind: string;
  status: string;
  gateway: string;
  processedAt: string | null;
  amountSet: { shopMoney: { amount: string; currencyCode: string } };
}

export const TRANSACTION_FIELDS = 'id kind status gateway processedAt amountSet { shopMoney { amount currencyCode } }';

const PAYMENTS_QUERY = `query OrderPayments($id: ID!) {
  order(id: $id) { id transactions(first: 50) { ${TRANSACTION_FIELDS} } }
}`;

export const isPayment = (t: ShopifyTransaction) =>
  t.status === 'SUCCESS' && (t.kind === 'SALE' || t.kind === 'CAPTURE');
export const isRefund = (t: ShopifyTransaction) => t.status === 'SUCCESS' && t.kind === 'REFUND';

export const totalOf = (transactions: readonly ShopifyTransaction[]) =>
  formatCents(transactions.reduce((sum, t) => sum + cents(t.amountSet.shopMoney.amount), 0));

export async function transactionsOf(
  ctx: ConnectorContext<ShopifySettings>,
  orderId: string,
): Promise<ShopifyTransaction[] | undefined> {
  const data = await adminGraphql<{ order: { transactions: ShopifyTransaction[] } | null }>(ctx, {
    query: PAYMENTS_QUERY,
    variables: { id: gid('Order', orderId) },
    cost: 51,
  });
  return data.order?.transactions;
}

/** The sum of the successful sales and captures, at the last of them; undefined while nothing is paid. */
export function paymentOf(transactions: readonly ShopifyTransaction[]): { amount: string; at: string } | undefined {
  const payments = transactions.filter(isPayment).filter((t) => t.processedAt);
  if (!payments.length) return undefined;
  const at = payments.map((t) => t.processedAt as string).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  return { amount: totalOf(payments), at };
}
