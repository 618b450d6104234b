// The words of after-sales cases (A1-A7): types, statuses, faults and the steps a buyer waits for.
// Plain data with no import, so the workbench page and the API use the very lists the workflows do.

export const CASE_TYPES = [
  'RETURN_REFUND',
  'REFUND_ONLY',
  'EXCHANGE',
  'REISSUE',
  'LOGISTICS',
  'QUALITY_COMPLAINT',
  'SERVICE_COMPLAINT',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];
/** The cases whose purpose is money back: refused on an unpaid order, and never for more than is refundable. */
export const MONEY_CASE_TYPES: readonly CaseType[] = ['REFUND_ONLY', 'RETURN_REFUND'];

export const CASE_STATUSES = [
  'OPEN',
  'AWAITING_RETURN',
  'RETURN_SHIPPED',
  'INSPECTING',
  'REFUNDING',
  'SHIPPING',
  'REFUNDED',
  'RESOLVED',
  'REJECTED',
  'CLOSED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** A case's status from its start, before any rule has moved it. */
export const INITIAL_CASE_STATUS: CaseStatus = 'OPEN';
export const CLOSED_CASE_STATUSES: readonly CaseStatus[] = ['REFUNDED', 'RESOLVED', 'REJECTED', 'CLOSED'];

/** A7: whose fault it was, as the deciding agent found. */
export const CASE_FAULTS = ['PRODUCT', 'COURIER', 'BUYER', 'SERVICE'] as const;

/** What the buyer waits for next; the progress answer (A1) puts it in the buyer's words. */
export const CASE_STEPS = [
  'first_response',
  'decision',
  'buyer_return',
  'seller_receipt',
  'inspection',
  'refund',
  'replacement_shipment',
  'none',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];
