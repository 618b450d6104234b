// T1 "a task listed as OPEN can always be completed": an agent completes it the moment its row is
// written, before the workflow has heard that the activity that wrote it finished. The worker here
// holds the openTask activity's answer back until that completion has been answered, which is the
// race an immediate completion sometimes ran into.
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import type { PrismaClient } from '../../activities/prisma-client';
import { completeTaskUpdate } from '../../workflows/definitions';
import type { runTaskWorkflow } from '../fixtures/workflows';
import { testPrisma } from '../helpers/database';
import { eventually } from '../helpers/eventually';
import { TEST_ALLOWED_HOSTS } from '../helpers/outbound';
import { startTimeSkippingServer } from '../helpers/temporal';

const taskQueue = `task-race-${randomUUID()}`;
const t = {} as { env: TestWorkflowEnvironment; prisma: PrismaClient; worker: Worker; running: Promise<void> };
let releaseOpenTask: () => void = () => undefined;

beforeAll(async () => {
  t.env = await startTimeSkippingServer();
  t.prisma = testPrisma();
  const activities = createActivities(t.prisma, t.env.client, TEST_ALLOWED_HOSTS);
  t.worker = await Worker.create({
    connection: t.env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    activities: {
      ...activities,
      async openTask(...args: Parameters<typeof activities.openTask>) {
        // The gate exists before the row does, so the test can always open it.
        const released = new Promise<void>((resolve) => (releaseOpenTask = resolve));
        const opened = await activities.openTask(...args);
        await released;
        return opened;
      },
    },
  });
  t.running = t.worker.run();
});
afterAll(async () => {
  releaseOpenTask();
  t.worker?.shutdown();
  await t.running;
  await t.prisma?.$disconnect();
  await t.env?.teardown();
});

test('T1 a task completed as soon as it is listed OPEN is accepted, and the workflow goes on with that outcome', async () => {
  const workflowId = `test:task-race:${randomUUID()}`;
  const handle = await t.env.client.workflow.start<typeof runTaskWorkflow>('runTaskWorkflow', {
    taskQueue,
    workflowId,
    args: [
      {
        step: 'O4:cod-call',
        spec: {
          shopId: 'shop-task-race',
          kind: 'call_buyer',
          queue: 'PRE_SALES',
          title: 'Confirm the cash-on-delivery price',
          due: '2h',
        },
      },
    ],
  });
  const taskId = `${workflowId}:O4:cod-call`;
  await eventually(
    () => t.prisma.task.findUnique({ where: { id: taskId } }),
    (task) => task?.status === 'OPEN',
    `task ${taskId} listed OPEN`,
  );

  const completion = await handle.executeUpdate(completeTaskUpdate, {
    args: [{ taskId, agentId: 'agent-li', outcome: { reached: true, answer: 'agreed' } }],
  });
  expect(completion).toMatchObject({ completedBy: 'agent-li', outcome: { reached: true, answer: 'agreed' } });
  releaseOpenTask();

  expect(await handle.result()).toMatchObject({ completedBy: 'agent-li', outcome: { answer: 'agreed' } });
  expect(await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
    status: 'DONE',
    completedBy: 'agent-li',
  });
});
