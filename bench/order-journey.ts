// One benchmark order from placed to reviewed, posted as the platform would post it, each event
// once the step it answers has happened: paid, the buyer's reply to the address confirmation,
// shipped once the shop is waiting for it, delivered, received, on some orders a refund-only case
// the shop's rule approves and its gateway pays, and a good review.
import type { BenchShop } from './bench-shop';
import { callApi } from './bench-shop';
import type { ProgressWatch } from './progress-watch';

export interface Latencies {
  placeOrder: number[];
  postEvent: number[];
  openCase: number[];
}

export interface JourneyPlan {
  index: number;
  runId: string;
  withRefund: boolean;
}

export type JourneyEnd =
  { orderId: string; caseId?: string; completedAt: number } | { orderId: string; failed: string };

const ORDER_TOTAL = '109.00';

function journeyIds({ runId, index }: JourneyPlan) {
  return { orderId: `BENCH-${runId}-${index}`, caseId: `RMA-${runId}-${index}` };
}

export async function runJourney(
  plan: JourneyPlan,
  deps: { apiUrl: string; shop: BenchShop; watch: ProgressWatch; latencies: Latencies; stopped: Promise<never> },
): Promise<JourneyEnd> {
  const { apiUrl, shop, watch, latencies, stopped } = deps;
  const { orderId, caseId } = journeyIds(plan);
  const post = async (into: number[], path: string, body: unknown) => {
    const started = performance.now();
    const res = await callApi(apiUrl, shop.platformKey, 'POST', path, body);
    into.push(performance.now() - started);
    if (res.status >= 300)
      throw new Error(`POST ${path} answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  };
  let sequence = 0;
  const event = (type: string, data: Record<string, unknown> = {}) =>
    post(latencies.postEvent, `/orders/${shop.shopId}/${orderId}/events`, {
      eventId: `${type}-${++sequence}`,
      type,
      occurredAt: new Date().toISOString(),
      data,
    });
  // Whatever step an order is at, the end of the run stops waiting for it.
  const step = (wait: Promise<void>) => Promise.race([wait, stopped]);

  try {
    const phone = `139${String(plan.index).padStart(8, '0')}`;
    await post(latencies.placeOrder, '/orders', {
      shopId: shop.shopId,
      orderId,
      platform: 'taobao',
      buyer: { id: `buyer-${plan.runId}-${plan.index}`, name: '张三', phone },
      items: [
        { sku: 'CUP-500', title: '保温杯', quantity: 2, unitPrice: '49.50' },
        { sku: 'LID-1', title: '杯盖', quantity: 1, unitPrice: '10.00' },
      ],
      shipping: '0.00',
      total: ORDER_TOTAL,
      paymentMethod: 'ONLINE',
      shippingAddress: {
        recipient: '张三',
        phone,
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        street: '文三路 1 号',
      },
      placedAt: new Date().toISOString(),
    });
    await step(watch.untilOrder(orderId, 'AWAITING_PAYMENT'));
    await event('paid', { amount: ORDER_TOTAL });
    await step(watch.untilMessage(orderId, 'address_confirmation'));
    await event('buyer_replied', { about: 'address', answer: 'agreed' });
    await step(watch.untilOrder(orderId, 'AWAITING_SHIPMENT'));
    await event('shipped', { courier: '中通快递', trackingNumber: `7531${String(plan.index).padStart(10, '0')}` });
    await step(watch.untilMessage(orderId, 'shipment_notice'));
    await event('delivered');
    await step(watch.untilOrder(orderId, 'DELIVERED'));
    await event('receipt_confirmed');
    await step(watch.untilOrder(orderId, 'RECEIVED'));
    if (plan.withRefund) {
      await post(latencies.openCase, '/cases', {
        shopId: shop.shopId,
        caseId,
        orderId,
        type: 'REFUND_ONLY',
        situation: 'not_as_described',
        requestedAmount: shop.refundAmount,
        channel: 'platform',
        openedBy: 'buyer',
        description: '颜色和图片不一样',
      });
      await step(watch.untilCase(caseId, 'REFUNDED'));
    }
    await event('review_posted', { rating: 'positive' });
    await step(watch.untilOrder(orderId, 'COMPLETED'));
    return { orderId, ...(plan.withRefund ? { caseId } : {}), completedAt: Date.now() };
  } catch (err) {
    return { orderId, failed: (err as Error).message };
  }
}
