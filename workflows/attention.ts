// The Attention search attribute: what about this workflow needs a person now (a late shipment, a
// problem parcel, an overdue or escalated task, a late case), so that ops can list exactly those
// in the Web UI (`Attention = 'PROBLEM_PARCEL'`). A flag is raised where its condition starts and
// lowered where it ends, by the rule that knows; two tasks overdue at once raise TASK_OVERDUE twice
// and it stays until both are done. The list goes through the workflow's attribute writer, so it is
// written only when the set of flags changes, together with the step's other changes.
import { ATTENTION_FLAGS, AttentionAttribute, type AttentionFlag } from './definitions';
import { opsWebUi } from './lean-history';
import type { SearchAttributeWriter } from './search-attributes';

export type Attention = ReturnType<typeof createAttention>;

const nothing = () => undefined;

/** Call once per workflow, beside its attribute writer. */
export function createAttention(attributes: SearchAttributeWriter) {
  const raised = Object.fromEntries(ATTENTION_FLAGS.map((flag) => [flag, 0])) as Record<AttentionFlag, number>;
  const lowerers: Partial<Record<AttentionFlag, () => void>> = {};
  // A workflow starts without the attribute, and goes back to none when no flag is left, so that
  // `Attention IS NULL` is "nothing to do"; an unset attribute is not written at the start.
  let shown = '';
  attributes.known([{ key: AttentionAttribute, value: null }]);

  function show() {
    // In the vocabulary's order, so that the same flags are always the same value.
    const flags = ATTENTION_FLAGS.filter((flag) => raised[flag] > 0);
    if (flags.join() === shown) return;
    shown = flags.join();
    attributes.set([{ key: AttentionAttribute, value: flags.length > 0 ? flags : null }]);
  }

  const attention = {
    /**
     * Raises `flag` until the returned function is called (again a no-op). Workflows replayed from
     * before issue 14 raise nothing, and nothing raised is lowered.
     */
    raise(flag: AttentionFlag): () => void {
      if (!opsWebUi()) return nothing;
      raised[flag]++;
      show();
      let lowered = false;
      return () => {
        if (lowered) return;
        lowered = true;
        // Not below zero: clear() may have come first.
        raised[flag] = Math.max(0, raised[flag] - 1);
        show();
      };
    },

    /** A flag that is either on or off for the workflow as a whole (LATE_TO_SHIP, PROBLEM_PARCEL). */
    set(flag: AttentionFlag, on: boolean) {
      const lower = lowerers[flag];
      if (on && !lower) lowerers[flag] = attention.raise(flag);
      if (!on && lower) {
        delete lowerers[flag];
        lower();
      }
    },

    /** A closed workflow needs nobody's attention: call before its last write. */
    clear() {
      for (const flag of ATTENTION_FLAGS) raised[flag] = 0;
      for (const flag of Object.keys(lowerers) as AttentionFlag[]) delete lowerers[flag];
      show();
    },
  };
  return attention;
}
