// Errors of activities end up in Temporal's history and in the worker's logs. Prisma's messages
// quote the query's arguments (buyers' names, phones, addresses), so they leave an activity
// reduced to their class and code, and the message is dropped: nothing may keep it.
import { ApplicationFailure } from '@temporalio/common';

function isPrismaError(err: unknown): err is Error & { code?: string } {
  return err instanceof Error && err.name.startsWith('PrismaClient');
}

function withoutPersonalData<A extends unknown[], R>(activity: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await activity(...args);
    } catch (err) {
      if (!isPrismaError(err)) throw err;
      throw ApplicationFailure.retryable(
        `Database error ${err.name}${err.code ? ` ${err.code}` : ''} (details withheld: they may hold personal data)`,
        err.name,
      );
    }
  };
}

/** The same for every function of an activities object. */
export function allWithoutPersonalData<T extends Record<string, (...args: never[]) => Promise<unknown>>>(
  activities: T,
): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      withoutPersonalData(fn as (...args: unknown[]) => Promise<unknown>),
    ]),
  ) as unknown as T;
}
