// TOP answers a refused call with HTTP 200 and `error_response {code, msg, sub_code, sub_msg}`.
// Whether to wait, renew the session or give up is read from the codes TOP documents: below 100
// the platform's own checks (7 and 4-8 call limits, 10 unavailable, 27 invalid session), `isp.*`
// sub-codes a fault on TOP's side, `isv.*` the caller's request.
import { PlatformCredentialsError, PlatformRefusedError, PlatformUnavailableError } from '../connector';

export interface TopError {
  code: number;
  msg: string;
  sub_code?: string;
  sub_msg?: string;
}

/** The call limits (4 user, 5 session, 6 partner, 7 app, 8 frequency): TOP says how long the ban lasts. */
const CALL_LIMIT_CODES = new Set([4, 5, 6, 7, 8]);
const UNAVAILABLE_CODES = new Set([10]);
const INVALID_SESSION_CODE = 27;

export class TopSessionError extends PlatformCredentialsError {
  override name = 'TopSessionError';
}

/** `code=27 ...` without the sub-message's free text beyond TOP's own words. */
function describeError(error: TopError): string {
  return [`TOP error ${error.code} ${error.msg}`, error.sub_code, error.sub_msg].filter(Boolean).join(': ');
}

function banMs(error: TopError): number | undefined {
  const seconds = /(\d+)\s*more seconds/i.exec(`${error.sub_msg ?? ''} ${error.msg}`);
  return seconds ? Number(seconds[1]) * 1000 : undefined;
}

function isSessionError(error: TopError): boolean {
  return (
    error.code === INVALID_SESSION_CODE ||
    /^(invalid-sessionkey|session-expired|session-not-exist)$/.test(error.sub_code ?? '')
  );
}

/** The error to throw for a refused call. */
export function topFailure(error: TopError): Error {
  if (isSessionError(error)) return new TopSessionError(describeError(error));
  const sub = error.sub_code ?? '';
  if (CALL_LIMIT_CODES.has(error.code) || sub.startsWith('accesscontrol.'))
    return new PlatformUnavailableError(describeError(error), banMs(error));
  if (UNAVAILABLE_CODES.has(error.code) || sub.startsWith('isp.'))
    return new PlatformUnavailableError(describeError(error));
  return new PlatformRefusedError(describeError(error));
}
