// The API's connection to Temporal. A request is someone waiting, so a server that is down is
// answered 503 (failure-answers.ts) within seconds: few gRPC retries, where the SDK's default ten
// back off for about 20 s. A call's deadline does not cut that backoff short, so it cannot replace
// this; nor would one deadline suit every call (a task's completion waits for its workflow).
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/** Retries of an unavailable server back off 0.1, 0.17, 0.29 and 0.49 s: about a second in all. */
const RETRIES = defaultGrpcRetryOptions({ maxAttempts: 5 });

export function connectApiToTemporal(address: string): Promise<Connection> {
  return Connection.connect({ address, interceptors: [makeGrpcRetryInterceptor(RETRIES)] });
}
