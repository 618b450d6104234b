// Polls until a condition holds, for outcomes that arrive asynchronously (activities, visibility).
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, attempts = 100): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
