// What every marketplace connector does, in the product's terms. A platform is one folder here
// (connectors/<platform>/) exporting one `Connector`; everything else (keeping each message once,
// applying it, its workflow, its routes, its health) is shared and knows no platform.
import type { z } from 'zod';
import type { CaseIntake } from '../api/case-schema';
import type { OrderEventBody } from '../api/order-event-schema';
import type { ConnectorPlatform } from './platforms';

/** One message from a platform as received (a webhook, a message-service message, a record fetched again). */
export interface PlatformMessage {
  /** The platform's id of this message (X-Shopify-Webhook-Id, the TMC message id): the same id again is the same message. */
  messageId: string;
  /** The platform's own name for it: `orders/paid`, `taobao_trade_TradeBuyerPay`. */
  topic: string;
  /** The platform's order it is about, when it says. */
  platformOrderId?: string;
  /** When it happened by the platform's clock (ISO-8601): a shop's messages are applied in this order. */
  occurredAt: string;
  /** As received; it may hold personal data, so it stays in the database and out of workflows and logs. */
  payload: unknown;
}

/** What the product does with a message: its order events (with ids derived from the platform's facts, so a message delivered twice, or fetched again by a backfill, is the same event), or a case to open. */
export type ConnectorAction =
  { kind: 'order_event'; orderId: string; event: OrderEventBody } | { kind: 'open_case'; intake: CaseIntake };

export type Mapping =
  | { kind: 'apply'; actions: ConnectorAction[] }
  /** What the product itself sent, come back as the platform's message (our fulfillment as `fulfillments/create`). */
  | { kind: 'echo'; reason: string }
  /** Nothing in the product means this (a topic not mapped, an order in another currency...): kept for ops with the reason. */
  | { kind: 'unmapped'; reason: string };

/** What a connector may use while it works for one shop. */
export interface ConnectorContext<S> {
  shopId: string;
  /** The shop's settings with their secrets opened. */
  settings: S;
  /** Keeps renewed credentials (a refreshed session key): the secret fields are sealed again. */
  saveSettings(settings: S): Promise<void>;
  /** OUTBOUND_ALLOWED_HOSTS: the hosts a platform URL may be http or private on (activities/outbound-url.ts). */
  outboundAllowedHosts: readonly string[];
  /** Whether the product itself told the platform of this shipment (by the platform's id of it, or the tracking number). */
  ownShipment(orderId: string, match: { platformRef?: string; trackingNumber?: string }): Promise<boolean>;
  /** Whether this platform refund is one the product itself asked for (its id is a ledger row's providerRefundId). */
  ownRefund(orderId: string, platformRefundId: string): Promise<boolean>;
}

export interface ShipmentPush {
  /** The push's id, `shipment:<orderId>:<trackingNumber>`: the same for every attempt. */
  pushId: string;
  orderId: string;
  /** The courier as the product names it (中通快递, ZTO, ...); the connector maps it to the platform's code. */
  courier: string;
  trackingNumber: string;
}

export interface RefundPush {
  /** The ledger row's id, `<workflow id>:<step>`: the same for every attempt, and the idempotency key. */
  refundId: string;
  orderId: string;
  caseId: string;
  /** Two decimals, e.g. "59.00". */
  amount: string;
  currency: string;
}

/** A message to a buyer the platform protects (no phone or email of theirs is given): the platform delivers it to them. */
export interface BuyerMessage {
  /** The outbox row's id, `<workflow id>:<step>:<channel>`: the same for every attempt. */
  messageId: string;
  orderId: string;
  /** The product's template name: platforms send only texts they approved, registered under their own codes. */
  template: string;
  /** The template's variables, filling the approved text's placeholders. */
  variables: Record<string, string>;
}

export interface RefundResult {
  providerRefundId: string;
  /** `connector`: the platform moved the money at our request (Shopify's refundCreate), a PAID row; `platform`: the platform pays it itself once the seller agrees (Taobao), a PAID_BY_PLATFORM row. */
  paidBy: 'connector' | 'platform';
}

/** The headers and raw bytes of a webhook request, as the signature covers them. */
export interface WebhookRequest {
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export type WebhookVerdict = { ok: true; message: PlatformMessage } | { ok: false; reason: string };

/** The platform's own install of the app on the shop's account (an OAuth authorization code): it gives the shop's token instead of an admin pasting it. */
export interface ConnectorInstall<S> {
  /** Where to send the admin to approve the app, or the setting that must be given first. */
  authorizeUrl(settings: S, redirectUri: string, state: string): { url: string } | { missing: keyof S & string };
  /** Checks the platform's redirect back (its signature, the account) and exchanges its code; answers the settings with the shop's new token. */
  complete(ctx: ConnectorContext<S>, query: Record<string, string>): Promise<S>;
}

export interface Connector<S extends object = object> {
  platform: ConnectorPlatform;
  /** The `platform` its orders carry (Taobao's connector brings taobao and tmall orders): shipments and refunds of those orders go through it. */
  orderPlatforms: readonly string[];
  /** The settings PUT /shops/:shopId/connectors/<platform> takes (secrets in clear; sealed when kept). */
  settingsSchema(outboundAllowedHosts: readonly string[]): z.ZodType<S>;
  /** The setting that names the platform's account (the store, the seller): an account is connected to one shop only, so that no shop sees another's orders. */
  accountField: keyof S & string;
  /** The top-level settings fields that are secrets: sealed when kept, shown as "(set)". */
  secretFields: readonly (keyof S & string)[];
  install?: ConnectorInstall<S>;
  /** Once per configuration, before its first round: what the platform needs before it sends us anything (TMC's permission for the seller). */
  connect?(ctx: ConnectorContext<S>): Promise<void>;
  /** Platforms that push to us verify each request here; the API keeps the message and answers at once. */
  verifyWebhook?(settings: S, request: WebhookRequest): WebhookVerdict;
  /** Platforms we poll: the messages waiting, and how to tell the platform they are kept (called only after they are). */
  pull?(ctx: ConnectorContext<S>): Promise<{ messages: PlatformMessage[]; confirm(): Promise<void> }>;
  /** What a message means; may ask the platform for details (a trade's full record). */
  map(ctx: ConnectorContext<S>, message: PlatformMessage): Promise<Mapping>;
  /** The messages a time range would have brought, as records fetched again, page by page (after an outage). */
  backfill(
    ctx: ConnectorContext<S>,
    range: { from: Date; to: Date },
    cursor?: string,
  ): Promise<{ messages: PlatformMessage[]; cursor?: string }>;
  /** Tells the platform the order shipped; answers the platform's id of the shipment. */
  pushShipment(ctx: ConnectorContext<S>, push: ShipmentPush): Promise<{ platformRef: string }>;
  /** Pays (or agrees to) a refund through the platform, once per refundId. */
  refund(ctx: ConnectorContext<S>, push: RefundPush): Promise<RefundResult>;
  /** Delivers a message to a buyer of this order whose contact the platform protects; answers the platform's id of it. Throws PlatformAnswerLostError when the platform may have sent it. */
  messageBuyer?(ctx: ConnectorContext<S>, message: BuyerMessage): Promise<{ providerMessageId: string }>;
}

/** The platform cannot be reached or asks us to wait (timeout, 5xx, throttled): try again later. */
export class PlatformUnavailableError extends Error {
  override name = 'PlatformUnavailableError';
  constructor(
    message: string,
    /** How long the platform asked us to wait, when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * The platform refuses the shop's credentials (a revoked token, an authorisation that cannot be
 * renewed). Nothing can be done for the shop until its admin fixes them, so what is waiting waits
 * (and the connector's last error says why) rather than every message being marked unmapped.
 */
export class PlatformCredentialsError extends PlatformUnavailableError {
  override name = 'PlatformCredentialsError';
}

/** The request reached the platform and no answer came back (a timeout, a connection lost once made): what it asked may have been done. */
export class PlatformAnswerLostError extends PlatformUnavailableError {
  override name = 'PlatformAnswerLostError';
}

/** The platform refused for good (an order it does not know, an amount it will not take): a person must look. */
export class PlatformRefusedError extends Error {
  override name = 'PlatformRefusedError';
}
