// A refund the product pays through Shopify (refundCreate), once per ledger row. Shopify's
// @idempotent directive (required on refundCreate since 2026-04) makes a retry within its
// retention window give back the first refund; looking first at the order's refunds for the one
// whose note carries the ledger key covers a retry after that window, and lets no second refund
// be asked for. What Shopify would refuse anyway (more than is left to refund, another currency)
// is refused here without a call that moves money.
import { createHash } from 'node:crypto';
import { cents } from '../../workflows/money';
import { PlatformRefusedError, type ConnectorContext, type RefundPush, type RefundResult } from '../connector';
import { adminGraphql, gid, legacyId, userErrorsRefusal } from './admin-api';
import { isPayment, isRefund, totalOf, TRANSACTION_FIELDS, type ShopifyTransaction } from './payments';
import { ledgerKeyIn, refundNote } from './refund-note';
import type { ShopifySettings } from './settings';

interface OrderRefunds {
  order: {
    currencyCode: string;
    refunds: { id: string; note: string | null }[];
    transactions: ShopifyTransaction[];
  } | null;
}

const ORDER_REFUNDS = `query OrderRefunds($id: ID!) {
  order(id: $id) {
    currencyCode
    refunds(first: 50) { id note }
    transactions(first: 50) { ${TRANSACTION_FIELDS} }
  }
}`;

/** The key for Shopify: a UUID's shape, as Shopify recommends, derived from the store and the ledger row so every attempt sends the same. */
function idempotencyKeyFor(shopDomain: string, refundId: string): string {
  const hex = createHash('sha256').update(`${shopDomain}\n${refundId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// The key is hex and dashes, so it is written into the document as the directive's literal.
const refundCreate = (key: string) => `mutation RefundCreate($input: RefundInput!) {
  refundCreate(input: $input) @idempotent(key: "${key}") {
    refund { id }
    userErrors { field message }
  }
}`;

/** The payment the refund goes back to: one that covers it, else the largest (Shopify says if it cannot). */
function parentFor(payments: readonly ShopifyTransaction[], amount: string): ShopifyTransaction {
  const byAmount = [...payments].sort(
    (a, b) => cents(b.amountSet.shopMoney.amount) - cents(a.amountSet.shopMoney.amount),
  );
  return byAmount.find((p) => cents(p.amountSet.shopMoney.amount) >= cents(amount)) ?? byAmount[0];
}

export async function shopifyRefund(ctx: ConnectorContext<ShopifySettings>, push: RefundPush): Promise<RefundResult> {
  const { order } = await adminGraphql<OrderRefunds>(ctx, {
    query: ORDER_REFUNDS,
    variables: { id: gid('Order', push.orderId) },
    cost: 101,
  });
  if (!order) throw new PlatformRefusedError(`Shopify knows no order ${push.orderId} in this store`);

  const made = order.refunds.find((r) => ledgerKeyIn(r.note) === push.refundId);
  if (made) return { providerRefundId: legacyId(made.id), paidBy: 'connector' };

  if (order.currencyCode !== push.currency)
    throw new PlatformRefusedError(
      `order ${push.orderId} is in ${order.currencyCode} at Shopify, not ${push.currency}`,
    );
  const payments = order.transactions.filter(isPayment);
  const refundable = cents(totalOf(payments)) - cents(totalOf(order.transactions.filter(isRefund)));
  if (!payments.length || cents(push.amount) > refundable) {
    throw new PlatformRefusedError(
      `Shopify can refund at most ${(Math.max(0, refundable) / 100).toFixed(2)} ${push.currency} more on order ${push.orderId}, not ${push.amount}`,
    );
  }
  const parent = parentFor(payments, push.amount);
  const { refundCreate: created } = await adminGraphql<{
    refundCreate: { refund: { id: string } | null; userErrors: { message: string }[] };
  }>(ctx, {
    query: refundCreate(idempotencyKeyFor(ctx.settings.shopDomain, push.refundId)),
    variables: {
      input: {
        orderId: gid('Order', push.orderId),
        note: refundNote(push.refundId),
        notify: true,
        transactions: [
          {
            orderId: gid('Order', push.orderId),
            parentId: parent.id,
            gateway: parent.gateway,
            kind: 'REFUND',
            amount: push.amount,
          },
        ],
      },
    },
    cost: 10,
  });
  const refusal = userErrorsRefusal(`the refund ${push.refundId}`, created.userErrors);
  if (refusal) throw refusal;
  if (!created.refund) throw new PlatformRefusedError(`Shopify made no refund for ${push.refundId} and said no why`);
  return { providerRefundId: legacyId(created.refund.id), paidBy: 'connector' };
}
