// A signed TOP call for one shop: the common parameters, the signature, the answer's
// `<method>_response` object or the error TOP gave. A call that needs the seller's session renews it
// when it is about to expire, and once more when TOP says it is invalid, then tries again once.
import type { ConnectorContext } from '../connector';
import { PlatformRefusedError, PlatformUnavailableError } from '../connector';
import { postForm } from './http';
import { renewalDue, renewSession } from './session';
import type { TaobaoSettings } from './settings';
import { topSign } from './sign';
import { TopSessionError, topFailure, type TopError } from './top-errors';
import { parseTopJson } from './top-json';
import { toTopTime } from './top-time';

export type TopAnswer = Record<string, unknown>;

/** TOP names the answer after the method without its `taobao.` prefix: taobao.trade.fullinfo.get → trade_fullinfo_get_response. */
function responseKey(method: string): string {
  return `${method.replace(/^taobao\./, '').replace(/\./g, '_')}_response`;
}

export class TopClient {
  private settings: TaobaoSettings;

  constructor(private readonly ctx: ConnectorContext<TaobaoSettings>) {
    this.settings = ctx.settings;
  }

  /** A call in the seller's name (trades, refunds, shipping): needs the session key. */
  async seller(method: string, params: Record<string, string>): Promise<TopAnswer> {
    if (renewalDue(this.settings)) await this.renew();
    try {
      return await this.send(method, params, true);
    } catch (err) {
      if (!(err instanceof TopSessionError) || !this.settings.refreshToken) throw err;
      await this.renew();
      return this.send(method, params, true);
    }
  }

  /** A call in the app's own name (the message service): no session. */
  app(method: string, params: Record<string, string>): Promise<TopAnswer> {
    return this.send(method, params, false);
  }

  private async renew(): Promise<void> {
    const renewed = await renewSession(this.settings, this.ctx.outboundAllowedHosts);
    await this.ctx.saveSettings(renewed);
    this.settings = renewed;
  }

  private async send(method: string, params: Record<string, string>, withSession: boolean): Promise<TopAnswer> {
    const { settings } = this;
    const form: Record<string, string> = {
      ...params,
      method,
      app_key: settings.appKey,
      timestamp: toTopTime(new Date()),
      format: 'json',
      v: '2.0',
      sign_method: settings.signMethod,
      ...(withSession ? { session: settings.sessionKey } : {}),
    };
    form.sign = topSign(form, settings.appSecret, settings.signMethod);
    const { status, text } = await postForm({
      url: settings.gatewayUrl,
      form,
      timeoutMs: settings.timeoutMs,
      outboundAllowedHosts: this.ctx.outboundAllowedHosts,
      what: method,
    });
    if (status !== 200) throw new PlatformRefusedError(`TOP answered ${method} with HTTP ${status}`);
    let body: unknown;
    try {
      body = parseTopJson(text);
    } catch {
      throw new PlatformUnavailableError(`TOP answered ${method} with no JSON`);
    }
    const answer = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const error = answer.error_response as TopError | undefined;
    if (error && typeof error === 'object') throw topFailure(error);
    const result = answer[responseKey(method)];
    if (typeof result !== 'object' || result === null)
      throw new PlatformRefusedError(`TOP's answer to ${method} has no ${responseKey(method)}`);
    return result as TopAnswer;
  }
}
