// The shop's payment gateway, over signed JSON (A5). Money moves on the other side, so every call
// carries the ledger row's id as Idempotency-Key: a call whose answer was lost (timeout, reset
// connection, 5xx after the fact) is repeated with the same key, and the gateway answers the
// first refund instead of paying a second one. The errors are ApplicationFailures so Temporal
// knows at once which ones a retry can cure; their messages never carry the secret or the URL
// (whose query may hold a token).
import { ApplicationFailure } from '@temporalio/common';
import { OutboundUrlRefusedError } from '../outbound-url';
import { postSigned } from '../signed-post';

export interface RefundGateway {
  url: string;
  secret: string;
  timeoutMs: number;
}

export interface GatewayRefundRequest {
  /** The ledger row's id, `<workflow id>:<step>`: the same for every attempt. */
  idempotencyKey: string;
  shopId: string;
  caseId: string;
  orderId: string;
  /** Decimal string with two places, e.g. "59.00". */
  amount: string;
  currency: string;
}

// "Not now" rather than "never": timeout, a request with this key still in flight, rate limited.
const TRANSIENT_CLIENT_STATUSES = new Set([408, 409, 429]);

const unavailable = (message: string) => ApplicationFailure.retryable(message, 'RefundGatewayUnavailable');

/** `allowedHosts`: the deployment's OUTBOUND_ALLOWED_HOSTS, the only hosts the URL may be http or private on. */
export async function requestRefund(
  gateway: RefundGateway,
  request: GatewayRefundRequest,
  allowedHosts: readonly string[],
): Promise<{ providerRefundId: string }> {
  let response: Response;
  let text: string;
  try {
    response = await postSigned(gateway, request.idempotencyKey, JSON.stringify(request), allowedHosts);
    // Read inside the same time limit: a gateway that sends headers and then stalls is as lost.
    text = await response.text();
  } catch (err) {
    // Nothing was sent, and no retry is sent either until the shop configures another URL.
    if (err instanceof OutboundUrlRefusedError)
      throw ApplicationFailure.nonRetryable(`Payment gateway URL refused: ${err.message}`, err.code);
    throw transportFailure(err, gateway.timeoutMs);
  }

  const status = response.status;
  if (status >= 500 || TRANSIENT_CLIENT_STATUSES.has(status)) throw unavailable(`Payment gateway answered ${status}`);
  if (status >= 400) {
    const reason = errorField(text);
    throw ApplicationFailure.nonRetryable(
      `Payment gateway refused the refund (${status}${reason ? `: ${reason}` : ''})`,
      'RefundRefused',
    );
  }
  // A 3xx (redirects are not followed) is a gateway address to correct, then the retry goes through.
  if (status < 200 || status >= 300)
    throw unavailable(`Payment gateway answered ${status}; its URL must be the final address`);
  const refundId = stringField(text, 'refundId');
  // The refund may well have been made: only a retry with the same key can tell us its id.
  if (!refundId) throw unavailable(`Payment gateway answered ${status} without a refundId`);
  return { providerRefundId: refundId };
}

/** fetch's errors name the URL and wrap a cause; keep only what says what kind of failure it was. */
function transportFailure(err: unknown, timeoutMs: number): ApplicationFailure {
  if (property(err, 'name') === 'TimeoutError')
    return unavailable(`Payment gateway did not answer within ${timeoutMs} ms`);
  const code = property(property(err, 'cause'), 'code');
  return unavailable(`Payment gateway unreachable (${typeof code === 'string' ? code : 'no response'})`);
}

/** The provider's reason, kept short: it ends up in the ledger and in Temporal's history. */
function errorField(text: string): string | undefined {
  return stringField(text, 'error')?.slice(0, 200);
}

function stringField(text: string, key: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const value = property(parsed, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// Not `instanceof Error`: fetch's DOMException and socket errors may come from another realm.
function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
