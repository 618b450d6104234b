// One round of a shop's connector (its workflow calls this again and again): fetch what the
// platform has for us and keep it, tell the platform it may forget it, apply what is kept, and
// send what the product has to tell the platform. Each step is idempotent on its own (message ids,
// event ids, push ids), so a round cut short by a crash is simply run again.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { PlatformRefusedError, PlatformUnavailableError } from '../connectors/connector';
import { connectorContext } from './connector-context';
import { applyKeptMessages, keepMessages, MESSAGES_PER_ROUND, type ConnectorRef } from './connector-messages';
import { sendPushes } from './connector-pushes';
import type { PrismaClient } from './prisma-client';

export interface RoundResult {
  /** False once the shop removed or switched off the connector: its workflow ends. */
  enabled: boolean;
  /** The shop's interval between rounds. */
  pollEvery: string;
  /** There is more to do at once (a full page fetched, a full batch applied). */
  more: boolean;
}

export function createConnectorActivities(
  prisma: PrismaClient,
  temporal: Client,
  outboundAllowedHosts: readonly string[],
  publicBaseUrl: string,
) {
  const intake = () => ({ temporal, prisma, taskQueue: Context.current().info.taskQueue, publicBaseUrl });

  async function opened(ref: ConnectorRef) {
    const row = await prisma.connector.findUnique({ where: { shopId_platform: ref } });
    return row && row.enabled ? { row, ...connectorContext(prisma, row, outboundAllowedHosts) } : null;
  }

  return {
    async runConnectorRound(ref: ConnectorRef): Promise<RoundResult> {
      const open = await opened(ref);
      if (!open) return { enabled: false, pollEvery: '15s', more: false };
      const { row, connector, ctx } = open;
      const problems: string[] = [];
      let contact = false;
      let fetched = 0;
      if (connector.connect && !row.connectedAt) {
        try {
          await connector.connect(ctx);
          await prisma.connector.update({ where: { shopId_platform: ref }, data: { connectedAt: new Date() } });
          contact = true;
        } catch (err) {
          if (!(err instanceof PlatformUnavailableError || err instanceof PlatformRefusedError)) throw err;
          problems.push(`connecting: ${err.message}`);
        }
      }
      if (connector.pull) {
        try {
          const batch = await connector.pull(ctx);
          await keepMessages(prisma, ref, batch.messages);
          // Only now: a crash before this leaves them with the platform, which sends them again.
          await batch.confirm();
          fetched = batch.messages.length;
          contact = true;
        } catch (err) {
          if (!(err instanceof PlatformUnavailableError || err instanceof PlatformRefusedError)) throw err;
          problems.push(`fetching: ${err.message}`);
        }
      }
      const applied = await applyKeptMessages(intake(), ref, connector, ctx);
      if (applied.platformDown) problems.push(`applying: ${applied.platformDown}`);
      const pushed = await sendPushes(prisma, ref, connector, ctx);
      if (pushed.lastError) problems.push(`sending: ${pushed.lastError}`);
      else if (pushed.sent) contact = true;
      // Written only when it changes: a quiet round (a Shopify connector between webhooks) writes nothing.
      const lastError = problems.length ? problems.join('; ') : null;
      if (contact || lastError !== row.lastError)
        await prisma.connector.update({
          where: { shopId_platform: ref },
          data: { ...(contact ? { lastContactAt: new Date() } : {}), lastError },
        });
      return { enabled: true, pollEvery: row.pollEvery, more: fetched > 0 || applied.settled === MESSAGES_PER_ROUND };
    },

    /** One page of a backfill: the messages the range would have brought, kept like any other (the same facts make the same events). */
    async backfillConnectorPage(
      request: ConnectorRef & { from: string; to: string; cursor?: string },
    ): Promise<{ kept: number; cursor?: string }> {
      const open = await opened({ shopId: request.shopId, platform: request.platform });
      if (!open) return { kept: 0 };
      let page: Awaited<ReturnType<typeof open.connector.backfill>>;
      try {
        page = await open.connector.backfill(
          open.ctx,
          { from: new Date(request.from), to: new Date(request.to) },
          request.cursor,
        );
      } catch (err) {
        // Credentials the platform refuses are not cured by retrying; the backfill ends with the reason.
        if (err instanceof PlatformRefusedError)
          throw ApplicationFailure.nonRetryable(
            `${request.platform} refused the backfill: ${err.message}`,
            'PlatformRefused',
          );
        throw err;
      }
      return {
        kept: await keepMessages(prisma, { shopId: request.shopId, platform: request.platform }, page.messages),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      };
    },
  };
}
