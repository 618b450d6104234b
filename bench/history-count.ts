// How long the workflows' histories grew: events per order's workflow (and per refund case),
// and which kinds of event they are, read from the Temporal server after the run.
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { caseWorkflowId, orderWorkflowId } from '../workflows/definitions';

export interface HistoryFigures {
  orders: number;
  /** Events of an order's workflow with no case. */
  happyPath: { mean: number; max: number };
  /** Events of an order's and its refund case's workflows together. */
  withRefund?: { mean: number; max: number };
  /** Happy-path orders' events by type, per order, largest first. */
  byType: Array<{ type: string; perOrder: number }>;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The types of a workflow's history events, in order (EVENT_TYPE_ left off). */
export async function historyEventTypes(client: Client, workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).map((event) =>
    (temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'UNKNOWN').replace(/^EVENT_TYPE_/, ''),
  );
}

export async function countHistories(
  address: string,
  shopId: string,
  orders: Array<{ orderId: string; caseId?: string }>,
): Promise<HistoryFigures | undefined> {
  if (orders.length === 0) return undefined;
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    const plain: number[] = [];
    const refunded: number[] = [];
    const byType = new Map<string, number>();
    for (const { orderId, caseId } of orders) {
      const orderEvents = await historyEventTypes(client, orderWorkflowId(shopId, orderId));
      if (caseId) {
        refunded.push(orderEvents.length + (await historyEventTypes(client, caseWorkflowId(shopId, caseId))).length);
        continue;
      }
      plain.push(orderEvents.length);
      for (const type of orderEvents) byType.set(type, (byType.get(type) ?? 0) + 1);
    }
    return {
      orders: orders.length,
      happyPath: plain.length ? { mean: mean(plain), max: Math.max(...plain) } : { mean: NaN, max: NaN },
      ...(refunded.length ? { withRefund: { mean: mean(refunded), max: Math.max(...refunded) } } : {}),
      byType: [...byType]
        .map(([type, count]) => ({ type, perOrder: count / Math.max(1, plain.length) }))
        .sort((a, b) => b.perOrder - a.perOrder),
    };
  } finally {
    await connection.close();
  }
}
