// The seller's session key expires (TOP gives it for a set time at authorisation); it is renewed at
// TOP's OAuth token endpoint with the refresh token (grant_type=refresh_token), which TOP may
// replace too, and the new pair is kept at once through saveSettings so no later call uses the old one.
import { z } from 'zod';
import { PlatformCredentialsError, PlatformUnavailableError } from '../connector';
import { postForm } from './http';
import type { TaobaoSettings } from './settings';

/** Renewed this long before it expires, so a call never starts with a key about to lapse. */
const RENEW_BEFORE_MS = 10 * 60 * 1000;

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
});

export function renewalDue(settings: TaobaoSettings, now = Date.now()): boolean {
  if (!settings.refreshToken || !settings.sessionExpiresAt) return false;
  return Date.parse(settings.sessionExpiresAt) - now < RENEW_BEFORE_MS;
}

export async function renewSession(
  settings: TaobaoSettings,
  outboundAllowedHosts: readonly string[],
): Promise<TaobaoSettings> {
  if (!settings.refreshToken)
    throw new PlatformCredentialsError(
      'the session key is no longer valid and there is no refresh token: the seller must authorise the app again',
    );
  const { status, text } = await postForm({
    url: settings.oauthUrl,
    form: {
      grant_type: 'refresh_token',
      refresh_token: settings.refreshToken,
      client_id: settings.appKey,
      client_secret: settings.appSecret,
    },
    timeoutMs: settings.timeoutMs,
    outboundAllowedHosts,
    what: 'the session renewal',
  });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new PlatformUnavailableError(`TOP's token endpoint answered HTTP ${status} with no JSON`);
  }
  const answer = tokenAnswerSchema.safeParse(body);
  if (status !== 200 || !answer.success) {
    const error =
      typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : `HTTP ${status}`;
    throw new PlatformCredentialsError(
      `TOP refused to renew the session key (${error}): the seller must authorise the app again`,
    );
  }
  return {
    ...settings,
    sessionKey: answer.data.access_token,
    refreshToken: answer.data.refresh_token ?? settings.refreshToken,
    sessionExpiresAt: new Date(Date.now() + answer.data.expires_in * 1000).toISOString(),
  };
}
