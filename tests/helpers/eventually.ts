// Polls until a condition holds, for outcomes that arrive asynchronously (activities, visibility).
// Bounded by time, not by a count of tries, and generously: on a machine whose cores are busy with
// other work a worker can take many seconds to act, and waiting longer costs nothing when it is fast.
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
