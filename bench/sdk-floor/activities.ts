// The floor workflow's activities do no work (its steps reach the driver through a sink, worker.ts).
export interface FloorStep {
  workflowId: string;
  step: number;
}

export const floorActivities = {
  async recordStep(_step: number): Promise<void> {},
  async notify(_step: number): Promise<void> {},
};

export type FloorActivities = typeof floorActivities;
