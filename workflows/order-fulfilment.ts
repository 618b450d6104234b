// From paid (or confirmed cash on delivery) to shipped: the address and courier (O5), the real
// stock (O7) and the shipping promise with its escalation (O8), all at once; then the shipment
// notice (O9). Resolves undefined once shipped, or with why the order closed instead.
import { condition } from '@temporalio/workflow';
import { notifyBuyer } from './messaging';
import { shareOf } from './money';
import type { Closure, Order } from './order-state';
import { nextLocalTime } from './shop-clock';
import { durationMs, humanDuration, type Locale } from './shop-policy';
import { allOf, unless } from './unless';

const iso = (ms: number) => new Date(ms).toISOString();

/** Resolves with the moment the order shipped, or with why it closed instead. */
export async function fulfil(order: Order, paidAt: number): Promise<{ shippedAt: number } | Closure> {
  const { facts, state } = order;
  // O8: one batch a day; paid before the cut-off leaves that day, after it the next day.
  const shipDueAt = nextLocalTime(paidAt, order.policy.shipping.cutoff, order.timeZone);
  state.paidAt = iso(paidAt);
  state.shipDueAt = iso(shipDueAt);
  await order.setStatus('awaiting-shipment', 'AWAITING_SHIPMENT', {
    by: 'workflow',
    rule: 'O8',
    set: { paidAt: state.paidAt, shipDueAt: state.shipDueAt },
  });

  let stop = false;
  const rules = unless(
    () => stop,
    () =>
      allOf([
        confirmAddress(order),
        watchStock(order),
        keepShippingPromise(order, paidAt, shipDueAt),
        watchPacking(order),
      ]),
  );
  rules.catch(() => undefined); // awaited below
  let shippedAt: number | undefined;
  try {
    await condition(
      () => facts.shipped !== undefined || facts.cancelled !== undefined || facts.closeRequest !== undefined,
    );
    // What ended the wait decides: a cancellation that comes while the shipment is being recorded is too late.
    if (facts.shipped) {
      shippedAt = Date.now();
      await order.inbox.settle('ship-order', facts.shipped.by, {
        courier: facts.shipped.courier,
        trackingNumber: facts.shipped.trackingNumber,
      });
    }
  } finally {
    stop = true;
    await rules;
  }
  if (shippedAt === undefined) {
    if (facts.cancelled) return { reason: 'CANCELLED', by: facts.cancelled.by, rule: 'O3' };
    return facts.closeRequest!;
  }

  const shipped = facts.shipped!;
  state.courier = shipped.courier;
  state.trackingNumber = shipped.trackingNumber;
  order.setLateToShip(false);
  await order.setStatus('shipped', 'SHIPPED', {
    by: shipped.by,
    rule: 'O8',
    set: {
      shippedAt: new Date(shippedAt).toISOString(),
      courier: shipped.courier,
      trackingNumber: shipped.trackingNumber,
    },
  });
  return { shippedAt };
}

/** O9: the notice goes as soon as it ships (held through quiet hours, while tracking runs). */
export async function announceShipment(order: Order): Promise<void> {
  const { courier, trackingNumber } = order.facts.shipped!;
  await notifyBuyer('shipment-notice', {
    ...order.ref,
    channel: order.policy.notifyChannel,
    template: 'shipment_notice',
    variables: { orderId: order.ref.orderId, courier, trackingNumber },
  });
}

async function watchPacking(order: Order): Promise<void> {
  await condition(() => order.facts.packed !== undefined);
  await order.setStatus('packed', 'PACKED', { by: order.facts.packed!.by, rule: 'O8' });
}

/** O5: the buyer checks the address and may name a courier; without a reply in time the default one ships. */
async function confirmAddress(order: Order): Promise<void> {
  const { address, notifyChannel } = order.policy;
  const locale: Locale = order.input.policy.messages.defaultLocale;
  await notifyBuyer('address-confirmation', {
    ...order.ref,
    channel: notifyChannel,
    locale,
    template: 'address_confirmation',
    variables: {
      orderId: order.ref.orderId,
      defaultCourier: address.defaultCourier,
      replyWithin: humanDuration(address.replyWithin, locale),
    },
  });
  const replied = await order.waitUntil(
    'O5',
    'ship with the default courier',
    Date.now() + durationMs(address.replyWithin),
    () => order.facts.addressReply !== undefined,
  );
  const reply = order.facts.addressReply;
  const courier = reply?.courier ?? address.defaultCourier;
  order.state.courier = courier;
  await order.change('courier-chosen', 'courier_chosen', {
    by: replied && reply ? reply.by : 'workflow',
    rule: 'O5',
    // O6's red flag: the buyer asked for another courier than the shop's default.
    flagged: courier !== address.defaultCourier,
    reason: replied ? 'the buyer replied' : `no reply within ${address.replyWithin}: default courier`,
    data: { courier },
  });
}

/** O7: an item the warehouse does not have is told to the buyer at once and settled by customer service. */
async function watchStock(order: Order): Promise<void> {
  await condition(() => order.facts.outOfStock !== undefined);
  const event = order.facts.outOfStock!;
  const itemTitle = event.itemTitle ?? '';
  await order.change('out-of-stock', 'out_of_stock', { by: event.by, rule: 'O7', flagged: true, data: { itemTitle } });
  const [, result] = await allOf([
    notifyBuyer('out-of-stock', {
      ...order.ref,
      channel: order.policy.notifyChannel,
      template: 'out_of_stock',
      variables: { orderId: order.ref.orderId, itemTitle },
    }),
    order.inbox.run('resolve-out-of-stock', {
      ...order.ref,
      kind: 'resolve_out_of_stock',
      queue: 'PRE_SALES',
      title: 'An item is out of stock: offer the buyer an exchange or a refund',
      due: order.policy.stock.resolveWithin,
      escalateTo: 'SUPERVISOR',
      details: { rule: 'O7', itemTitle },
    }),
  ]);
  if (result.outcome.resolution === 'cancelled')
    order.facts.closeRequest = { reason: 'OUT_OF_STOCK', by: result.completedBy, rule: 'O7' };
  else
    await order.change('stock-resolved', 'stock_resolved', {
      by: result.completedBy,
      rule: 'O7',
      data: { resolution: result.outcome.resolution },
    });
}

/**
 * O8: at the cut-off an order neither packed nor shipped is late: the warehouse gets a task (which
 * escalates to the supervisor 24 h after payment); at 48 h the buyer gets an apology and the
 * shop's compensation.
 */
async function keepShippingPromise(order: Order, paidAt: number, shipDueAt: number): Promise<void> {
  const { facts } = order;
  const { shipping } = order.policy;
  const shipped = () => facts.shipped !== undefined;
  if (await order.waitUntil('O8', 'ship by the cut-off', shipDueAt, shipped)) return;
  order.setLateToShip(true);
  await order.change('late-to-ship', 'late_to_ship', {
    by: 'workflow',
    rule: 'O8',
    data: { shipDueAt: iso(shipDueAt) },
  });

  async function warnWarehouse() {
    if (facts.packed) return;
    const result = await order.inbox.run('ship-order', {
      ...order.ref,
      kind: 'ship_order',
      queue: 'WAREHOUSE',
      title: 'Ship an order past its cut-off',
      due: { at: iso(paidAt + durationMs(shipping.escalateAfter)) },
      escalateTo: 'SUPERVISOR',
      details: { rule: 'O8', paidAt: iso(paidAt), shipDueAt: iso(shipDueAt) },
    });
    facts.shipped ??= {
      courier: result.outcome.courier,
      trackingNumber: result.outcome.trackingNumber,
      by: result.completedBy,
    };
  }

  async function apologise() {
    if (
      await order.waitUntil(
        'O8',
        'apologise for the late shipment',
        paidAt + durationMs(shipping.apologiseAfter),
        shipped,
      )
    )
      return;
    const locale: Locale = order.input.policy.messages.defaultLocale;
    const placed = order.state.placed!;
    const amount = shareOf(placed.totalAmount, shipping.compensation);
    await notifyBuyer('late-shipment-apology', {
      ...order.ref,
      channel: order.policy.notifyChannel,
      locale,
      template: 'late_shipment_apology',
      variables: {
        orderId: order.ref.orderId,
        compensation: locale === 'zh-CN' ? `${amount}元优惠券` : `a ${placed.currency} ${amount} coupon`,
      },
    });
    await order.change('late-shipment-compensation', 'late_shipment_compensation', {
      by: 'workflow',
      rule: 'O8',
      data: { amount, currency: placed.currency },
    });
  }

  await allOf([warnWarehouse(), apologise()]);
}
