// TOP (Taobao Open Platform) on 127.0.0.1: the API gateway (`POST /router/rest`, a form) and the
// OAuth token endpoint (`POST /token`), checking what TOP checks, in its order: the method, the app
// key, the timestamp (±10 minutes of Beijing time), the version, the format, the signature (md5,
// hmac, hmac-sha256, its own code here on purpose, not the connector's), the session (known, not
// expired, the trade's seller) and each method's required parameters; answering TOP's JSON (lists
// wrapped in their item's name, ids as bare numbers of up to 19 digits) or its `error_response`.
// It holds one seller's trades, refunds and TMC queue (a message comes again until confirmed), and
// sends SMS by OAID to a trade's buyer with an approved template (recording each one sent), and
// can be told to deliver a message twice, hang, answer an ISP error, a call limit or a 503, or take a
// call's effect and never answer it.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeLocally, listenLocally, localServer } from './local-http';

export interface PeerOrder {
  oid: string;
  title: string;
  num: number;
  price: string;
  outer_sku_id?: string;
  num_iid?: string;
  discount_fee?: string;
  adjust_fee?: string;
  logistics_company?: string;
  invoice_no?: string;
}

export interface PeerTrade {
  tid: string;
  seller_nick: string;
  status: string;
  type: string;
  payment: string;
  post_fee: string;
  created: string;
  modified: string;
  pay_time?: string;
  consign_time?: string;
  end_time?: string;
  buyer_open_uid: string;
  buyer_nick: string;
  receiver_name: string;
  receiver_mobile: string;
  receiver_state: string;
  receiver_city: string;
  receiver_district: string;
  receiver_address: string;
  receiver_zip?: string;
  oaid?: string;
  orders: PeerOrder[];
  promotion_details?: { promotion_id: string; promotion_name: string; discount_fee: string }[];
}

export interface PeerRefund {
  refund_id: string;
  tid: string;
  oid: string;
  seller_nick: string;
  status: string;
  refund_fee: string;
  has_good_return: boolean;
  reason: string;
  desc: string;
  created: string;
  modified: string;
  refund_phase: string;
  refund_version: number;
}

interface TmcMessage {
  id: string;
  topic: string;
  pub_time: string;
  user_nick: string;
  content: string;
}

export interface TopErrorBody {
  code: number;
  msg: string;
  sub_code?: string;
  sub_msg?: string;
}

type Fault = 'hang' | 'isp' | 'limit' | 'http503';
type Params = Record<string, string>;
type Handler = (params: Params, nick: string) => object | TopErrorBody;

const SIGN_METHODS = ['md5', 'hmac', 'hmac-sha256'];
const TEN_MINUTES_MS = 10 * 60 * 1000;
const BEIJING_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/** TOP writes these as JSON numbers, whatever their length. */
const NUMERIC_IDS = new Set(['tid', 'oid', 'id', 'refund_id', 'num_iid', 'refund_version']);
const COMPANIES: Record<string, string> = {
  ZTO: '中通快递',
  SF: '顺丰速运',
  YTO: '圆通速递',
  YUNDA: '韵达快递',
  STO: '申通快递',
  JD: '京东物流',
  EMS: 'EMS',
  POSTB: '邮政快递包裹',
};
const SCENES = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '2001', '2002'];

/** The methods the peer speaks: whether they take the seller's session, and their required parameters. */
const METHODS: Record<string, { session: boolean; required: string[] }> = {
  'taobao.tmc.messages.consume': { session: false, required: [] },
  'taobao.tmc.messages.confirm': { session: false, required: ['s_message_ids'] },
  'taobao.tmc.user.permit': { session: true, required: [] },
  'taobao.trade.fullinfo.get': { session: true, required: ['fields', 'tid'] },
  'taobao.refund.get': { session: true, required: ['fields', 'refund_id'] },
  'taobao.logistics.offline.send': { session: true, required: ['tid', 'out_sid', 'company_code'] },
  'taobao.rp.refunds.agree': { session: true, required: ['refund_infos'] },
  'taobao.trades.sold.increment.get': { session: true, required: ['fields', 'start_modified', 'end_modified'] },
  'taobao.refunds.receive.get': { session: true, required: ['fields', 'start_modified', 'end_modified'] },
  'taobao.top.oaid.decrypt': { session: true, required: ['query_list'] },
  'taobao.jst.sms.oaid.message.send': { session: true, required: ['param_send_message_by_o_a_i_d_request'] },
};

export function topTime(at: Date): string {
  return new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');
}

function parseTopTime(text: string | undefined): number | undefined {
  const match = text ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text) : null;
  return match ? Date.parse(`${match[1]}T${match[2]}+08:00`) : undefined;
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

/** TOP's JSON text: the ids above as bare numbers, which no double holds exactly past 2^53. */
export function topJson(value: unknown): string {
  const mark = '\uE000';
  return JSON.stringify(value, (key, field: unknown) =>
    NUMERIC_IDS.has(key) && (typeof field === 'string' || typeof field === 'number') && /^\d+$/.test(String(field))
      ? `${mark}${field}`
      : field,
  ).replace(new RegExp(`"${mark}(\\d+)"`, 'g'), '$1');
}

function expectedSign(params: Params, secret: string, method: string): string {
  const text = Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== '')
    .sort()
    .map((name) => name + params[name])
    .join('');
  if (method === 'md5')
    return createHash('md5')
      .update(secret + text + secret, 'utf8')
      .digest('hex')
      .toUpperCase();
  return createHmac(method === 'hmac' ? 'md5' : 'sha256', secret)
    .update(text, 'utf8')
    .digest('hex')
    .toUpperCase();
}

const err = (code: number, msg: string, sub_code?: string, sub_msg?: string): TopErrorBody => ({
  code,
  msg,
  ...(sub_code ? { sub_code } : {}),
  ...(sub_msg ? { sub_msg } : {}),
});
const isError = (answer: object): answer is TopErrorBody => 'code' in answer && 'msg' in answer;

function pick(record: object, fields: string): Record<string, unknown> {
  const wanted = new Set(fields.split(','));
  return Object.fromEntries(Object.entries(record).filter(([key]) => wanted.has(key)));
}

function tradeView(trade: PeerTrade, fields: string): Record<string, unknown> {
  const view: Record<string, unknown> = pick(trade, fields);
  if ('orders' in view) view.orders = { order: trade.orders };
  if ('promotion_details' in view) view.promotion_details = { promotion_detail: trade.promotion_details ?? [] };
  return view;
}

export class TopPeer {
  /** `http://127.0.0.1:<port>/router/rest` once listening. */
  gatewayUrl = '';
  /** `http://127.0.0.1:<port>/token` once listening. */
  tokenUrl = '';
  trades = new Map<string, PeerTrade>();
  refunds = new Map<string, PeerRefund>();
  /** Decrypted recipients by OAID, for taobao.top.oaid.decrypt. */
  receivers = new Map<string, Record<string, string>>();
  /** Sellers whose shop is a Tmall one (their refunds take a phase). */
  tmallSellers = new Set<string>();
  /** Every call that passed TOP's checks, in order (the method and its parameters). */
  calls: { method: string; params: Params }[] = [];
  /** The errors answered, in order. */
  errors: TopErrorBody[] = [];
  shipments: { tid: string; out_sid: string; company_code: string }[] = [];
  agreements: { refund_id: string; amount: string }[] = [];
  confirmed: string[] = [];
  /** The seller's approved SMS templates (taobao.jst.sms.oaid.message.send takes no others), by code. */
  smsTemplates = new Set<string>();
  /** Every SMS sent by OAID, as asked: `params` parsed, `request_id` as answered. */
  smsSent: {
    oaid: string;
    order_id?: string;
    template_code: string;
    sms_free_sign_name: string;
    params: Record<string, string>;
    extend?: string;
    request_id: string;
  }[] = [];
  /** Sellers who let the app have their messages (taobao.tmc.user.permit), with the topics asked for. */
  permits = new Map<string, string>();
  tokenRefreshes = 0;

  private readonly server: Server;
  private queue: TmcMessage[] = [];
  private twice = new Set<string>();
  private sessions = new Map<string, { nick: string; expiresAt: number }>();
  private refreshTokens = new Map<string, string>();
  private faults: { fault: Fault; method?: string; count: number }[] = [];
  private holds = new Set<string>();
  /** Calls left unanswered (hung or held), closed when the test ends. */
  private unanswered = new Set<ServerResponse>();
  private nextId = 8_000_000_000_000_000_000n;

  constructor(readonly app: { appKey: string; appSecret: string }) {
    this.server = localServer((req, res, body) => this.handle(req, res, body.toString('utf8')));
  }

  async listen(): Promise<this> {
    const base = await listenLocally(this.server);
    this.gatewayUrl = `${base}/router/rest`;
    this.tokenUrl = `${base}/token`;
    return this;
  }

  /** A seller's authorisation: a session key valid for `ttlMs` and a refresh token. */
  authorise(nick: string, ttlMs: number): { sessionKey: string; refreshToken: string; expiresAt: Date } {
    const sessionKey = `6${randomBytes(16).toString('hex')}`;
    const refreshToken = `6${randomBytes(16).toString('hex')}`;
    const expiresAt = Date.now() + ttlMs;
    this.sessions.set(sessionKey, { nick, expiresAt });
    this.refreshTokens.set(refreshToken, nick);
    return { sessionKey, refreshToken, expiresAt: new Date(expiresAt) };
  }

  /** TOP revoked or expired the key before the time it gave. */
  invalidateSession(sessionKey: string): void {
    this.sessions.delete(sessionKey);
  }

  newId(): string {
    this.nextId += 1n;
    return String(this.nextId);
  }

  /** A TMC message for the seller; `content` is written as TOP writes it (ids as bare numbers). */
  publish(topic: string, content: Record<string, unknown>, at = new Date()): string {
    const id = this.newId();
    const nick = typeof content.seller_nick === 'string' ? content.seller_nick : '';
    this.queue.push({ id, topic, pub_time: topTime(at), user_nick: nick, content: topJson(content) });
    return id;
  }

  /** The next consume lists this message twice. */
  deliverTwice(id: string): void {
    this.twice.add(id);
  }

  /** The next `count` calls (of `method`, or any) meet the fault instead of an answer. */
  failNext(fault: Fault, count = 1, method?: string): void {
    this.faults.push({ fault, method, count });
  }

  /** The next call of `method` takes effect and is never answered, as when the answer is lost. */
  holdAnswer(method: string): void {
    this.holds.add(method);
  }

  /** Messages not yet confirmed. */
  get pending(): number {
    return this.queue.length;
  }

  reset(): void {
    this.trades.clear();
    this.refunds.clear();
    this.receivers.clear();
    this.tmallSellers.clear();
    this.calls = [];
    this.errors = [];
    this.shipments = [];
    this.agreements = [];
    this.confirmed = [];
    this.smsTemplates.clear();
    this.smsSent = [];
    this.permits.clear();
    this.tokenRefreshes = 0;
    this.queue = [];
    this.twice.clear();
    this.sessions.clear();
    this.refreshTokens.clear();
    this.faults = [];
    this.holds.clear();
    // Only the unanswered calls' sockets: closing the client's idle kept-alive ones would fail its next call.
    for (const res of this.unanswered) res.socket?.destroy();
    this.unanswered.clear();
  }

  close(): Promise<void> {
    this.reset();
    return closeLocally(this.server);
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // TOP's SDKs put the common parameters in the query and the business ones in the body; both count.
    const params: Params = Object.fromEntries([...url.searchParams, ...new URLSearchParams(body)]);
    if (req.method === 'POST' && url.pathname === '/token') return this.token(res, params);
    if (url.pathname !== '/router/rest' || (req.method !== 'POST' && req.method !== 'GET'))
      return send(res, 404, { error: 'not_found' });
    const refused = this.check(params);
    if (refused) return this.refuse(res, refused);
    const method = params.method;
    const fault = this.faults.find((f) => f.count > 0 && (!f.method || f.method === method));
    if (fault) {
      fault.count--;
      if (fault.fault === 'hang') return void this.unanswered.add(res);
      if (fault.fault === 'http503') return send(res, 503, { error: 'unavailable' });
      if (fault.fault === 'limit')
        return this.refuse(
          res,
          err(
            7,
            'App Call Limited',
            'accesscontrol.limited-by-app-access-count',
            'This ban will last for 2 more seconds',
          ),
        );
      return this.refuse(
        res,
        err(15, 'Remote service error', 'isp.top-remote-connection-timeout', 'remote service timeout'),
      );
    }
    this.calls.push({ method, params });
    const nick = this.sessions.get(params.session)?.nick ?? '';
    const answer = this.handlers[method](params, nick);
    if (this.holds.delete(method)) return void this.unanswered.add(res);
    if (isError(answer)) return this.refuse(res, answer);
    send(res, 200, { [`${method.replace(/^taobao\./, '').replace(/\./g, '_')}_response`]: answer });
  }

  private refuse(res: ServerResponse, error: TopErrorBody): void {
    this.errors.push(error);
    // TOP answers its errors with HTTP 200.
    send(res, 200, { error_response: { ...error, request_id: randomBytes(6).toString('hex') } });
  }

  private check(params: Params): TopErrorBody | undefined {
    if (!params.method) return err(21, 'Missing Method');
    if (!params.app_key) return err(28, 'Missing App Key');
    if (params.app_key !== this.app.appKey) return err(29, 'Invalid App Key');
    if (!params.timestamp) return err(30, 'Missing Timestamp');
    const at = parseTopTime(params.timestamp);
    if (at === undefined || Math.abs(Date.now() - at) > TEN_MINUTES_MS) return err(31, 'Invalid timestamp');
    if (!params.v) return err(32, 'Missing Version');
    if (params.v !== '2.0') return err(34, 'Unsupported Version');
    if (params.format && params.format !== 'json') return err(23, 'Invalid Format');
    if (!params.sign) return err(24, 'Missing Signature');
    const signMethod = params.sign_method ?? 'md5';
    if (!SIGN_METHODS.includes(signMethod) || params.sign !== expectedSign(params, this.app.appSecret, signMethod))
      return err(25, 'Invalid signature');
    const spec = METHODS[params.method];
    if (!spec) return err(22, 'Invalid Method');
    if (spec.session) {
      if (!params.session) return err(26, 'Missing Session');
      const session = this.sessions.get(params.session);
      if (!session || session.expiresAt < Date.now())
        return err(27, 'Invalid session', 'invalid-sessionkey', 'SessionKey非法');
    }
    const missing = spec.required.find((name) => !params[name]);
    if (missing) return err(40, `Missing required arguments:${missing}`);
    return undefined;
  }

  private token(res: ServerResponse, params: Params): void {
    if (params.client_id !== this.app.appKey || params.client_secret !== this.app.appSecret)
      return send(res, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
    if (params.grant_type !== 'refresh_token')
      return send(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type' });
    const nick = this.refreshTokens.get(params.refresh_token);
    if (!nick) return send(res, 400, { error: 'invalid_grant', error_description: 'refresh token is invalid' });
    this.tokenRefreshes++;
    // TOP gives a new refresh token with the new key; the old one is spent.
    this.refreshTokens.delete(params.refresh_token);
    const granted = this.authorise(nick, DAY_MS);
    send(res, 200, {
      access_token: granted.sessionKey,
      token_type: 'Bearer',
      expires_in: DAY_MS / 1000,
      refresh_token: granted.refreshToken,
      re_expires_in: (30 * DAY_MS) / 1000,
      taobao_user_nick: encodeURIComponent(nick),
      taobao_user_id: '2200000000001',
    });
  }

  private readonly handlers: Record<string, Handler> = {
    'taobao.tmc.messages.consume': (params) => {
      const quantity = params.quantity ? Number(params.quantity) : 100;
      if (!Number.isInteger(quantity) || quantity < 10 || quantity > 200) return err(41, 'Invalid arguments:quantity');
      if (params.group_name)
        return err(15, 'Remote service error', 'isv.group-not-exist', 'the app has no such user group');
      const batch: TmcMessage[] = [];
      for (const message of this.queue.slice(0, quantity)) {
        batch.push(message);
        if (this.twice.delete(message.id)) batch.push(message);
      }
      return batch.length ? { messages: { tmc_message: batch } } : {};
    },
    'taobao.tmc.messages.confirm': (params) => {
      const ids = params.s_message_ids.split(',');
      if (ids.length > 200) return err(41, 'Invalid arguments:s_message_ids');
      this.confirmed.push(...ids);
      this.queue = this.queue.filter((message) => !ids.includes(message.id));
      return { is_success: true };
    },
    'taobao.tmc.user.permit': (params, nick) => {
      this.permits.set(nick, params.topics ?? '');
      return { is_success: true };
    },
    'taobao.trade.fullinfo.get': (params, nick) => {
      const trade = this.trades.get(params.tid);
      if (!trade || trade.seller_nick !== nick)
        return err(15, 'Remote service error', 'isv.trade-not-exist', '交易不存在');
      return { trade: tradeView(trade, params.fields) };
    },
    'taobao.refund.get': (params, nick) => {
      const refund = this.refunds.get(params.refund_id);
      if (!refund || refund.seller_nick !== nick)
        return err(15, 'Remote service error', 'isv.refund-not-exist', '退款不存在');
      return { refund: pick(refund, params.fields) };
    },
    'taobao.logistics.offline.send': (params, nick) => {
      const trade = this.trades.get(params.tid);
      if (!trade || trade.seller_nick !== nick)
        return err(15, 'Remote service error', 'isv.trade-not-exist', '交易不存在');
      const company = COMPANIES[params.company_code];
      if (!company) return err(15, 'Remote service error', 'isv.logistics-company-not-exist', '物流公司不存在');
      if (trade.status !== 'WAIT_SELLER_SEND_GOODS')
        return err(15, 'Remote service error', 'isv.logistics-offline-service-error', '订单状态不允许发货');
      const now = topTime(new Date());
      trade.status = 'WAIT_BUYER_CONFIRM_GOODS';
      trade.consign_time = now;
      trade.modified = now;
      for (const order of trade.orders)
        Object.assign(order, { logistics_company: company, invoice_no: params.out_sid });
      this.shipments.push({ tid: params.tid, out_sid: params.out_sid, company_code: params.company_code });
      return { shipping: { is_success: true } };
    },
    'taobao.rp.refunds.agree': (params, nick) => {
      const results = params.refund_infos.split(',').map((info) => this.agree(info, nick));
      const ok = results.filter((r) => r.succ).length;
      return {
        succ: ok === results.length,
        msg_code: ok === results.length ? 'OP_SUCC' : ok ? 'SOME_OP_SUCC' : 'OP_FAILURE_UE',
        message: '',
        results: { refund_mapping_result: results },
      };
    },
    'taobao.trades.sold.increment.get': (params, nick) =>
      this.page(
        params,
        [...this.trades.values()].filter((t) => t.seller_nick === nick),
        (t) => tradeView(t, params.fields),
        'trades',
        'trade',
      ),
    'taobao.refunds.receive.get': (params, nick) =>
      this.page(
        params,
        [...this.refunds.values()].filter((r) => r.seller_nick === nick),
        (r) => pick(r, params.fields),
        'refunds',
        'refund',
      ),
    'taobao.top.oaid.decrypt': (params) => {
      let queries: unknown;
      try {
        queries = JSON.parse(params.query_list);
      } catch {
        return err(41, 'Invalid arguments:query_list');
      }
      if (!Array.isArray(queries) || queries.length === 0 || queries.length > 20)
        return err(41, 'Invalid arguments:query_list');
      const receivers = [];
      for (const query of queries as Record<string, unknown>[]) {
        if (typeof query.scene !== 'string' || !SCENES.includes(query.scene)) return err(41, 'Invalid arguments:scene');
        const receiver = typeof query.oaid === 'string' ? this.receivers.get(query.oaid) : undefined;
        if (!receiver || this.trades.get(String(query.tid))?.oaid !== query.oaid)
          return err(15, 'Remote service error', 'isv.oaid-not-match', 'oaid与订单不匹配');
        receivers.push({ ...receiver, oaid: query.oaid, tid: query.tid });
      }
      return { receiver_list: { receiver: receivers } };
    },
    'taobao.jst.sms.oaid.message.send': (params, nick) => {
      let request: Record<string, unknown>;
      let templateParams: unknown;
      try {
        request = JSON.parse(params.param_send_message_by_o_a_i_d_request) as Record<string, unknown>;
        templateParams = typeof request.params === 'string' ? JSON.parse(request.params) : {};
      } catch {
        return err(41, 'Invalid arguments:param_send_message_by_o_a_i_d_request');
      }
      const { oaid, order_id, template_code, sms_free_sign_name, extend } = request as Record<
        string,
        string | undefined
      >;
      const missing = (['oaid', 'template_code', 'sms_free_sign_name'] as const).find(
        (name) => typeof request[name] !== 'string' || request[name] === '',
      );
      if (missing) return err(40, `Missing required arguments:${missing}`);
      const trade = [...this.trades.values()].find(
        (t) => t.seller_nick === nick && t.oaid === oaid && (!order_id || t.tid === order_id),
      );
      if (!trade) return err(15, 'Remote service error', 'isv.oaid-not-match', 'oaid与订单不匹配');
      if (!this.smsTemplates.has(template_code!))
        return err(15, 'Remote service error', 'isv.SMS_TEMPLATE_ILLEGAL', '模板不合法');
      const request_id = randomBytes(8).toString('hex');
      this.smsSent.push({
        oaid: oaid!,
        order_id,
        template_code: template_code!,
        sms_free_sign_name: sms_free_sign_name!,
        params: templateParams as Record<string, string>,
        extend,
        request_id,
      });
      return { request_id, module: '1001' };
    },
  };

  private agree(info: string, nick: string): { refund_id: string; succ: boolean; message: string } {
    const [refundId, amount, version, phase] = info.split('|');
    const refund = this.refunds.get(refundId);
    const fail = (message: string) => ({ refund_id: refundId, succ: false, message });
    if (!refund || refund.seller_nick !== nick) return fail('退款不存在');
    if (refund.status !== 'WAIT_SELLER_AGREE' && refund.status !== 'WAIT_SELLER_CONFIRM_GOODS')
      return fail('退款状态不允许同意退款');
    if (amount !== String(cents(refund.refund_fee))) return fail('退款金额不一致');
    if (version !== String(refund.refund_version)) return fail('退款版本已变更');
    if (this.tmallSellers.has(nick) && phase !== refund.refund_phase) return fail('天猫退款须传退款阶段');
    refund.status = 'SUCCESS';
    refund.modified = topTime(new Date());
    this.agreements.push({ refund_id: refundId, amount });
    return { refund_id: refundId, succ: true, message: 'succ' };
  }

  private page<T extends { modified: string }>(
    params: Params,
    rows: T[],
    view: (row: T) => object,
    list: string,
    item: string,
  ): object {
    const from = parseTopTime(params.start_modified);
    const to = parseTopTime(params.end_modified);
    if (from === undefined || to === undefined || to < from || to - from > DAY_MS)
      return err(41, 'Invalid arguments:start_modified,end_modified');
    const pageSize = params.page_size ? Number(params.page_size) : 40;
    const pageNo = params.page_no ? Number(params.page_no) : 1;
    if (!(pageSize >= 1 && pageSize <= 100) || !(pageNo >= 1)) return err(41, 'Invalid arguments:page_size');
    const inRange = rows
      .filter((row) => {
        const at = parseTopTime(row.modified) ?? 0;
        return at >= from && at <= to;
      })
      .sort((a, b) => (a.modified < b.modified ? -1 : 1));
    const slice = inRange.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return {
      total_results: inRange.length,
      has_next: pageNo * pageSize < inRange.length,
      [list]: { [item]: slice.map(view) },
    };
  }
}

function send(res: ServerResponse, status: number, body: object): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' }).end(topJson(body));
}
