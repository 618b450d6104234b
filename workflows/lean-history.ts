// The patch behind issue 13's leaner histories: search attributes written on change (at most once
// per activation) and our own database's rows written by local activities. One id for both, since
// they shipped together: each patch id costs every new workflow a marker and an upsert of
// TemporalChangeVersion, two history events for nothing the rules need.
export const LEAN_HISTORY_PATCH = 'lean-history';
