// Activities that write a few rows finish once they have started: a cancellation of the step that
// called them takes effect when they return. Besides keeping the database and the workflow in step,
// this sends the server no cancel request for an activity that may already have completed (the Java
// time-skipping test server answers such a request with ACTIVITY_UNKNOWN and the workflow stalls).
import { CancellationScope, CancelledFailure } from '@temporalio/workflow';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Activities = Record<string, (...args: any[]) => Promise<unknown>>;

export function uninterrupted<T extends Activities>(activities: T): T {
  return new Proxy(activities, {
    get:
      (target, name: string) =>
      (...args: unknown[]) => {
        // Nothing new starts in a step already cancelled (no message after the buyer paid).
        if (CancellationScope.current().consideredCancelled)
          return Promise.reject(new CancelledFailure(`${name} not started: its step was cancelled`));
        return CancellationScope.nonCancellable(() => target[name](...args));
      },
  });
}
