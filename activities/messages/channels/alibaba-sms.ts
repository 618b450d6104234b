// SMS through Alibaba Cloud SMS (dysmsapi 2017-05-25, SendSms), signed with the RPC signature V1
// (HMAC-SHA1, SignatureVersion 1.0) that Alibaba documents for this API, written on node:crypto
// so the worker carries no Alibaba SDK.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OUTBOUND_URL_REFUSED, outboundUrlRefusal } from '../../outbound-url';
import { Channel, DeliveryReceipt, OutgoingMessage, PermanentDeliveryError, deliveryTimeoutMs } from './channel';

export const alibabaSmsConfigSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }).default('https://dysmsapi.aliyuncs.com'),
  accessKeyId: z.string().min(1),
  accessKeySecret: z.string().min(1),
  signName: z.string().min(1),
  regionId: z.string().min(1).default('cn-hangzhou'),
  /** Our template name → the code Alibaba gave the approved template (SMS_123456). */
  templateCodes: z.record(z.string(), z.string().min(1)),
  timeoutMs: deliveryTimeoutMs(10_000),
});

export type AlibabaSmsConfig = z.output<typeof alibabaSmsConfigSchema>;

const API_VERSION = '2017-05-25';
// The SendSms reference names no length for OutId; a key longer than this is hashed, so a retry
// still carries the same OutId.
const OUT_ID_MAX_LENGTH = 64;

/** Refusals that a retry of the same message cannot turn into a delivery. */
const PERMANENT_CODES = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
  'isv.SMS_SIGN_ILLEGAL',
  'isv.SMS_CONTENT_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.TEMPLATE_PARAMS_ILLEGAL',
  'isv.INVALID_JSON_PARAM',
  'isv.INVALID_PARAMETERS',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
  // The provider's own per-number limit (M3): retrying today only burns more of it.
  'isv.BUSINESS_LIMIT_CONTROL',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId.NotFound',
]);

const replySchema = z.object({ Code: z.string(), BizId: z.string().optional() });

/** RFC 3986 encoding as Alibaba specifies it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== 'Signature')
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key])}`)
    .join('&');
}

/** The RPC signature V1: Base64(HMAC-SHA1(secret + "&", METHOD&%2F&percentEncode(sorted query))). */
export function signRpcRequest(
  method: 'GET' | 'POST',
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

function outIdFor(idempotencyKey: string): string {
  if (idempotencyKey.length <= OUT_ID_MAX_LENGTH) return idempotencyKey;
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 32);
}

/** Alibaba wants yyyy-MM-ddTHH:mm:ssZ in UTC, without milliseconds. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function stringField(value: unknown, field: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(field in value)) return undefined;
  const found: unknown = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : undefined;
}

/** Names a network failure without its message, which may carry addresses or payloads. Read by
 *  shape, not instanceof: fetch's errors can come from another realm (as under jest). */
function failureName(error: unknown): string {
  const name = stringField(error, 'name') ?? 'unknown error';
  const code =
    typeof error === 'object' && error !== null && 'cause' in error ? stringField(error.cause, 'code') : undefined;
  return code === undefined ? name : `${name}: ${code}`;
}

/** `allowedHosts`: the deployment's OUTBOUND_ALLOWED_HOSTS, the only hosts the endpoint may be http or private on. */
export function createAlibabaSmsChannel(config: AlibabaSmsConfig, allowedHosts: readonly string[]): Channel {
  const url = new URL('/', config.endpoint);

  return {
    async send(message: OutgoingMessage): Promise<DeliveryReceipt> {
      if (!Object.hasOwn(config.templateCodes, message.template)) {
        throw new PermanentDeliveryError(
          'SMS_TEMPLATE_NOT_REGISTERED',
          `No Alibaba template code is configured for template ${message.template}`,
        );
      }
      const params: Record<string, string> = {
        Action: 'SendSms',
        Version: API_VERSION,
        Format: 'JSON',
        RegionId: config.regionId,
        AccessKeyId: config.accessKeyId,
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        SignatureNonce: randomUUID(),
        Timestamp: timestamp(new Date()),
        PhoneNumbers: message.recipient,
        SignName: config.signName,
        TemplateCode: config.templateCodes[message.template],
        TemplateParam: JSON.stringify(message.variables),
        OutId: outIdFor(message.idempotencyKey),
      };
      // POST keeps the phone number out of the URL, where proxies and access logs would keep it.
      const body = `${canonicalQuery(params)}&Signature=${percentEncode(signRpcRequest('POST', params, config.accessKeySecret))}`;

      // Final until the shop configures another endpoint: every retry would be refused the same way.
      const refused = await outboundUrlRefusal(url.href, allowedHosts);
      if (refused) throw new PermanentDeliveryError(OUTBOUND_URL_REFUSED, `SMS endpoint refused: ${refused}`);
      let status: number;
      let text: string;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body,
          // A redirect would lead past the outbound rule; Alibaba's API answers where it is asked.
          redirect: 'manual',
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        throw new Error(`Alibaba SMS request failed without an answer (${failureName(error)})`);
      }

      const reply = replySchema.safeParse(parseJson(text));
      if (!reply.success) throw new Error(`Alibaba SMS answered HTTP ${status} without a result code`);
      const { Code: code, BizId: bizId } = reply.data;
      if (code === 'OK' && status < 300 && bizId) return { providerMessageId: bizId };
      // Alibaba's own Message is left out on purpose: for a bad signature it echoes the string to
      // sign, phone number included, and error messages end up in logs.
      if (status < 500 && PERMANENT_CODES.has(code)) {
        throw new PermanentDeliveryError(code, `Alibaba SMS refused the message: ${code} (HTTP ${status})`);
      }
      throw new Error(`Alibaba SMS did not take the message: ${code} (HTTP ${status})`);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
