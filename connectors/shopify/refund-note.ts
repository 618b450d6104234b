// The note a refund the product asks for carries: the ledger row's key, so the refunds/create
// webhook it causes (and any later look at the order's refunds) tells it from one the shop made.
const PREFIX = 'Back office refund ';

export const refundNote = (refundId: string) => `${PREFIX}${refundId}`;

/** The ledger key a refund's note carries, when the product made it. */
export function ledgerKeyIn(note: string | null | undefined): string | undefined {
  return note?.startsWith(PREFIX) ? note.slice(PREFIX.length).trim() || undefined : undefined;
}
