// How a workflow tells someone something (M1-M3): one call per rule step through the outbox
// activity. A message held for quiet hours waits here on a durable timer (visible in the Web UI),
// not in a poll, and is asked about again when it wakes.
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { MessageChannel, OutboxActivities, SendMessageResult } from '../activities';
import type { TemplateName, TemplateVariables } from '../activities/messages/templates';
import { MESSAGES } from './activity-options';
import { opsWebUi } from './lean-history';
import { localDateTime } from './shop-clock';
import type { Locale } from './shop-policy';
import { uninterrupted } from './uninterrupted';

// A send under way is finished even when its step is cancelled: what reached the provider cannot
// be called back, and the row must say what happened. A held message, waiting on a timer, is
// withdrawn at once.
const { sendMessage, settleUnsent } = uninterrupted(proxyActivities<OutboxActivities>(MESSAGES));

const MINUTE = 60_000;

export interface MessageSpec<N extends TemplateName> {
  shopId: string;
  orderId?: string;
  channel: MessageChannel;
  template: N;
  variables: TemplateVariables<N>;
  locale?: Locale;
}

export type MessageResult = Exclude<SendMessageResult, { status: 'HELD' }>;

/** The held message's timer in the Web UI, on the shop's clock where the outbox said which (issue 14 on). */
function heldSummary(template: string, held: Extract<SendMessageResult, { status: 'HELD' }>): string {
  if (held.timeZone && opsWebUi())
    return `${template} held (${held.reason}) until ${localDateTime(Date.parse(held.until), held.timeZone)} (${held.timeZone})`;
  return `${template} held (${held.reason}) until ${held.until}`;
}

async function send<N extends TemplateName>(
  step: string,
  audience: 'BUYER' | 'STAFF',
  spec: MessageSpec<N>,
): Promise<MessageResult> {
  const { workflowId } = workflowInfo();
  const messageId = `${workflowId}:${step}:${spec.channel}`;
  const variables = spec.variables as Record<string, string>;
  try {
    for (;;) {
      let result: SendMessageResult;
      try {
        result = await sendMessage({ ...spec, variables, messageId, workflowId, audience });
      } catch (err) {
        if (!(err instanceof ActivityFailure) || isCancellation(err)) throw err;
        const reason =
          err.cause instanceof ApplicationFailure && err.cause.nonRetryable
            ? (err.cause.type ?? 'NON_RETRYABLE')
            : 'RETRIES_EXHAUSTED';
        return (await settleUnsent({ messageId, status: 'FAILED', reason })) as MessageResult;
      }
      if (result.status !== 'HELD') return result;
      // At least a minute, so that a hold that ends at once can never spin.
      await sleep(Math.max(MINUTE, Date.parse(result.until) - Date.now()), {
        summary: heldSummary(spec.template, result),
      });
    }
  } catch (err) {
    if (isCancellation(err))
      await CancellationScope.nonCancellable(() =>
        settleUnsent({ messageId, status: 'SUPPRESSED', reason: 'CANCELLED' }),
      );
    throw err;
  }
}

/**
 * Sends the buyer of `orderId` the template once per `step`: a repeat of the step, or a retry,
 * returns the first result. Resolves when it is sent, suppressed or failed, which after quiet hours
 * may be the next morning.
 */
export function notifyBuyer<N extends TemplateName>(
  step: string,
  spec: MessageSpec<N> & { orderId: string },
): Promise<MessageResult> {
  return send(step, 'BUYER', spec);
}

/** A notice to the shop's staff through its webhook (an escalated task): no quiet hours, no buyer caps. */
export function notifyStaff<N extends TemplateName>(step: string, spec: MessageSpec<N>): Promise<MessageResult> {
  return send(step, 'STAFF', spec);
}
