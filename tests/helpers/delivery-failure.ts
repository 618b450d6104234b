// Channel errors end up in Temporal's history and the worker's logs, so the tests check each one
// is free of the personal data or message text it was sending.
export async function failureWithout(sending: Promise<unknown>, mustNotContain: string[]): Promise<Error> {
  const err = await sending.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected the send to fail with an Error');
  for (const text of mustNotContain) expect(err.message).not.toContain(text);
  return err;
}
