// Starting and waking a shop's connector workflow from the API: one signal-with-start does both,
// so a first webhook or a first configuration finds the workflow running either way.
import type { Client } from '@temporalio/client';
import { connectorWakeSignal, connectorWorkflowId, ORDER_TASK_QUEUE } from '../workflows/definitions';
import type { connectorWorkflow } from '../workflows';

export async function wakeConnector(deps: { temporal: Client }, shopId: string, platform: string): Promise<void> {
  await deps.temporal.workflow.signalWithStart<typeof connectorWorkflow, []>('connectorWorkflow', {
    workflowId: connectorWorkflowId(shopId, platform),
    taskQueue: ORDER_TASK_QUEUE,
    args: [{ shopId, platform }],
    signal: connectorWakeSignal,
    signalArgs: [],
  });
}
