// O5-O9 on the time-skipping server at their real default durations and shop-clock times: from
// paid to shipped, with the address check, the stock check and the shipping promise.
import { randomUUID } from 'node:crypto';
import { LateToShipAttribute } from '../../workflows/definitions';
import { HOUR, MINUTE, orderRules, shopTime } from '../helpers/order-rules';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';
import { commandRecord } from '../replay/command-record';

const t = runWorkerDuringTests(startTimeSkippingServer, `orders-${randomUUID()}`);
const shopId = `shop-ship-${randomUUID().slice(0, 8)}`;
const rules = orderRules(t, shopId);

/** An order placed and paid at `hhmm` on the shop's clock. */
async function paidAt(hhmm: string) {
  const placed = await rules.place(hhmm);
  await rules.event(placed, 'paid');
  await rules.rowWhere(placed, (r) => r.status === 'AWAITING_SHIPMENT', 'AWAITING_SHIPMENT');
  return placed;
}

describe('the shipping promise (O8) and the shipment notice (O9)', () => {
  test('paid at 15:00 and not shipped: the warehouse is warned at the 16:30 cut-off, the supervisor at 24 h, the buyer gets an apology at 48 h', async () => {
    const placed = await paidAt('15:00');
    const row = await rules.row(placed);
    expect(shopTime(row.shipDueAt!)).toBe('16:30');
    expect(row.shipDueAt!.getTime() - placed.placedAt).toBe(1.5 * HOUR);

    await rules.skipTo(placed.placedAt + 1.5 * HOUR - MINUTE);
    await rules.caughtUp(placed);
    expect(await rules.task(placed, 'ship-order')).toBeNull();
    await rules.skipTo(placed.placedAt + 1.5 * HOUR + MINUTE);
    const task = await rules.taskWhere(placed, 'ship-order', (task) => task.status === 'OPEN', 'open');
    expect(task).toMatchObject({ kind: 'ship_order', queue: 'WAREHOUSE', escalateTo: 'SUPERVISOR' });
    expect(task.dueAt.getTime()).toBe(row.paidAt!.getTime() + 24 * HOUR);
    expect(await rules.stateWhere(placed, (s) => s.lateToShip, 'late')).toMatchObject({
      status: 'AWAITING_SHIPMENT',
      lateToShip: true,
    });
    expect((await placed.handle.describe()).typedSearchAttributes.get(LateToShipAttribute)).toBe(true);

    await rules.skipTo(placed.placedAt + 24 * HOUR + MINUTE);
    const escalated = await rules.taskWhere(placed, 'ship-order', (task) => task.escalatedAt !== null, 'escalated');
    expect(escalated.queue).toBe('SUPERVISOR');
    expect(await rules.messageIn(placed, 'ship-order:escalated', ['SENT'])).toMatchObject({
      audience: 'STAFF',
      template: 'task_escalated',
    });
    expect(await rules.message(placed, 'late-shipment-apology')).toBeNull();

    await rules.skipTo(placed.placedAt + 48 * HOUR + MINUTE);
    const apology = await rules.messageIn(placed, 'late-shipment-apology', ['SENT']);
    // 5% of 109.00, within the ¥5-¥30 floor and ceiling.
    expect(apology.body).toContain('5.45元优惠券');
    expect(await rules.log(placed, 'late_shipment_compensation')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ amount: '5.45', rule: 'O8' }) }),
    ]);

    // O9: the platform reports it shipped: the task is done by that event, the notice goes at once.
    await rules.event(placed, 'shipped', { courier: '顺丰速运', trackingNumber: 'SF1234567890' });
    const shipped = await rules.rowWhere(placed, (r) => r.status === 'SHIPPED', 'SHIPPED');
    expect(shipped).toMatchObject({ courier: '顺丰速运', trackingNumber: 'SF1234567890' });
    expect(await rules.task(placed, 'ship-order')).toMatchObject({ status: 'DONE', completedBy: 'platform' });
    const notice = await rules.messageIn(placed, 'shipment-notice', ['SENT']);
    expect(notice.body).toContain('SF1234567890');
    expect((await placed.handle.describe()).typedSearchAttributes.get(LateToShipAttribute)).toBe(false);
  });

  test('paid at 17:00, after the cut-off: due at 16:30 the next day (one batch a day)', async () => {
    const placed = await paidAt('17:00');
    const row = await rules.row(placed);
    expect(shopTime(row.shipDueAt!)).toBe('16:30');
    expect(row.shipDueAt!.getTime() - placed.placedAt).toBe(23.5 * HOUR);
  });

  test('shipped before the cut-off: no warning, no apology, the notice at once', async () => {
    const placed = await paidAt('10:00');
    await rules.event(placed, 'packed', {}, { actor: 'warehouse' });
    await rules.rowWhere(placed, (r) => r.status === 'PACKED', 'PACKED');
    await rules.event(placed, 'shipped', { courier: '中通快递', trackingNumber: '75312345678901' });
    await rules.messageIn(placed, 'shipment-notice', ['SENT']);
    await rules.skipTo(placed.placedAt + 49 * HOUR);
    await rules.caughtUp(placed);
    expect(await rules.task(placed, 'ship-order')).toBeNull();
    expect(await rules.message(placed, 'late-shipment-apology')).toBeNull();
  });

  test('the warehouse can ship a late order by completing its task with the tracking number', async () => {
    const placed = await paidAt('15:00');
    await rules.skipTo(placed.placedAt + 2 * HOUR);
    await rules.taskWhere(placed, 'ship-order', (task) => task.status === 'OPEN', 'open');
    await rules.complete(placed, 'ship-order', 'warehouse-chen', {
      courier: '中通快递',
      trackingNumber: '75300000000001',
    });
    expect(await rules.rowWhere(placed, (r) => r.status === 'SHIPPED', 'SHIPPED')).toMatchObject({
      trackingNumber: '75300000000001',
    });
    expect(await rules.log(placed, 'status SHIPPED')).toEqual([expect.objectContaining({ actor: 'warehouse-chen' })]);
  });

  test("an operator's cancel of a late order withdraws the warehouse task before the order closes", async () => {
    const placed = await paidAt('15:00');
    await rules.skipTo(placed.placedAt + 2 * HOUR);
    await rules.taskWhere(placed, 'ship-order', (task) => task.status === 'OPEN', 'open');
    await placed.handle.cancel();
    expect(await placed.handle.result()).toMatchObject({ status: 'CANCELLED', closedReason: 'CANCELLED_BY_OPERATOR' });
    expect((await rules.task(placed, 'ship-order'))?.status).toBe('CANCELLED');
    // The order is closed only once the withdrawal is done, not beside it (the apology's timer is
    // cancelled at once, and must not let the close overtake the withdrawal).
    // Both are local activities, recorded as they complete.
    const commands = commandRecord(await placed.handle.fetchHistory());
    const withdrawn = commands.indexOf('local activity cancelTask');
    const closing = commands.lastIndexOf('local activity changeOrder');
    expect(withdrawn).toBeGreaterThan(-1);
    expect(closing).toBeGreaterThan(withdrawn);
  });
});

describe('address and courier (O5) and changes (O6)', () => {
  test('asks the buyer to check the address at once, and without a reply in 2 h ships with the default courier', async () => {
    const placed = await paidAt('10:00');
    const ask = await rules.messageIn(placed, 'address-confirmation', ['SENT']);
    expect(ask.body).toContain('2小时');
    expect(ask.body).toContain('中通快递');
    expect(await rules.log(placed, 'courier_chosen')).toEqual([]);
    await rules.skipTo(placed.placedAt + 2 * HOUR + MINUTE);
    const [chosen] = await rules.logged(placed, 'courier_chosen');
    expect(chosen).toMatchObject({
      actor: 'workflow',
      flagged: false,
      data: expect.objectContaining({ courier: '中通快递' }),
    });
  });

  test('a buyer who names another courier and changes the address gets both recorded with the red flag', async () => {
    const placed = await paidAt('10:00');
    const address = {
      recipient: '张三',
      phone: '13800000000',
      province: '浙江省',
      city: '杭州市',
      district: '滨江区',
      street: '江南大道 2 号',
    };
    await rules.event(
      placed,
      'address_changed',
      { shippingAddress: address },
      { actor: 'buyer', reason: 'moved office' },
    );
    await rules.event(placed, 'buyer_replied', { about: 'address', courier: '顺丰速运' }, { actor: 'buyer' });

    const [chosen] = await rules.logged(placed, 'courier_chosen');
    expect(chosen).toMatchObject({
      actor: 'buyer',
      flagged: true,
      data: expect.objectContaining({ courier: '顺丰速运' }),
    });
    const [changed] = await rules
      .logged(placed, 'address_changed')
      .then((rows) => rows.filter((row) => row.kind === 'CHANGE'));
    expect(changed).toMatchObject({ actor: 'buyer', reason: 'moved office', flagged: true });
    expect((await rules.row(placed)).shippingAddress).toMatchObject({ district: '滨江区', street: '江南大道 2 号' });
    // The workflow never saw the address.
    expect(JSON.stringify(await placed.handle.fetchHistory())).not.toContain('江南大道');
  });
});

describe('real stock (O7)', () => {
  test('an item out of stock is told to the buyer and to customer service at once; cancelling closes the order', async () => {
    const placed = await paidAt('10:00');
    await rules.event(placed, 'stock_checked', { available: false, sku: 'CUP-500' }, { actor: 'warehouse' });
    const told = await rules.messageIn(placed, 'out-of-stock', ['SENT']);
    expect(told.body).toContain('保温杯 500ml');
    const task = await rules.taskWhere(placed, 'resolve-out-of-stock', (task) => task.status === 'OPEN', 'open');
    expect(task).toMatchObject({ kind: 'resolve_out_of_stock', queue: 'PRE_SALES', escalateTo: 'SUPERVISOR' });

    await rules.complete(placed, 'resolve-out-of-stock', 'agent-li', {
      resolution: 'cancelled',
      note: 'buyer prefers a refund',
    });
    expect(await rules.rowWhere(placed, (r) => r.status === 'CANCELLED', 'closed')).toMatchObject({
      closedReason: 'OUT_OF_STOCK',
    });
  });
});
