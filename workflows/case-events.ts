// What the platform, the buyer or the warehouse reports about an after-sales case, as its workflow
// receives it. The API keeps the whole event in the case's log first (api/case-event-delivery.ts).

export const CASE_EVENT_TYPES = ['return_shipped', 'return_received', 'withdrawn'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

interface EventBase {
  eventId: string;
  /** When it happened, by the sender's clock (ISO-8601). */
  at: string;
  /** Who did it: `platform`, `buyer`, `warehouse`, an agent's id. */
  by: string;
}

export type CaseEvent = EventBase &
  /** A4: the buyer sent the item back. */
  (
    | { type: 'return_shipped'; courier: string; trackingNumber: string }
    /** A4: the return arrived at the warehouse (the seller's confirmation of receipt). */
    | { type: 'return_received' }
    /** The buyer took the request back. */
    | { type: 'withdrawn' }
  );

export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
