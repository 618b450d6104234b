// The patches behind the shape of a workflow's history, asked once per workflow (the first call
// records the marker; each patch id costs every new workflow a marker and an upsert of
// TemporalChangeVersion, two history events for nothing the rules need).
import { patched } from '@temporalio/workflow';

// Issue 13's leaner histories: search attributes written on change (at most once per activation)
// and our own database's rows written by local activities. One id for both, since they shipped together.
export const LEAN_HISTORY_PATCH = 'lean-history';

// Issue 14, ops in the Web UI: the Attention flags, ShopId on every workflow type, timer summaries
// on the shop's clock. It implies lean-history, so a new workflow asks this one first and carries
// its marker instead of lean-history's, not beside it: the patch costs new workflows nothing.
export const OPS_WEB_UI_PATCH = 'ops-web-ui';

// Issue 13 again: an unpaid order's reminder, chase and auto-close share one timer. It implies
// ops-web-ui and stands in for it the same way.
export const ONE_TIMER_WHILE_UNPAID_PATCH = 'one-timer-while-unpaid';

/** Whether an unpaid order's waits share one timer (every workflow started since). */
export function oneTimerWhileUnpaid(): boolean {
  return patched(ONE_TIMER_WHILE_UNPAID_PATCH);
}

/** Whether this workflow runs issue 14's logic (every workflow started since; none replayed from before). */
export function opsWebUi(): boolean {
  return oneTimerWhileUnpaid() || patched(OPS_WEB_UI_PATCH);
}

/** Whether this workflow writes attributes on change and rows by local activities (issue 13 on, issue 14 included). */
export function leanHistory(): boolean {
  return opsWebUi() || patched(LEAN_HISTORY_PATCH);
}
