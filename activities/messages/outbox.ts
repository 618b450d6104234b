// The outbox (M1): the one activity every workflow sends through. The row, keyed by the workflow's
// step, is written before anything goes out, so a retried attempt or a repeated step finds it and
// returns the first result; the policy (M3) is asked on every attempt, so an opt-out or a new
// quiet-hours setting counts from the next attempt on. One gap stays: a worker that dies after the
// provider took the message and before the row says SENT sends it again on the retry, with the
// same Message-ID / OutId / Idempotency-Key for the receiver to recognise (Alibaba does not). A
// message through the platform (through-platform.ts), which recognises no key, is not sent again.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Message, ShopChannel } from '../../generated/prisma/client';
import type { Locale, ShopPolicy } from '../../workflows/shop-policy';
import type { PrismaClient } from '../prisma-client';
import { loadShopPolicy } from '../shop-settings';
import { PermanentDeliveryError, type DeliveryReceipt } from './channels/channel';
import { createChannel, openChannelSecrets, type MessageChannel } from './channels';
import { withLookedUpVariables } from './looked-up-variables';
import { policyRefusal } from './send-policy';
import { platformRecipient, sendThroughPlatform, throughPlatform } from './through-platform';
import { renderTemplate, TEMPLATES, TemplateTextError, TemplateVariablesError, type TemplateName } from './templates';

export interface SendMessageRequest {
  /** `<workflow id>:<step>:<channel>`: the same for every attempt and every repeat of the step. */
  messageId: string;
  workflowId: string;
  shopId: string;
  orderId?: string;
  audience: 'BUYER' | 'STAFF';
  channel: MessageChannel;
  template: TemplateName;
  variables: Record<string, string>;
  locale?: Locale;
}

export type SendMessageResult =
  | { messageId: string; status: 'SENT'; providerMessageId: string }
  /** `timeZone`: the shop's, in which the hold was judged (absent in results recorded before issue 14). */
  | { messageId: string; status: 'HELD'; until: string; reason: string; timeZone?: string }
  | { messageId: string; status: 'SUPPRESSED' | 'FAILED'; reason: string };

/** M3: where a service message goes when the provider's limit stopped it: the platform's chat (the shop's webhook) first. */
const FALLBACK_ORDER: readonly MessageChannel[] = ['WEBHOOK', 'EMAIL', 'SMS'];

/** The same step's message on another channel: `<workflow id>:<step>:<channel>`. */
function byChannel(request: SendMessageRequest, channel: MessageChannel): SendMessageRequest {
  return { ...request, channel, messageId: `${request.messageId.slice(0, -request.channel.length)}${channel}` };
}

/** How long one attempt may hold a message before another attempt may take it over. */
const LEASE_MS = 2 * 60_000;

function finalResult(message: Message): SendMessageResult | undefined {
  switch (message.status) {
    case 'SENT':
      return { messageId: message.id, status: 'SENT', providerMessageId: message.providerMessageId ?? '' };
    case 'SUPPRESSED':
    case 'FAILED':
      return { messageId: message.id, status: message.status, reason: message.reason ?? '' };
    case 'HELD':
    case 'QUEUED':
    case 'SENDING':
      return undefined;
  }
}

function render(request: SendMessageRequest, locale: Locale, override?: { subject: string | null; body: string }) {
  try {
    return renderTemplate(request.template, locale, request.variables, override);
  } catch (err) {
    // A shop's wording that no longer fits the template (a renamed variable) must not cost the
    // buyer the message: the default wording goes out instead.
    if (err instanceof TemplateTextError) return renderTemplate(request.template, locale, request.variables);
    // A workflow passing the wrong variables is a bug no retry fixes.
    if (err instanceof TemplateVariablesError) {
      throw ApplicationFailure.nonRetryable(
        `Template ${request.template}: ${err.fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
        'InvalidTemplateVariables',
      );
    }
    throw err;
  }
}

/** `publicBaseUrl`: the deployment's public address, the default base of buyers' progress links (PUBLIC_BASE_URL). */
export function createOutboxActivities(
  prisma: PrismaClient,
  outboundAllowedHosts: readonly string[],
  publicBaseUrl: string,
) {
  /** The message's row: rendered once, with the buyer's address looked up here, never carried by the workflow. */
  async function recordMessage(request: SendMessageRequest, policy: ShopPolicy): Promise<Message> {
    const locale = request.locale ?? policy.messages.defaultLocale;
    const override = await prisma.messageTemplateOverride.findUnique({
      where: { shopId_template_locale: { shopId: request.shopId, template: request.template, locale } },
    });
    const rendered = render(request, locale, override ?? undefined);
    const contact = request.audience === 'BUYER' ? await buyerContact(request) : { buyerId: null, recipient: null };
    // Returns the row it wrote, or none when another attempt wrote it first.
    const [created] = await prisma.message.createManyAndReturn({
      skipDuplicates: true,
      data: {
        id: request.messageId,
        shopId: request.shopId,
        orderId: request.orderId ?? null,
        workflowId: request.workflowId,
        audience: request.audience,
        channel: request.channel,
        template: request.template,
        messageClass: TEMPLATES[request.template].messageClass,
        locale,
        subject: rendered.subject,
        body: rendered.text,
        status: 'QUEUED',
        ...contact,
      },
    });
    return created ?? prisma.message.findUniqueOrThrow({ where: { id: request.messageId } });
  }

  async function buyerContact(request: SendMessageRequest): Promise<{ buyerId: string; recipient: string | null }> {
    if (!request.orderId)
      throw ApplicationFailure.nonRetryable('A message to a buyer names the order it is about', 'MissingOrderId');
    const order = await prisma.order.findUnique({
      where: { shopId_orderId: { shopId: request.shopId, orderId: request.orderId } },
    });
    if (!order)
      throw ApplicationFailure.nonRetryable(
        `Order ${request.orderId} of shop ${request.shopId} is not recorded`,
        'UnknownOrder',
      );
    const address = { EMAIL: order.buyerEmail, SMS: order.buyerPhone, WEBHOOK: order.buyerId }[request.channel];
    return { buyerId: order.buyerId, recipient: address ?? (await platformRecipient(prisma, order)) };
  }

  async function settle(
    id: string,
    data: Partial<Pick<Message, 'status' | 'reason' | 'providerMessageId' | 'sentAt' | 'heldUntil'>>,
  ): Promise<void> {
    await prisma.message.update({ where: { id }, data: { leaseUntil: null, ...data } });
  }

  function sendOnChannel(
    message: Message,
    request: SendMessageRequest,
    config: ShopChannel['config'] | undefined,
  ): Promise<DeliveryReceipt> {
    return createChannel(message.channel, openChannelSecrets(message.channel, config), outboundAllowedHosts).send({
      idempotencyKey: message.id,
      shopId: message.shopId,
      orderId: message.orderId ?? undefined,
      buyerId: message.buyerId ?? '',
      recipient: message.recipient ?? '',
      audience: message.audience === 'BUYER' ? 'buyer' : 'staff',
      template: message.template,
      locale: message.locale,
      subject: message.subject,
      text: message.body,
      variables: request.variables,
    });
  }

  async function deliver(
    message: Message,
    request: SendMessageRequest,
    now: number,
    config: ShopChannel['config'] | undefined,
  ): Promise<SendMessageResult> {
    const viaPlatform = throughPlatform(message.recipient);
    if (viaPlatform) {
      // An attempt that died while the platform had the message may have sent it: not again.
      const abandoned = await prisma.message.updateMany({
        where: { id: message.id, status: 'SENDING', leaseUntil: { lt: new Date() } },
        data: { status: 'FAILED', reason: 'PLATFORM_ANSWER_LOST', leaseUntil: null },
      });
      if (abandoned.count) return { messageId: message.id, status: 'FAILED', reason: 'PLATFORM_ANSWER_LOST' };
    }
    const leased = await prisma.message.updateMany({
      where: {
        id: message.id,
        OR: [{ status: { in: ['QUEUED', 'HELD'] } }, { status: 'SENDING', leaseUntil: { lt: new Date() } }],
      },
      data: {
        status: 'SENDING',
        leaseUntil: new Date(Date.now() + LEASE_MS),
        attempts: { increment: 1 },
        heldUntil: null,
      },
    });
    if (leased.count === 0) {
      const current = await prisma.message.findUniqueOrThrow({ where: { id: message.id } });
      const result = finalResult(current);
      if (result) return result;
      throw ApplicationFailure.retryable(`Another attempt is delivering message ${message.id}`, 'MessageInFlight');
    }
    try {
      const receipt = viaPlatform
        ? await sendThroughPlatform(prisma, outboundAllowedHosts, message, request.variables)
        : await sendOnChannel(message, request, config);
      await settle(message.id, {
        status: 'SENT',
        providerMessageId: receipt.providerMessageId,
        sentAt: new Date(now),
        reason: null,
      });
      return { messageId: message.id, status: 'SENT', providerMessageId: receipt.providerMessageId };
    } catch (err) {
      if (err instanceof PermanentDeliveryError) {
        await settle(message.id, { status: 'FAILED', reason: err.code });
        return { messageId: message.id, status: 'FAILED', reason: err.code };
      }
      // Channels keep personal data out of their errors, so the reason can be shown to ops.
      await settle(message.id, {
        status: 'QUEUED',
        reason: err instanceof Error ? err.message.slice(0, 500) : String(err),
      });
      throw err;
    }
  }

  /**
   * M3: a service message the provider's own limit stopped (Alibaba's per phone and template) goes
   * by another channel the shop has and the buyer can be reached on; its id is the step's with that
   * channel, so it too is sent once.
   */
  async function otherChannel(message: Message): Promise<MessageChannel | undefined> {
    if (
      message.messageClass !== 'SERVICE' ||
      message.status !== 'SUPPRESSED' ||
      message.reason !== 'PROVIDER_DAILY_LIMIT' ||
      !message.orderId
    )
      return undefined;
    const configured = await prisma.shopChannel.findMany({
      where: { shopId: message.shopId, channel: { not: message.channel } },
      select: { channel: true },
    });
    const order = await prisma.order.findUnique({
      where: { shopId_orderId: { shopId: message.shopId, orderId: message.orderId } },
    });
    if (!order) return undefined;
    const address = { WEBHOOK: order.buyerId, EMAIL: order.buyerEmail, SMS: order.buyerPhone };
    return FALLBACK_ORDER.find(
      (channel) => channel !== message.channel && configured.some((c) => c.channel === channel) && address[channel],
    );
  }

  const outbox = {
    /** Sends once, or says why not: HELD (with the time to try again), SUPPRESSED or FAILED. */
    async sendMessage(request: SendMessageRequest): Promise<SendMessageResult> {
      const existing = await prisma.message.findUnique({ where: { id: request.messageId } });
      const other = existing && (await otherChannel(existing));
      if (other) return outbox.sendMessage(byChannel(request, other));
      const early = existing && finalResult(existing);
      if (early) return early;
      const policy = await loadShopPolicy(prisma, request.shopId);
      const filled = await withLookedUpVariables(prisma, request, policy, publicBaseUrl);
      const message = existing ?? (await recordMessage(filled, policy));

      // The server's clock when this attempt was scheduled: a retry hours later is judged at its
      // own time (quiet hours, today's cap), and under time skipping it is the skipped clock.
      const now = Context.current().info.currentAttemptScheduledTimestampMs;
      // Read once: whether the shop has the channel (M3) and, if it is sent, how to reach it. A
      // message through the platform needs none of the shop's own.
      const channel = await prisma.shopChannel.findUnique({
        where: { shopId_channel: { shopId: message.shopId, channel: message.channel } },
      });
      const refusal = await policyRefusal(
        prisma,
        message,
        policy,
        now,
        channel !== null || throughPlatform(message.recipient),
      );
      if (refusal?.status === 'HELD') {
        await settle(message.id, { status: 'HELD', heldUntil: new Date(refusal.until), reason: refusal.reason });
        return {
          messageId: message.id,
          status: 'HELD',
          until: new Date(refusal.until).toISOString(),
          reason: refusal.reason,
          timeZone: policy.timeZone,
        };
      }
      if (refusal) {
        await settle(message.id, { status: 'SUPPRESSED', reason: refusal.reason });
        const other = await otherChannel({ ...message, status: 'SUPPRESSED', reason: refusal.reason });
        if (other) return outbox.sendMessage(byChannel(request, other));
        return { messageId: message.id, status: 'SUPPRESSED', reason: refusal.reason };
      }
      // Not refused, so the channel is configured or the platform delivers it.
      return deliver(message, filled, now, channel?.config);
    },

    /**
     * The workflow's last word on a message it stops trying: FAILED when sending failed for good,
     * SUPPRESSED when the step was cancelled (the buyer paid overnight), so no row stays queued or
     * held. A message that never got a row (its variables were invalid) has none to mark.
     */
    async settleUnsent({
      messageId,
      status,
      reason,
    }: {
      messageId: string;
      status: 'FAILED' | 'SUPPRESSED';
      reason: string;
    }): Promise<SendMessageResult> {
      await prisma.message.updateMany({
        where: { id: messageId, status: { in: ['QUEUED', 'HELD', 'SENDING'] } },
        data: { status, reason, leaseUntil: null },
      });
      const message = await prisma.message.findUnique({ where: { id: messageId } });
      return (message && finalResult(message)) ?? { messageId, status, reason };
    },
  };
  return outbox;
}
