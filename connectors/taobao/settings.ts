// What a shop gives to connect its Taobao or Tmall store: the app's key and secret from the TOP
// console, and the seller's authorisation (session key, refresh token and when the key expires).
import { z } from 'zod';
import { outboundUrlSchema } from '../../activities/outbound-url';
import { textSchema } from '../../api/field-rules';
import { SIGN_METHODS } from './sign';

/** TOP's decryption scenes (taobao.top.oaid.decrypt `scene`): the uses a shop's app may be approved for. */
export const OAID_SCENES = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '2001', '2002'] as const;
export type OaidScene = (typeof OAID_SCENES)[number];

const TOP_GATEWAY_URL = 'https://eco.taobao.com/router/rest';
const TOP_TOKEN_URL = 'https://oauth.taobao.com/token';

export function taobaoSettingsSchema(outboundAllowedHosts: readonly string[]) {
  return z.strictObject({
    gatewayUrl: outboundUrlSchema(outboundAllowedHosts).default(TOP_GATEWAY_URL),
    /** The OAuth token endpoint the session key is renewed at. */
    oauthUrl: outboundUrlSchema(outboundAllowedHosts).default(TOP_TOKEN_URL),
    appKey: z.string().regex(/^[A-Za-z0-9]{4,32}$/, 'the app key from the TOP console'),
    appSecret: z.string().min(8).max(128),
    /** TOP's SDKs sign with hmac unless told otherwise. */
    signMethod: z.enum(SIGN_METHODS).default('hmac'),
    /** The seller's access token (TOP's `session`). */
    sessionKey: z.string().min(1).max(256),
    refreshToken: z.string().min(1).max(256).optional(),
    /** When the session key expires; it is renewed with the refresh token shortly before. */
    sessionExpiresAt: z.iso.datetime({ offset: true }).optional(),
    /** The TMC user group the shop's messages are consumed from. */
    tmcGroup: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .default('default'),
    sellerNick: textSchema(64),
    /** TOP's seller type: C a Taobao shop, B a Tmall one (Tmall refunds name their phase). */
    sellerType: z.enum(['C', 'B']).default('C'),
    timeoutMs: z.int().min(1000).max(60_000).default(10_000),
    /** The scenes TOP approved the shop's app to decrypt buyers' OAID data for; none means never. */
    oaidDecryptScenes: z.array(z.enum(OAID_SCENES)).max(OAID_SCENES.length).default([]),
    /**
     * The 聚石塔 SMS by OAID (taobao.jst.sms.oaid.message.send) that reaches protected buyers: it
     * sends only texts TOP approved, so each product template needs its approved template's code.
     */
    oaidSms: z
      .strictObject({
        signName: textSchema(32),
        /** Our template name → the code TOP gave the approved template. */
        templateCodes: z.record(z.string(), z.string().regex(/^[A-Za-z0-9_]{1,64}$/)),
      })
      .optional(),
  });
}

export type TaobaoSettings = z.output<ReturnType<typeof taobaoSettingsSchema>>;

export const TAOBAO_SECRET_FIELDS = [
  'appSecret',
  'sessionKey',
  'refreshToken',
] as const satisfies readonly (keyof TaobaoSettings)[];
