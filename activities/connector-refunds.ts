// A refund on an order that came through a marketplace goes through the marketplace: Shopify moves
// the money at our request, Taobao pays it itself once the seller agrees. Either way the ledger row
// is written first and its id goes with the call, so a retry never pays twice.
import { ApplicationFailure } from '@temporalio/common';
import type { Connector as ConnectorRow } from '../generated/prisma/client';
import { PlatformRefusedError, PlatformUnavailableError, type RefundPush } from '../connectors/connector';
import { connectorContext } from './connector-context';
import type { PrismaClient } from './prisma-client';

export async function refundThroughConnector(
  prisma: PrismaClient,
  row: ConnectorRow,
  outboundAllowedHosts: readonly string[],
  push: RefundPush,
): Promise<{ providerRefundId: string; status: 'PAID' | 'PAID_BY_PLATFORM' }> {
  // Never the shop's gateway instead: the platform may have paid an earlier attempt whose answer was lost.
  if (!row.enabled)
    throw ApplicationFailure.retryable(
      `The shop's ${row.platform} connector is switched off: the refund waits until it is on again`,
      'RefundGatewayUnavailable',
    );
  const { connector, ctx } = connectorContext(prisma, row, outboundAllowedHosts);
  try {
    const result = await connector.refund(ctx, push);
    return {
      providerRefundId: result.providerRefundId,
      status: result.paidBy === 'platform' ? 'PAID_BY_PLATFORM' : 'PAID',
    };
  } catch (err) {
    // The same failure types the gateway's errors are, so the workflow's retries and its supervisor's task treat both alike.
    if (err instanceof PlatformUnavailableError)
      throw ApplicationFailure.retryable(`${row.platform}: ${err.message}`, 'RefundGatewayUnavailable');
    if (err instanceof PlatformRefusedError)
      throw ApplicationFailure.nonRetryable(`${row.platform} refused the refund: ${err.message}`, 'RefundRefused');
    throw err;
  }
}
