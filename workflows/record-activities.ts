// The activities that read or write a few rows of our own database run as local activities: the
// worker runs them inside the workflow task and history keeps one marker each, where an activity
// task costs three events and usually a workflow task of three more. They are short and idempotent
// (keyed by the workflow's step, never by the attempt), so the re-run a local activity may get
// after a lost workflow task writes nothing twice. Messages and money stay activity tasks: they
// reach the outside world, wait out long outages and are watched as pending activities.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import { LOCAL_RECORDS, RECORDS } from './activity-options';
import { leanHistory } from './lean-history';
import type { SearchAttributeWriter } from './search-attributes';
import { uninterrupted, type Activities } from './uninterrupted';

/**
 * `attributes`: the workflow's writer, which holds its write while a local activity runs, since
 * the workflow task goes on until it returns and what the step changes next belongs to the same write.
 */
export function recordActivities<T extends Activities>(attributes: SearchAttributeWriter): T {
  const remote = proxyActivities<Activities>(RECORDS);
  const local = proxyLocalActivities<Activities>(LOCAL_RECORDS);
  // Asked at each call, not at load: only a running workflow knows. Workflows that scheduled
  // these as activity tasks before keep doing so until they reach new code.
  const call = (name: string, args: unknown[]) =>
    leanHistory() ? attributes.holdWhile(local[name](...args)) : remote[name](...args);
  return uninterrupted(
    new Proxy({} as T, {
      get:
        (_, name: string) =>
        (...args: unknown[]) =>
          call(name, args),
    }),
  );
}
