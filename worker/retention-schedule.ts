// PIPL/GDPR: the daily run of the personal-data retention sweep (workflows/personal-data-retention.ts)
// as a Temporal Schedule, so it runs whether or not a worker happened to be up at the hour (a run
// missed while the server was down is caught up within a day). Created when the worker starts, and
// updated to this definition when it exists, so a deploy that changes it takes effect.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { personalDataRetention } from '../workflows';
import { ORDER_TASK_QUEUE } from '../workflows/definitions';

export const RETENTION_SCHEDULE_ID = 'personal-data-retention';

function definition(taskQueue: string) {
  return {
    // 19:30 UTC is 03:30 in China, the quietest hour of a Chinese shop's day.
    spec: { calendars: [{ hour: 19, minute: 30, comment: 'daily, 03:30 China Standard Time' }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'personalDataRetention' as const satisfies (typeof personalDataRetention)['name'],
      workflowId: RETENTION_SCHEDULE_ID,
      taskQueue,
      args: [] as [],
    },
    // A sweep still running (a large first one) is not started twice.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  };
}

/** Creates the schedule, or brings an existing one to this definition; says which. */
export async function ensureRetentionSchedule(
  client: Client,
  taskQueue = ORDER_TASK_QUEUE,
): Promise<'created' | 'updated'> {
  const schedule = definition(taskQueue);
  try {
    await client.schedule.create({ scheduleId: RETENTION_SCHEDULE_ID, ...schedule });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    // A pause an operator set stays.
    await client.schedule
      .getHandle(RETENTION_SCHEDULE_ID)
      .update((previous) => ({ ...schedule, state: previous.state }));
    return 'updated';
  }
}
