// The task inbox (T1-T3) on the time-skipping server: a workflow waits on an agent's task, which
// escalates at its due time and is completed through the API's Workflow Update.
import { randomUUID } from 'node:crypto';
import type { runTaskWorkflow } from '../fixtures/workflows';
import { serveApiDuringTests } from '../helpers/api-server';
import { runChannelPeersDuringTests } from '../helpers/channel-peers';
import { eventually } from '../helpers/eventually';
import { personSession } from '../helpers/identities';
import { startTimeSkippingServer } from '../helpers/temporal';
import { localDateTime } from '../../workflows/shop-clock';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const taskQueue = `tasks-${randomUUID()}`;
const t = runWorkerDuringTests(startTimeSkippingServer, taskQueue);
const api = serveApiDuringTests(t);
const shopId = `shop-tasks-${randomUUID().slice(0, 8)}`;
const peers = runChannelPeersDuringTests(t, shopId);

const HOUR = 3_600_000;

/** The API as a person of the shop; a login starting "supervisor" is a supervisor. */
const as = async (login: string) =>
  api.as(await personSession(t.prisma, shopId, login, login.startsWith('supervisor') ? 'supervisor' : 'agent'));

async function startCallTask(due = '2h', orderId = 'TB-ESC-1') {
  const workflowId = `test:task:${randomUUID()}`;
  const handle = await t.env.client.workflow.start<typeof runTaskWorkflow>('runTaskWorkflow', {
    taskQueue,
    workflowId,
    args: [
      {
        step: 'O4:cod-call',
        spec: {
          shopId,
          orderId,
          kind: 'call_buyer',
          queue: 'PRE_SALES',
          escalateTo: 'SUPERVISOR',
          title: 'Confirm the cash-on-delivery price',
          due,
          details: { rule: 'O4', amount: '109.00', currency: 'CNY', attempt: 1 },
        },
      },
    ],
  });
  const taskId = `${workflowId}:O4:cod-call`;
  await eventually(
    () => t.prisma.task.findUnique({ where: { id: taskId } }),
    (task) => task !== null,
    `task ${taskId} to open`,
  );
  return { handle, taskId };
}

const path = (taskId: string, action = '') => `/tasks/${encodeURIComponent(taskId)}${action}`;

describe('task inbox (T1-T3)', () => {
  test('T1 a task is opened in its queue with a due time, and its completion through the API moves the workflow on', async () => {
    const started = await t.env.currentTimeMs();
    const { handle, taskId } = await startCallTask();
    const listed = await api.call('GET', `/tasks?shopId=${shopId}&queue=PRE_SALES&status=OPEN`);
    expect(listed.body.tasks.map((task: { taskId: string }) => task.taskId)).toContain(taskId);
    const opened = listed.body.tasks.find((task: { taskId: string }) => task.taskId === taskId);
    expect(Date.parse(opened.dueAt) - started).toBeGreaterThanOrEqual(2 * HOUR);
    expect(Date.parse(opened.dueAt) - started).toBeLessThan(2 * HOUR + 60_000);

    expect((await (await as('agent-xiaomei')).call('POST', path(taskId, '/claim'))).body).toMatchObject({
      status: 'CLAIMED',
      assignee: 'person:agent-xiaomei',
    });
    const completed = await (
      await as('agent-xiaomei')
    ).call('POST', path(taskId, '/complete'), { outcome: { reached: true, answer: 'agreed' } });

    expect(completed.status).toBe(200);
    expect(completed.body.task).toMatchObject({
      status: 'DONE',
      completedBy: 'person:agent-xiaomei',
      outcome: { reached: true, answer: 'agreed' },
    });
    expect(await handle.result()).toMatchObject({
      taskId,
      outcome: { reached: true, answer: 'agreed' },
      completedBy: 'person:agent-xiaomei',
    });

    const again = await (
      await as('agent-xiaomei')
    ).call('POST', path(taskId, '/complete'), { outcome: { reached: true, answer: 'agreed' } });
    expect(again.status).toBe(200);
    expect(again.body.completion.completedAt).toBe(completed.body.completion.completedAt);
  });

  test('T1/T3 a task left open escalates at its due time (2 h) to the supervisor, who is told, and the workflow keeps waiting', async () => {
    const { handle, taskId } = await startCallTask('2h');
    await (await as('agent-slow')).call('POST', path(taskId, '/claim'));
    await t.env.sleep(2 * HOUR + 60_000);

    const task = await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task).toMatchObject({ queue: 'SUPERVISOR', status: 'OPEN', assignee: null });
    expect(task.escalatedAt).not.toBeNull();
    const notice = peers.webhook.received.find(
      (hook) => hook.idempotencyKey === `${handle.workflowId}:O4:cod-call:escalated:WEBHOOK`,
    );
    expect(notice?.body).toMatchObject({ type: 'staff.notice', template: 'task_escalated' });
    // Named by its title and order, the kind and queue in words, the due time on the shop's clock (Asia/Shanghai by default).
    const due = `${localDateTime(task.dueAt.getTime(), 'Asia/Shanghai')} (Asia/Shanghai)`;
    expect(notice?.body.text).toBe(
      `您好，任务「致电买家确认货到付款金额」（订单TB-ESC-1，致电买家）原定${due}前完成，现已升级至客服主管，请接手或重新分派，谢谢。任务编号：${taskId}`,
    );
    expect(notice?.body.subject).toBe('任务已升级：致电买家确认货到付款金额（订单TB-ESC-1），请协助处理');
    expect((await handle.describe()).status.name).toBe('RUNNING');

    const done = await (
      await as('supervisor-li')
    ).call('POST', path(taskId, '/complete'), { outcome: { reached: false, note: 'no answer twice' } });
    expect(done.status).toBe(200);
    expect(await handle.result()).toMatchObject({ outcome: { reached: false }, completedBy: 'person:supervisor-li' });
  });

  test('T1 an invalid outcome gets a 400 naming the field and changes nothing', async () => {
    const { handle, taskId } = await startCallTask();
    const refused = await (
      await as('agent-xiaomei')
    ).call('POST', path(taskId, '/complete'), { outcome: { reached: 'maybe', answer: 'perhaps' } });

    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['outcome.reached', 'outcome.answer']),
    );
    expect(await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: 'OPEN',
      outcome: null,
      completedAt: null,
    });
    expect((await handle.describe()).status.name).toBe('RUNNING');

    await handle.terminate('ops ended it');
    const afterEnd = await (
      await as('agent-xiaomei')
    ).call('POST', path(taskId, '/complete'), { outcome: { reached: true } });
    expect(afterEnd.status).toBe(409);
    expect(afterEnd.body.error.code).toBe('workflow_closed');
    expect(await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      outcome: null,
      completedAt: null,
    });
  });

  test('T1 a late outcome, after the workflow stopped waiting, is refused with 409 and the row stays as it was', async () => {
    const { handle, taskId } = await startCallTask();
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow();
    expect(await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({ status: 'CANCELLED' });

    const late = await (
      await as('agent-xiaomei')
    ).call('POST', path(taskId, '/complete'), { outcome: { reached: true } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('task_cancelled');
    expect(await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: 'CANCELLED',
      outcome: null,
    });
  });

  test('T3 an agent hands a task to a colleague; another agent cannot claim or complete it', async () => {
    const { handle, taskId } = await startCallTask();
    await (await as('agent-a')).call('POST', path(taskId, '/claim'));
    await as('agent-b');
    const handed = await (
      await as('agent-a')
    ).call('POST', path(taskId, '/reassign'), { to: { assignee: 'person:agent-b' } });
    expect(handed.body).toMatchObject({ assignee: 'person:agent-b', status: 'CLAIMED' });

    expect((await (await as('agent-c')).call('POST', path(taskId, '/claim'))).body.error.code).toBe(
      'task_claimed_by_other',
    );
    expect(
      (await (await as('agent-c')).call('POST', path(taskId, '/complete'), { outcome: { reached: true } })).status,
    ).toBe(409);
    expect(
      (await (await as('agent-b')).call('POST', path(taskId, '/complete'), { outcome: { reached: true } })).status,
    ).toBe(200);
    await handle.result();
  });

  test('T2 figures: time to claim and complete, overdue per queue and agent, messages by channel and status', async () => {
    const overdue = await t.prisma.task.create({
      data: {
        id: `manual:${randomUUID()}`,
        shopId,
        kind: 'call_buyer',
        queue: 'AFTER_SALES',
        assignee: 'agent-late',
        status: 'CLAIMED',
        title: 'overdue',
        details: {},
        workflowId: 'none',
        dueAt: new Date(Date.now() - HOUR),
      },
    });
    const tasks = await api.call('GET', `/shops/${shopId}/figures/tasks`);
    expect(tasks.status).toBe(200);
    expect(tasks.body).toMatchObject({ responseTarget: { target: '2m', limit: '30m' } });
    expect(tasks.body.completed).toBeGreaterThanOrEqual(3);
    expect(tasks.body.secondsToComplete.p50).toEqual(expect.any(Number));
    expect(tasks.body.overdueNow).toContainEqual({ queue: 'AFTER_SALES', assignee: 'agent-late', count: 1 });

    const messages = await api.call('GET', `/shops/${shopId}/figures/messages`);
    expect(messages.body.byChannelAndStatus).toContainEqual({
      channel: 'WEBHOOK',
      status: 'SENT',
      count: expect.any(Number),
    });
    const listed = await api.call('GET', `/tasks?shopId=${shopId}&overdue=true`);
    expect(listed.body.tasks.map((task: { taskId: string }) => task.taskId)).toContain(overdue.id);
  });
});
