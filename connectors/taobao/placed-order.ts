// A Taobao trade as the product's `placed` order: its order lines, postage, the promotions that
// lowered the price, the seller's 改价, and what the buyer pays (`payment`). The breakdown must add up
// to the payment exactly (refunds are measured against it); one that does not is left for ops with
// the figures, never balanced by a line TOP did not give. A buyer whose data TOP protects (OAID)
// keeps TOP's masked or encrypted name, phone and address as given.
import { cents, formatCents } from '../../workflows/money';
import { DISCOUNT_KINDS } from '../../api/order-schema';
import type { Trade, TradeOrder } from './records';
import type { TaobaoSettings } from './settings';

type DiscountKind = (typeof DISCOUNT_KINDS)[number];

/** A promotion's kind from TOP's id and name (`shopbonus-…` 店铺优惠券, `Tmall$…` 天猫购物券, 红包, 淘金币). */
function discountKind(promotion: { promotion_id?: string; promotion_name?: string }): DiscountKind {
  const label = `${promotion.promotion_id ?? ''} ${promotion.promotion_name ?? ''}`;
  if (/红包|redpacket|hongbao/i.test(label)) return 'red_packet';
  if (/淘金币|积分|point|tjb/i.test(label)) return 'points';
  if (/天猫|tmall|购物券|跨店|平台|platform/i.test(label)) return 'platform_coupon';
  if (/店铺|shopbonus|优惠券|coupon/i.test(label)) return 'shop_coupon';
  return 'other';
}

const isZero = (amount: string | undefined) => !amount || cents(amount) === 0;

function itemSku(order: TradeOrder): string {
  return order.outer_sku_id || order.sku_id || order.outer_iid || order.num_iid || order.oid;
}

function discounts(trade: Trade): { kind: DiscountKind; amount: string }[] {
  if (trade.promotion_details?.length)
    return trade.promotion_details
      .filter((p) => !isZero(p.discount_fee))
      .map((p) => ({ kind: discountKind(p), amount: p.discount_fee }));
  const lines = [trade.discount_fee, ...trade.orders.map((order) => order.discount_fee)].filter((fee) => !isZero(fee));
  return lines.map((amount) => ({ kind: 'other', amount: amount as string }));
}

function adjustments(trade: Trade): { amount: string; reason: string }[] {
  const total = trade.orders.reduce((sum, order) => sum + cents(order.adjust_fee ?? '0'), 0);
  return total === 0 ? [] : [{ amount: formatCents(total), reason: '改价' }];
}

export function placedOrderData(trade: Trade, settings: TaobaoSettings): Record<string, unknown> {
  const address = {
    recipient: trade.receiver_name,
    phone: trade.receiver_mobile || trade.receiver_phone,
    country: 'CN',
    province: trade.receiver_state,
    // Counties directly under a province (济源) come in receiver_district alone; TOP says to read it as the city then.
    city: trade.receiver_city || trade.receiver_district,
    district: trade.receiver_city ? trade.receiver_district || undefined : undefined,
    street: trade.receiver_address,
    postalCode: trade.receiver_zip || undefined,
    oaid: trade.oaid || undefined,
  };
  return {
    platform: settings.sellerType === 'B' ? 'tmall' : 'taobao',
    // The buyer's own phone is not TOP's to give; the recipient's is on the address.
    buyer: { id: trade.buyer_open_uid, name: trade.buyer_nick || trade.receiver_name },
    items: trade.orders.map((order) => ({
      sku: itemSku(order),
      title: order.title,
      quantity: order.num,
      unitPrice: order.price,
    })),
    shipping: trade.post_fee,
    discounts: discounts(trade),
    adjustments: adjustments(trade),
    total: trade.payment,
    currency: 'CNY',
    paymentMethod: trade.type === 'cod' ? 'CASH_ON_DELIVERY' : 'ONLINE',
    shippingAddress: address,
    placedAt: trade.created,
  };
}
