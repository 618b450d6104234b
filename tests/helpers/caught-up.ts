// Before a test checks that something did NOT happen, the worker must have acted on everything
// that had happened to the workflow: otherwise the check passes on a busy machine only because
// the worker had not run yet, and could never fail.
import type { WorkflowHandle } from '@temporalio/client';
import { eventually } from './eventually';

/** Waits until the workflow has no workflow task and no activity pending: the worker has caught up. */
export async function workerCaughtUp(handle: WorkflowHandle): Promise<void> {
  await eventually(
    async () => {
      const { raw } = await handle.describe();
      return !raw.pendingWorkflowTask && (raw.pendingActivities?.length ?? 0) === 0;
    },
    (idle) => idle,
    `the worker to catch up with ${handle.workflowId}`,
  );
}
