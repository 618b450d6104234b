// The one way this connector reaches TOP (its gateway and its token endpoint): a form POST to a URL
// the outbound rule allows, within the shop's timeout, redirects not followed (one would carry the
// signed request past the rule). What cannot be reached, times out or answers 5xx/429 is for later;
// a timeout, or a connection lost once made, says the answer is lost: TOP may have done the call.
import { outboundUrlRefusal } from '../../activities/outbound-url';
import { PlatformAnswerLostError, PlatformRefusedError, PlatformUnavailableError } from '../connector';

const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export interface FormPost {
  url: string;
  form: Readonly<Record<string, string>>;
  timeoutMs: number;
  outboundAllowedHosts: readonly string[];
  /** Names the call in errors (a TOP method name): never the URL or the form, which hold secrets. */
  what: string;
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** The answer's status and text; throws PlatformUnavailableError or PlatformRefusedError as above. */
export async function postForm(post: FormPost): Promise<{ status: number; text: string }> {
  const refused = await outboundUrlRefusal(post.url, post.outboundAllowedHosts);
  if (refused) throw new PlatformRefusedError(`the URL for ${post.what} is refused: ${refused}`);
  try {
    const response = await fetch(post.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(post.form).toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(post.timeoutMs),
    });
    const text = await response.text();
    if (response.status >= 500 || response.status === 429)
      throw new PlatformUnavailableError(
        `TOP answered ${post.what} with HTTP ${response.status}`,
        retryAfterMs(response),
      );
    return { status: response.status, text };
  } catch (err) {
    if (err instanceof PlatformUnavailableError) throw err;
    // fetch's errors come from Node's own realm: read the name and the cause's code, not instanceof.
    const { name, cause } =
      typeof err === 'object' && err !== null ? (err as { name?: unknown; cause?: { code?: unknown } }) : {};
    if (name === 'TimeoutError')
      throw new PlatformAnswerLostError(`TOP did not answer ${post.what} within ${post.timeoutMs} ms`);
    // Only a failure to connect says TOP never had the request; a connection lost later may have carried it.
    if (typeof cause?.code === 'string' && NEVER_SENT.has(cause.code))
      throw new PlatformUnavailableError(`TOP could not be reached for ${post.what}`);
    throw new PlatformAnswerLostError(`TOP's answer to ${post.what} was lost`);
  }
}
