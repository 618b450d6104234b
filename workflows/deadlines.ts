// A rule's next moment, shown where ops look: in the workflow's state (the query), the
// NextDeadline search attribute, the Web UI's current details and each timer's summary. Orders and
// after-sales cases keep their promises the same way.
import { CancellationScope, condition, isCancellation, setCurrentDetails } from '@temporalio/workflow';
import { NextDeadlineAttribute } from './definitions';
import type { SearchAttributeWriter } from './search-attributes';
import { localDateTime } from './shop-clock';

/** A promise the workflow will act on at `at` unless an event comes first. */
export interface Deadline {
  rule: string;
  what: string;
  at: string;
}

/** One wait on a timer shared with others (see `onOneTimer`). */
interface SharedWait {
  rule: string;
  what: string;
  at: number;
  due: boolean;
}

/** `upcoming` is the list the workflow's state shows; `idle` says what stands when nothing is scheduled. */
export function createDeadlines(
  upcoming: Deadline[],
  timeZone: string,
  idle: () => string,
  attributes: SearchAttributeWriter,
) {
  // The waits that share one timer while `onOneTimer` runs.
  let shared: Set<SharedWait> | undefined;

  function show() {
    upcoming.sort((a, b) => a.at.localeCompare(b.at));
    attributes.set([{ key: NextDeadlineAttribute, value: upcoming.length ? new Date(upcoming[0].at) : null }]);
    setCurrentDetails(
      upcoming.length
        ? `**Next:**\n${upcoming.map((d) => `- ${d.rule} ${d.what} at ${localDateTime(Date.parse(d.at), timeZone)} (${timeZone})`).join('\n')}`
        : idle(),
    );
  }

  const summary = (rule: string, what: string, at: number) =>
    `${rule} ${what} at ${localDateTime(at, timeZone)} (${timeZone})`;

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
      if (!shared) return await condition(done, Math.max(1, at - Date.now()), { summary: summary(rule, what, at) });
      const wait: SharedWait = { rule, what, at, due: false };
      shared.add(wait);
      try {
        await condition(() => wait.due || done());
      } finally {
        shared.delete(wait);
      }
      return !wait.due || done();
    } finally {
      clear();
    }
  }

  /**
   * Runs `work` with its waits on one timer, set for the earliest of them. For waits that mostly end
   * together (an unpaid order's reminder, chase and auto-close all end at payment), one timer started
   * and one cancelled stand for one of each per wait; a nearer wait that comes later costs the
   * timer's cancel and a new one, which is why waits that end apart keep their own timers.
   */
  async function onOneTimer<T>(work: () => Promise<T>): Promise<T> {
    if (shared) return work();
    const waits = new Set<SharedWait>();
    const earliest = () => {
      let first: SharedWait | undefined;
      for (const wait of waits) if (!wait.due && (!first || wait.at < first.at)) first = wait;
      return first;
    };
    const timer = new CancellationScope();
    const ringing = timer.run(async () => {
      for (;;) {
        const next = earliest();
        if (!next) {
          await condition(() => earliest() !== undefined);
          continue;
        }
        const moved = await condition(() => earliest() !== next, Math.max(1, next.at - Date.now()), {
          summary: summary(next.rule, next.what, next.at),
        });
        if (moved) continue;
        for (const wait of waits) if (wait === next || wait.at <= Date.now()) wait.due = true;
      }
    });
    // Handled now: a cancelled workflow cancels the timer while `work` still cleans up.
    const stopped = ringing.catch((err) => {
      if (!isCancellation(err)) throw err;
    });
    shared = waits;
    try {
      return await work();
    } finally {
      shared = undefined;
      timer.cancel();
      await stopped;
    }
  }

  return { show, deadline, waitUntil, onOneTimer };
}
