// What one order's workflow knows and shows: the facts its events brought (latched, so an event
// that comes early is not lost), its status, log and deadlines, and how each change reaches the
// database log (O6), the search attributes and the Web UI's current details.
import { ActivityCancellationType, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { OrderActivities } from '../activities';
import type { OrderFields } from '../activities/order-activities';
import {
  AWAITING_ORDER,
  BuyerTierAttribute,
  getOrderStateQuery,
  initialOrderStatus,
  LateToShipAttribute,
  orderEventSignal,
  OrderStatusAttribute,
  PaymentMethodAttribute,
  ShopIdAttribute,
  statusChangeType,
  type OrderState,
  type OrderStatus,
  type OrderWorkflowInput,
  type PlacedOrder,
} from './definitions';
import { PROBLEM_SCANS, type OrderEvent, type OrderEventOf } from './order-events';
import { RECORDS } from './activity-options';
import { createAttention } from './attention';
import { createDeadlines } from './deadlines';
import { createSearchAttributeWriter } from './search-attributes';
import { createTaskInbox } from './task-inbox';
import { recordActivities } from './record-activities';

// An activity task, not a local one: retried until its intake shows up (a worker on the wrong database), so an operator's cancel must be
// able to stop it; it waits for a running attempt, so that the row that attempt writes is there to close. (As a local activity, a
// cancel that came while it waited out a retry was never answered.)
const { recordOrder } = proxyActivities<OrderActivities>({
  ...RECORDS,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

/** Why an order closes without shipping, who caused it and under which rule. */
export interface Closure {
  reason: string;
  by: string;
  rule: string;
}

/** The latest of each kind of event, as the rules read them. */
export interface OrderFacts {
  paid?: OrderEventOf<'paid'>;
  cancelled?: OrderEventOf<'cancelled'>;
  packed?: OrderEventOf<'packed'>;
  shipped?: { courier: string; trackingNumber: string; by: string };
  delivered?: OrderEventOf<'delivered'>;
  received?: OrderEventOf<'receipt_confirmed'>;
  review?: OrderEventOf<'review_posted'>;
  codReply?: OrderEventOf<'buyer_replied'>;
  addressReply?: OrderEventOf<'buyer_replied'>;
  outOfStock?: OrderEventOf<'stock_checked'>;
  /** Address changes not yet applied to the order row. */
  addressChanges: OrderEventOf<'address_changed'>[];
  /** Tier changes not yet recorded. */
  tierChanges: OrderEventOf<'tier_changed'>[];
  /** Workflow time of the last courier scan, and the problem scans not yet followed up (O10). */
  lastScanAt?: number;
  problemScans: OrderEventOf<'tracking_scanned'>[];
  /** A rule's decision to close the order before it ships (duplicate, out of stock, refund asked). */
  closeRequest?: Closure;
  /**
   * O10/O11: the parcel never reached the buyer (lost, or returned to the sender), and the case
   * that settles it, whose end the order waits for instead of taking the parcel as received.
   */
  undelivered?: { finding: 'lost' | 'returned'; caseId: string; settled: Promise<string> };
}

export type Order = ReturnType<typeof createOrder>;

/** Call once, first thing in the workflow: it registers the event signal and the state query. */
export function createOrder(input: OrderWorkflowInput) {
  const { shopId, orderId, policy } = input;
  const attributes = createSearchAttributeWriter();
  const records = recordActivities<OrderActivities>(attributes);
  const facts: OrderFacts = { addressChanges: [], tierChanges: [], problemScans: [] };
  const state: OrderState = {
    shopId,
    orderId,
    status: AWAITING_ORDER,
    recorded: false,
    lateToShip: false,
    deadlines: [],
    log: [],
    eventIds: [],
  };
  const attention = createAttention(attributes);
  const inbox = createTaskInbox(attributes, { timeZone: policy.timeZone, attention });
  const ref = { shopId, orderId };
  const now = () => new Date(Date.now()).toISOString();
  let placedEvent: PlacedOrder | undefined;

  function note(what: string, extra: { rule?: string; by?: string } = {}) {
    state.log.push({ at: now(), what, ...extra });
  }

  function apply(event: OrderEvent) {
    switch (event.type) {
      case 'placed':
        placedEvent = event;
        break;
      case 'paid':
        facts.paid = event;
        break;
      case 'cancelled':
        if (!event.duplicateOf) facts.cancelled = event;
        else if (
          facts.paid === undefined &&
          (state.status === AWAITING_ORDER ||
            state.status === 'AWAITING_PAYMENT' ||
            state.status === 'AWAITING_COD_CONFIRMATION')
        )
          facts.closeRequest ??= { reason: 'DUPLICATE', by: event.by, rule: 'O3' };
        break;
      case 'packed':
        facts.packed = event;
        break;
      case 'shipped':
        facts.shipped ??= { courier: event.courier, trackingNumber: event.trackingNumber, by: event.by };
        break;
      case 'delivered':
        facts.delivered = event;
        break;
      case 'receipt_confirmed':
        facts.received = event;
        break;
      case 'review_posted':
        facts.review = event;
        break;
      case 'address_changed':
        facts.addressChanges.push(event);
        break;
      case 'tier_changed':
        facts.tierChanges.push(event);
        break;
      case 'buyer_replied':
        if (event.about === 'cash_on_delivery') facts.codReply = event;
        else facts.addressReply = event;
        break;
      case 'stock_checked':
        if (!event.available) facts.outOfStock = event;
        break;
      case 'case_opened':
        // A3: the buyer wants the money back before the parcel leaves, so it must not leave.
        if (event.caseType === 'REFUND_ONLY' && facts.paid && !facts.shipped)
          facts.closeRequest ??= { reason: 'REFUND_REQUESTED', by: event.by, rule: 'A3' };
        break;
      case 'tracking_scanned':
        facts.lastScanAt = Date.now();
        if (PROBLEM_SCANS.includes(event.scan)) facts.problemScans.push(event);
        break;
      // Money facts are the refund ledger's, read from the order's log; a changed review is the
      // review repair's (R3), which the API tells. The order's rules have nothing to do.
      case 'price_adjusted':
      case 'refunded':
      case 'review_changed':
        break;
      default:
        event satisfies never;
    }
  }

  setHandler(getOrderStateQuery, () => state);
  setHandler(orderEventSignal, (event) => {
    // The API signals every delivery of an event, repeats included, so that none is lost; the
    // first one counts.
    if (state.eventIds.includes(event.eventId)) return;
    state.eventIds.push(event.eventId);
    note(`event ${event.type}`, { by: event.by });
    apply(event);
  });
  attributes.setFromStart([
    { key: ShopIdAttribute, value: shopId },
    { key: OrderStatusAttribute, value: state.status },
  ]);

  const deadlines = createDeadlines(
    state.deadlines,
    policy.timeZone,
    () => `Status ${state.status}; nothing scheduled.`,
    attributes,
  );

  const order = {
    input,
    policy: policy.orders,
    timeZone: policy.timeZone,
    facts,
    state,
    inbox,
    ref,
    now,
    note,
    attributes,
    attention,
    records,

    /** Waits for the `placed` event (an earlier event started the workflow), then records the order. */
    async place(): Promise<PlacedOrder> {
      await condition(() => placedEvent !== undefined);
      const placed = await recordOrder({
        ...ref,
        workflowId: workflowInfo().workflowId,
        status: initialOrderStatus(placedEvent!.paymentMethod),
      });
      state.placed = placed;
      state.recorded = true;
      attributes.set([
        { key: PaymentMethodAttribute, value: placed.paymentMethod },
        { key: BuyerTierAttribute, value: placed.buyerTier },
      ]);
      await order.setStatus('placed', initialOrderStatus(placed.paymentMethod), { by: 'platform' });
      return placed;
    },

    /** Sets the status everywhere: state, search attribute, the order row and its log. */
    async setStatus(
      step: string,
      status: OrderStatus,
      change: { by: string; rule?: string; reason?: string; set?: OrderFields },
    ) {
      await order.change(step, statusChangeType(status), { ...change, set: { ...change.set, status } });
      state.status = status;
      attributes.set([{ key: OrderStatusAttribute, value: status }]);
      deadlines.show();
    },

    /** Appends a change to the order's log (and sets columns), keyed by the step. */
    async change(
      step: string,
      type: string,
      change: {
        by: string;
        rule?: string;
        reason?: string;
        flagged?: boolean;
        data?: Record<string, string | number | boolean>;
        set?: OrderFields;
      },
    ) {
      const { by, rule, reason, flagged, data, set } = change;
      await records.changeOrder({
        ...ref,
        entryId: `${workflowInfo().workflowId}:${step}`,
        type,
        at: now(),
        actor: by,
        reason,
        flagged,
        data: { ...data, ...(rule ? { rule } : {}) },
        set,
      });
      note(type, { rule, by });
    },

    /** Shows a rule's next moment in the state, the NextDeadline attribute and the Web UI; returns its remover. */
    deadline: deadlines.deadline,

    /** A rule's timer: shown as a deadline, with its summary in the Web UI, until it fires or is cancelled. */
    async sleepUntil(rule: string, what: string, at: number): Promise<void> {
      await deadlines.waitUntil(rule, what, at, () => false);
    },

    /** Waits until `done()` or the moment `at`; true when `done()` came first. */
    waitUntil: deadlines.waitUntil,

    /** Runs `work` with its waits on one timer, for the earliest of them. */
    onOneTimer: deadlines.onOneTimer,

    setLateToShip(late: boolean) {
      state.lateToShip = late;
      attributes.set([{ key: LateToShipAttribute, value: late }]);
      attention.set('LATE_TO_SHIP', late);
    },

    /** Applies address and tier changes as they come (O5/O6, O13), once the order row exists to take them. */
    async keepRecordsCurrent(): Promise<never> {
      for (;;) {
        await condition(() => state.recorded && (facts.addressChanges.length > 0 || facts.tierChanges.length > 0));
        const address = facts.addressChanges.shift();
        if (address) {
          await records.applyAddressChange({
            ...ref,
            eventId: address.eventId,
            entryId: `${workflowInfo().workflowId}:address:${address.eventId}`,
            at: now(),
          });
          note('address changed', { rule: 'O6', by: address.by });
        }
        const tier = facts.tierChanges.shift();
        if (tier) {
          await order.change(`tier:${tier.eventId}`, 'tier_changed', {
            by: tier.by,
            rule: 'O13',
            set: { buyerTier: tier.tier },
          });
          state.placed = { ...state.placed!, buyerTier: tier.tier };
          attributes.set([{ key: BuyerTierAttribute, value: tier.tier }]);
        }
      }
    },
  };
  return order;
}
