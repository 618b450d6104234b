// The floor workflow's activities do no work: each step tells the driver it happened (over the
// worker process's IPC channel), as the order's rows tell the bench's watcher.
import { Context } from '@temporalio/activity';

export interface FloorStep {
  workflowId: string;
  step: number;
}

export const floorActivities = {
  async recordStep(step: number): Promise<void> {
    const message: FloorStep = { workflowId: Context.current().info.workflowExecution?.workflowId ?? '', step };
    process.send?.(message);
  },
  async notify(_step: number): Promise<void> {},
};

export type FloorActivities = typeof floorActivities;
