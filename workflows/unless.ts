// Racing a step against the order's events: a task or a message that an event makes pointless (the
// buyer paid, the parcel arrived) is withdrawn, and the step's own clean-up runs before we go on.
import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';

/**
 * Like Promise.all, but every branch finishes (its clean-up after a cancellation included) before
 * the first failure is passed on, so a withdrawn task is withdrawn before the order moves on.
 */
export async function allOf<T extends readonly unknown[] | []>(
  branches: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = (await Promise.allSettled(branches)) as PromiseSettledResult<unknown>[];
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

/**
 * Runs `work` until it finishes or `done()` turns true, whichever is first. In the second case the
 * work is cancelled, its clean-up awaited, and the result is undefined.
 */
export async function unless<T>(done: () => boolean, work: () => Promise<T>): Promise<T | undefined> {
  const scope = new CancellationScope();
  let finished = false;
  const working = scope.run(work);
  working.then(
    () => {
      finished = true;
    },
    () => {
      finished = true;
    },
  );
  try {
    await condition(() => finished || done());
  } catch (err) {
    // Cancelled from outside: the work is cancelled with us; let its clean-up finish first.
    await working.catch(() => undefined);
    throw err;
  }
  if (finished) return working;
  scope.cancel();
  try {
    return await working;
  } catch (err) {
    if (isCancellation(err)) return undefined;
    throw err;
  }
}
