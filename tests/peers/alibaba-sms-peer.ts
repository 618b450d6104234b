// A local stand-in for Alibaba Cloud SMS (dysmsapi 2017-05-25, SendSms) that checks requests the
// way Alibaba's gateway does and answers in its JSON. Its RPC signature V1 check is written again
// from Alibaba's description, apart from the client's, so a mistake in one shows up against the other.
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedSms {
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId: string | undefined;
  bizId: string;
}

export interface AlibabaSmsPeer {
  url: string;
  /** Accepted messages only, once each. */
  received: ReceivedSms[];
  /** Every request seen, refused ones included. */
  readonly requests: number;
  failNext(count: number, how?: 'server-error' | 'throttled'): void;
  /** The next verified request is answered with this Alibaba error code instead of being accepted. */
  rejectNext(code: string): void;
  close(): Promise<void>;
}

/** Alibaba refuses a Timestamp further than this from its own clock. */
const TIMESTAMP_TOLERANCE_MS = 15 * 60 * 1000;
const REQUIRED_COMMON = [
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'Action',
  'Version',
];
const REQUIRED_SEND_SMS = ['PhoneNumbers', 'SignName', 'TemplateCode'];

interface Refusal {
  status: number;
  code: string;
  message: string;
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Alibaba's encoding, byte by byte over UTF-8: unreserved characters stay, the rest become %XY. */
function encode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function expectedSignature(
  method: string,
  params: Map<string, string>,
  secret: string,
): { signature: string; stringToSign: string } {
  const names = [...params.keys()]
    .filter((name) => name !== 'Signature')
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const canonical = names.map((name) => `${encode(name)}=${encode(params.get(name) ?? '')}`).join('&');
  const stringToSign = [method, encode('/'), encode(canonical)].join('&');
  return {
    signature: createHmac('sha1', secret + '&')
      .update(Buffer.from(stringToSign, 'utf8'))
      .digest('base64'),
    stringToSign,
  };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** GET carries the parameters in the query; POST in a form body (and possibly the query too). */
async function readParams(request: IncomingMessage, url: URL): Promise<Map<string, string> | Refusal> {
  const params = new Map<string, string>();
  const sources = [url.searchParams];
  if (
    request.method === 'POST' &&
    (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
  ) {
    sources.push(new URLSearchParams(await readBody(request)));
  }
  for (const source of sources) {
    for (const [name, value] of source) {
      if (params.has(name))
        return { status: 400, code: `Invalid${name}`, message: `Specified parameter ${name} is not valid.` };
      params.set(name, value);
    }
  }
  return params;
}

function parseTimestamp(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function parseTemplateParam(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  // Alibaba takes a flat JSON object of string values only.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  if (!entries.every(([, v]) => typeof v === 'string')) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}

export async function startAlibabaSmsPeer(options: {
  accessKeyId: string;
  accessKeySecret: string;
}): Promise<AlibabaSmsPeer> {
  const received: ReceivedSms[] = [];
  const usedNonces = new Set<string>();
  const failures: Array<'server-error' | 'throttled'> = [];
  const rejections: string[] = [];
  let requests = 0;

  /** Checks what Alibaba's gateway and SendSms check, in about the order they do. */
  function verify(method: string, url: URL, params: Map<string, string>): Refusal | undefined {
    if (url.pathname !== '/')
      return {
        status: 404,
        code: 'InvalidApi.NotFound',
        message: 'Specified api is not found, please check your url and method.',
      };
    for (const name of REQUIRED_COMMON) {
      if (!params.get(name))
        return { status: 400, code: `Missing${name}`, message: `${name} is mandatory for this action.` };
    }
    if (params.get('Format') !== 'JSON')
      return {
        status: 400,
        code: 'InvalidParameter.Format',
        message: 'This peer answers JSON only; send Format=JSON.',
      };
    if (params.get('SignatureMethod') !== 'HMAC-SHA1')
      return { status: 400, code: 'InvalidSignatureMethod', message: 'Specified signature method is not valid.' };
    if (params.get('SignatureVersion') !== '1.0')
      return { status: 400, code: 'InvalidSignatureVersion', message: 'Specified signature version is not valid.' };
    const time = parseTimestamp(params.get('Timestamp') ?? '');
    if (time === undefined)
      return {
        status: 400,
        code: 'InvalidTimeStamp.Format',
        message: 'Specified time stamp or date value is not well formatted.',
      };
    if (Math.abs(Date.now() - time) > TIMESTAMP_TOLERANCE_MS)
      return {
        status: 400,
        code: 'InvalidTimeStamp.Expired',
        message: 'Specified time stamp or date value is expired.',
      };
    if (params.get('AccessKeyId') !== options.accessKeyId)
      return { status: 404, code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.' };
    const { signature, stringToSign } = expectedSignature(method, params, options.accessKeySecret);
    if (!sameText(signature, params.get('Signature') ?? '')) {
      // Alibaba echoes its string to sign; the client must not pass this message on to logs.
      return {
        status: 400,
        code: 'SignatureDoesNotMatch',
        message: `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
      };
    }
    const nonce = params.get('SignatureNonce') ?? '';
    if (usedNonces.has(nonce))
      return { status: 400, code: 'SignatureNonceUsed', message: 'Specified signature nonce was used already.' };
    usedNonces.add(nonce);
    if (params.get('Action') !== 'SendSms' || params.get('Version') !== '2017-05-25') {
      return {
        status: 404,
        code: 'InvalidApi.NotFound',
        message: 'Specified api is not found, please check your url and method.',
      };
    }
    for (const name of REQUIRED_SEND_SMS) {
      if (!params.get(name))
        return { status: 400, code: `Missing${name}`, message: `${name} is mandatory for this action.` };
    }
    // Business refusals come back with HTTP 200, as Alibaba's do.
    if (!/^\+?\d{5,20}$/.test(params.get('PhoneNumbers') ?? ''))
      return { status: 200, code: 'isv.MOBILE_NUMBER_ILLEGAL', message: '非法手机号' };
    if (parseTemplateParam(params.get('TemplateParam')) === undefined)
      return { status: 200, code: 'isv.INVALID_JSON_PARAM', message: 'JSON参数不合法，只接受字符串值' };
    return undefined;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    requests += 1;
    const answer = (status: number, body: Record<string, string>): void => {
      response.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      response.end(JSON.stringify({ RequestId: randomUUID().toUpperCase(), ...body }));
    };
    const failure = failures.shift();
    if (failure === 'server-error')
      return answer(500, {
        Code: 'InternalError',
        Message: 'The request processing has failed due to some unknown error.',
      });
    if (failure === 'throttled')
      return answer(400, { Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' });

    const url = new URL(request.url ?? '/', 'http://peer');
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'POST')
      return answer(400, { Code: 'UnsupportedHTTPMethod', Message: 'This http method is not supported.' });
    const refuse = ({ status, code, message }: Refusal): void => answer(status, { Code: code, Message: message });
    const params = await readParams(request, url);
    if (!(params instanceof Map)) return refuse(params);
    const refusal = verify(method, url, params);
    if (refusal) return refuse(refusal);

    const rejection = rejections.shift();
    if (rejection !== undefined) {
      return answer(rejection.startsWith('isv.') ? 200 : 400, {
        Code: rejection,
        Message: `Refused by the test peer: ${rejection}`,
      });
    }
    const bizId = `${randomInt(100_000_000_000, 999_999_999_999)}^${randomInt(100_000_000_000, 999_999_999_999)}`;
    received.push({
      phoneNumbers: params.get('PhoneNumbers') ?? '',
      signName: params.get('SignName') ?? '',
      templateCode: params.get('TemplateCode') ?? '',
      templateParam: parseTemplateParam(params.get('TemplateParam')) ?? {},
      outId: params.get('OutId'),
      bizId,
    });
    answer(200, { Code: 'OK', Message: 'OK', BizId: bizId });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get requests() {
      return requests;
    },
    failNext(count, how = 'server-error') {
      for (let i = 0; i < count; i += 1) failures.push(how);
    },
    rejectNext(code) {
      rejections.push(code);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
