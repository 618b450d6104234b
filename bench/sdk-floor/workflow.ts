// A workflow that does nothing, in the shape of a happy-path order's history (bench figures at
// 79.0 events: 7 signals, 9 local activities, 3 activities, 6 timers started and cancelled, about
// 10 search-attribute upserts), so that what the SDK alone costs the worker for that shape can be
// measured beside the order's own figure (bench/sdk-floor/main.ts).
import { condition, defineSignal, proxyActivities, proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { OrderStatusAttribute } from '../../workflows/definitions';
import type { FloorActivities } from './activities';

export const FLOOR_TASK_QUEUE = 'sdk-floor';
export const floorEventSignal = defineSignal('floorEvent');
/** The order's seven events, each a signal: placed (sent with its start), paid, the address reply, shipped, delivered, received, the review. */
export const FLOOR_SIGNALS = 7;
/** The steps in which the order runs an activity (its messages and the review request). */
const WITH_ACTIVITY = new Set([2, 4, 6]);

const { recordStep } = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });
const { notify } = proxyActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });

export async function floorOrderWorkflow(): Promise<void> {
  let received = 0;
  setHandler(floorEventSignal, () => void received++);
  upsertSearchAttributes([{ key: OrderStatusAttribute, value: 'STEP_0' }]);
  await recordStep(0);
  for (let step = 1; step <= FLOOR_SIGNALS; step++) {
    // The order waits on each rule's deadline as well as on the next event: a timer that the event cancels.
    await condition(() => received >= step, step < FLOOR_SIGNALS ? '1 day' : undefined);
    upsertSearchAttributes([{ key: OrderStatusAttribute, value: `STEP_${step}` }]);
    if (WITH_ACTIVITY.has(step)) await notify(step);
    await recordStep(step);
  }
  upsertSearchAttributes([{ key: OrderStatusAttribute, value: 'COMPLETED' }]);
  await recordStep(FLOOR_SIGNALS + 1);
}
