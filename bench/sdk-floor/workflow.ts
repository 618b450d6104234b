// A workflow that does nothing, in the shape of a happy-path order's history (bench figures at
// 79.0 events: 7 signals, 9 local activities, 3 activities, 6 timers started and cancelled, about
// 10 search-attribute upserts), so that what the SDK alone costs the worker for that shape can be
// measured beside the order's own figure (bench/sdk-floor/main.ts). The `bare` shape keeps only
// its seven events and the three activities that send, to price the leanest order there could be;
// `deadlines` adds the timers the rules wait on, which no design of the order can drop either, and
// prices an order that writes nothing through local activities and upserts no search attribute.
import type { Sinks } from '@temporalio/workflow';
import {
  condition,
  defineSignal,
  proxyActivities,
  proxyLocalActivities,
  proxySinks,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { OrderStatusAttribute } from '../../workflows/definitions';
import type { FloorActivities } from './activities';

export const FLOOR_TASK_QUEUE = 'sdk-floor';
export const floorEventSignal = defineSignal('floorEvent');
/** The order's seven events, each a signal: placed (sent with its start), paid, the address reply, shipped, delivered, received, the review. */
export const FLOOR_SIGNALS = 7;
/** The steps in which the order runs an activity (its messages and the review request). */
const WITH_ACTIVITY = new Set([2, 4, 6]);

export const FLOOR_SHAPES = ['order', 'deadlines', 'bare'] as const;
export type FloorShape = (typeof FLOOR_SHAPES)[number];

/** How a step tells the driver it is done without a command of its own: a sink is not in the history. */
export interface FloorSinks extends Sinks {
  floor: { reached(step: number): void };
}

const { floor } = proxySinks<FloorSinks>();
const { recordStep } = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });
const { notify } = proxyActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });

export async function floorOrderWorkflow(shape: FloorShape): Promise<void> {
  const asOrder = shape === 'order';
  const withDeadlines = shape !== 'bare';
  let received = 0;
  setHandler(floorEventSignal, () => void received++);
  const done = async (step: number, status: string) => {
    if (asOrder) {
      upsertSearchAttributes([{ key: OrderStatusAttribute, value: status }]);
      await recordStep(step);
    }
    floor.reached(step);
  };
  await done(0, 'STEP_0');
  for (let step = 1; step <= FLOOR_SIGNALS; step++) {
    // The order waits on each rule's deadline as well as on the next event: a timer that the event cancels.
    await condition(() => received >= step, withDeadlines && step < FLOOR_SIGNALS ? '1 day' : undefined);
    if (WITH_ACTIVITY.has(step)) await notify(step);
    await done(step, `STEP_${step}`);
  }
  if (asOrder) await done(FLOOR_SIGNALS + 1, 'COMPLETED');
}
