// Whether workflows still run, as Temporal says: the database's statuses lag behind a workflow that
// is finishing (settling its messages, a child still waiting), and erasing an order under a
// running workflow would take the address from a parcel still on its way.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';

/** Of `workflowIds`, those that are still running. */
export type RunningWorkflows = (workflowIds: string[]) => Promise<string[]>;

export function runningWorkflows(temporal: Client): RunningWorkflows {
  return async (workflowIds) => {
    const running = await Promise.all(
      workflowIds.map(async (workflowId) => {
        try {
          return (await temporal.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
        } catch (err) {
          // Temporal forgets closed workflows after the namespace's retention.
          if (err instanceof WorkflowNotFoundError) return false;
          throw err;
        }
      }),
    );
    return workflowIds.filter((_, index) => running[index]);
  };
}
