// The search attributes ops filter by, written only when a value changes and at most once each time
// the workflow's code stops to wait (so mostly once per activation): every upsert is a history event
// (and a visibility write), and a rule that sets and clears its deadline in one step, or repeats a
// status, changes nothing ops could see in between.
import { leanHistory } from './lean-history';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { CancellationScope, condition, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';

export type SearchAttributeWriter = ReturnType<typeof createSearchAttributeWriter>;

/** Call once per workflow; `flush()` before the workflow returns. */
export function createSearchAttributeWriter() {
  const written = new Map<string, string>();
  const pending = new Map<string, SearchAttributeUpdatePair>();
  let held = 0;
  // Asked at the first write, so that a workflow that writes none carries no marker for it.
  let coalesced: boolean | undefined;

  /** Writes what changed since the last write, in one upsert. */
  function flush() {
    const changed = [...pending.values()].filter((pair) => written.get(pair.key.name) !== JSON.stringify(pair.value));
    pending.clear();
    if (changed.length === 0) return;
    upsertSearchAttributes(changed);
    for (const pair of changed) written.set(pair.key.name, JSON.stringify(pair.value));
  }

  function startFlushing() {
    // Woken when the workflow's code next waits (conditions are checked then), so the changes of
    // one step go together. Not cancellable: an operator's cancel still ends in
    // a status that ops must see.
    void CancellationScope.nonCancellable(async () => {
      for (;;) {
        await condition(() => pending.size > 0 && held === 0);
        flush();
      }
    });
  }

  const writer = {
    /** The latest value of each key counts; a value equal to the one written is not written again. */
    set(pairs: SearchAttributeUpdatePair[]) {
      if (coalesced === undefined) {
        // Workflows that wrote before this existed wrote every change at once, repeats included, and keep doing so.
        coalesced = leanHistory();
        if (coalesced) startFlushing();
      }
      if (!coalesced) return upsertSearchAttributes(pairs);
      for (const pair of pairs) pending.set(pair.key.name, pair);
    },
    flush,

    /**
     * Sets what the workflow shows from its start. A pair its start already carried (the API starts
     * orders and cases with them) counts as written, which saves the first upsert; a workflow
     * started without them writes them, as every workflow did before.
     */
    setFromStart(pairs: SearchAttributeUpdatePair[]) {
      const started = workflowInfo().typedSearchAttributes;
      const carried = (pair: SearchAttributeUpdatePair) =>
        JSON.stringify(started.get(pair.key)) === JSON.stringify(pair.value);
      writer.known(pairs.filter(carried));
      const missing = pairs.filter((pair) => !carried(pair));
      if (missing.length) writer.set(missing);
    },

    /** Takes `pairs` as already written (the value a key has when nothing set it), without writing them. */
    known(pairs: SearchAttributeUpdatePair[]) {
      for (const pair of pairs) written.set(pair.key.name, JSON.stringify(pair.value));
    },

    /** Writes nothing until `running` settles (a local activity, within this workflow task). */
    async holdWhile<T>(running: Promise<T>): Promise<T> {
      held++;
      try {
        return await running;
      } finally {
        held--;
      }
    },
  };
  return writer;
}
