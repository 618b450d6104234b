// A rule's next moment, shown where ops look: in the workflow's state (the query), the
// NextDeadline search attribute, the Web UI's current details and each timer's summary. Orders and
// after-sales cases keep their promises the same way.
import { condition, setCurrentDetails } from '@temporalio/workflow';
import { NextDeadlineAttribute } from './definitions';
import type { SearchAttributeWriter } from './search-attributes';
import { localDateTime } from './shop-clock';

/** A promise the workflow will act on at `at` unless an event comes first. */
export interface Deadline {
  rule: string;
  what: string;
  at: string;
}

/** `upcoming` is the list the workflow's state shows; `idle` says what stands when nothing is scheduled. */
export function createDeadlines(upcoming: Deadline[], timeZone: string, idle: () => string, attributes: SearchAttributeWriter) {
  function show() {
    upcoming.sort((a, b) => a.at.localeCompare(b.at));
    attributes.set([{ key: NextDeadlineAttribute, value: upcoming.length ? new Date(upcoming[0].at) : null }]);
    setCurrentDetails(
      upcoming.length
        ? `**Next:**\n${upcoming.map((d) => `- ${d.rule} ${d.what} at ${localDateTime(Date.parse(d.at), timeZone)} (${timeZone})`).join('\n')}`
        : idle(),
    );
  }

  /** Shows a rule's next moment; returns its remover. */
  function deadline(rule: string, what: string, at: number): () => void {
    const entry = { rule, what, at: new Date(at).toISOString() };
    upcoming.push(entry);
    show();
    return () => {
      // Removes this entry only, and only once (splice(-1) would take another's).
      const index = upcoming.indexOf(entry);
      if (index >= 0) upcoming.splice(index, 1);
      show();
    };
  }

  /** Waits until `done()` or the moment `at`; true when `done()` came first. */
  async function waitUntil(rule: string, what: string, at: number, done: () => boolean): Promise<boolean> {
    const clear = deadline(rule, what, at);
    try {
      return await condition(done, Math.max(1, at - Date.now()), { summary: `${rule} ${what} at ${localDateTime(at, timeZone)} (${timeZone})` });
    } finally {
      clear();
    }
  }

  return { show, deadline, waitUntil };
}
