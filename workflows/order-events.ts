// The events a platform or a shop system reports about an order, as the workflow receives them:
// ids and non-personal facts. The API validates the HTTP body (api/order-event-schema.ts), keeps
// the whole of it in the order's log, and passes on only this.
import type { CaseType, PlacedOrder } from './definitions';
import type { ReviewRating } from './shop-policy';

/** What platforms and shop systems may post (POST /orders/:shopId/:orderId/events). */
export const PLATFORM_EVENT_TYPES = [
  'placed',
  'paid',
  'cancelled',
  'address_changed',
  'buyer_replied',
  'stock_checked',
  'packed',
  'shipped',
  'tracking_scanned',
  'delivered',
  'receipt_confirmed',
  'review_posted',
  'tier_changed',
  'review_changed',
  'price_adjusted',
  'refunded',
] as const;
export type PlatformEventType = (typeof PLATFORM_EVENT_TYPES)[number];

/** What this product's own workflows and intake tell an order; never accepted from outside. */
export const INTERNAL_EVENT_TYPES = ['case_opened'] as const;
export type InternalEventType = (typeof INTERNAL_EVENT_TYPES)[number];

export const ORDER_EVENT_TYPES = [...PLATFORM_EVENT_TYPES, ...INTERNAL_EVENT_TYPES] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/** What a courier's scan says; the last three make a problem parcel at once (O10). */
export const PARCEL_SCANS = ['in_transit', 'out_for_delivery', 'returned', 'damaged', 'lost'] as const;
export type ParcelScan = (typeof PARCEL_SCANS)[number];
export const PROBLEM_SCANS: readonly ParcelScan[] = ['returned', 'damaged', 'lost'];

/** What a buyer's reply answers: the cash-on-delivery price (O4) or the address and courier (O5). */
export const REPLY_TOPICS = ['cash_on_delivery', 'address'] as const;

interface EventBase {
  eventId: string;
  /** When it happened, by the sender's clock (ISO-8601). */
  at: string;
  /** Who did it: `platform`, `shop`, an agent's id. (The free-text reason stays in the database's log.) */
  by: string;
}

export type OrderEvent = EventBase &
  (
    | ({ type: 'placed' } & PlacedOrder)
    /** `amount`: what the buyer paid, when the platform says (else the order's total then). */
    | { type: 'paid'; amount?: string }
    /** `duplicateOf`: closed by an agent as the duplicate of that order (O3), honoured only before payment. */
    | { type: 'cancelled'; duplicateOf?: string }
    | { type: 'address_changed' }
    | { type: 'packed' }
    /** `collectedAmount`: what the courier collected from a cash-on-delivery buyer. */
    | { type: 'delivered'; collectedAmount?: string }
    | { type: 'receipt_confirmed' }
    | { type: 'buyer_replied'; about: (typeof REPLY_TOPICS)[number]; answer?: 'agreed' | 'declined'; courier?: string }
    | { type: 'stock_checked'; available: boolean; itemTitle?: string }
    | { type: 'shipped'; courier: string; trackingNumber: string }
    | { type: 'tracking_scanned'; scan: ParcelScan }
    | { type: 'review_posted'; rating: ReviewRating }
    | { type: 'tier_changed'; tier: string }
    /** An after-sales case on this order (A1); a refund-only request before shipment stops the shipment. */
    | { type: 'case_opened'; caseId: string; caseType: CaseType }
    /** R3: the buyer changed or deleted the review; delivered to the order's review repair. */
    | { type: 'review_changed'; rating: ReviewRating | 'deleted' }
    /** The shop changed the price before payment (改价); what may be refunded follows it. */
    | { type: 'price_adjusted'; amount: string }
    /** The platform refunded the buyer itself; kept in the refund ledger so that it is never paid again. */
    | { type: 'refunded'; refundId: string; amount: string; caseId?: string }
  );

export type OrderEventOf<T extends OrderEventType> = Extract<OrderEvent, { type: T }>;
