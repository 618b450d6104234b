// The retention sweep as it runs in production: the worker's schedule (created, then updated in
// place on the next start), triggered on the dev server (the time-skipping server has no
// schedules), runs personalDataRetention on the worker, which erases an old closed order and leaves
// one whose workflow Temporal still runs.
import { randomUUID } from 'node:crypto';
import { ensureRetentionSchedule, RETENTION_SCHEDULE_ID } from '../../worker/retention-schedule';
import { orderWorkflowId } from '../../workflows/definitions';
import { eventually } from '../helpers/eventually';
import { personalDataFixtures } from '../helpers/personal-data';
import { startDevServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startDevServer, `privacy-${randomUUID()}`);
const { buyer, completedOrder, rowsOf, expectNoPersonalData, expectPersonalData } = personalDataFixtures(
  () => t.prisma,
);
const shopId = `shop-retention-${randomUUID().slice(0, 8)}`;

afterAll(async () => {
  await t.env?.client.schedule
    .getHandle(RETENTION_SCHEDULE_ID)
    .delete()
    .catch(() => undefined);
});

test('the daily schedule is created once and updated on the next start', async () => {
  const taskQueue = t.worker.options.taskQueue;
  expect(await ensureRetentionSchedule(t.env.client, taskQueue)).toBe('created');
  expect(await ensureRetentionSchedule(t.env.client, taskQueue)).toBe('updated');
  const schedule = await t.env.client.schedule.getHandle(RETENTION_SCHEDULE_ID).describe();
  expect(schedule.spec.calendars).toEqual([
    expect.objectContaining({ hour: [{ start: 19, end: 19, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] }),
  ]);
  expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'personalDataRetention', taskQueue });
  expect(schedule.policies).toMatchObject({ overlap: 'SKIP' });
});

test('a run erases an old closed order and leaves the one whose workflow still runs', async () => {
  const old = buyer();
  const oldOrder = await completedOrder(shopId, old, 400);
  const running = buyer();
  const runningOrder = await completedOrder(shopId, running, 400);
  // A workflow under the order's id that no worker polls for: Temporal says it runs.
  await t.env.client.workflow.start('orderWorkflow', {
    workflowId: orderWorkflowId(shopId, runningOrder.orderId),
    taskQueue: `nobody-${randomUUID()}`,
    args: [],
  });

  const handle = t.env.client.schedule.getHandle(RETENTION_SCHEDULE_ID);
  await handle.trigger();
  const described = await eventually(
    () => handle.describe(),
    (d) => d.info.recentActions.length > 0,
    'the schedule to start a run',
  );
  const { workflowId } = described.info.recentActions[0].action.workflow;
  const result = await t.env.client.workflow.getHandle(workflowId).result();
  expect(result.ordersErased).toBeGreaterThanOrEqual(1);

  expectNoPersonalData(await rowsOf(shopId, oldOrder.orderId), old);
  expectPersonalData(await rowsOf(shopId, runningOrder.orderId), running);
  await t.env.client.workflow.getHandle(orderWorkflowId(shopId, runningOrder.orderId)).terminate('test over');
});
