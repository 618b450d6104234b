// The page's one way to the API: same origin, the session cookie as the credential, JSON both ways.
// An answer is returned whatever its status, so each page says what a refusal means to its reader;
// only "not signed in" is handled here, by sending the person to the sign-in page.

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldProblem[] };
}

export type Answer<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; error: ErrorBody['error'] };

let onSignedOut: () => void = () => {};
export function whenSignedOut(handler: () => void) {
  onSignedOut = handler;
}

export async function call<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    return { ok: false, status: 0, error: { code: 'network', message: (err as Error).message } };
  }
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (res.ok) return { ok: true, status: res.status, body: parsed as T };
  if (res.status === 401 && path !== '/sessions') onSignedOut();
  const error = (parsed as ErrorBody | undefined)?.error ?? { code: `http_${res.status}`, message: res.statusText };
  return { ok: false, status: res.status, error };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { code: 'not_json', message: text.slice(0, 200) } };
  }
}

/** The body, or an exception carrying the refusal: for reads a page cannot do without. */
export async function read<T>(path: string): Promise<T> {
  const answer = await call<T>('GET', path);
  if (!answer.ok) throw new RefusedError(answer.status, answer.error);
  return answer.body;
}

export class RefusedError extends Error {
  constructor(
    readonly status: number,
    readonly detail: ErrorBody['error'],
  ) {
    super(detail.message);
  }
}

export const query = (params: Record<string, string | number | boolean | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};
