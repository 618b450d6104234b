// The one way this connector reaches TOP (its gateway and its token endpoint): a form POST to a URL
// the outbound rule allows, within the shop's timeout, redirects not followed (one would carry the
// signed request past the rule). What cannot be reached, times out or answers 5xx/429 is for later.
import { outboundUrlRefusal } from '../../activities/outbound-url';
import { PlatformRefusedError, PlatformUnavailableError } from '../connector';

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
    if (response.status >= 500 || response.status === 429) throw new PlatformUnavailableError(`TOP answered ${post.what} with HTTP ${response.status}`, retryAfterMs(response));
    return { status: response.status, text };
  } catch (err) {
    if (err instanceof PlatformUnavailableError) throw err;
    // fetch's errors come from Node's own realm: read the name, not instanceof.
    const timedOut = typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'TimeoutError';
    throw new PlatformUnavailableError(timedOut ? `TOP did not answer ${post.what} within ${post.timeoutMs} ms` : `TOP could not be reached for ${post.what}`);
  }
}
