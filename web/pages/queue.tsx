// The queue: the open tasks of the queues the person works, soonest due first, each counting down
// on the shop's clock, refreshed every few seconds, with a notice when a new one lands.
import { useEffect, useRef, useState } from 'preact/hooks';
import { query, read } from '../api';
import { useLoad } from '../load';
import { announce, chooseNotice, savedNoticeChoice, type NoticeChoice } from '../notify';
import { Loading, Refusal } from '../parts/notices';
import { SearchBox } from '../parts/search-box';
import { href } from '../router';
import { useWorkbench } from '../session';
import { kindName, queueName, TASK_KIND_LIST, TASK_QUEUE_LIST, type TaskView } from '../tasks';
import { shopTime, span, useNow } from '../time';

const REFRESH_MS = 5000;

type Assigned = 'anyone' | 'mine' | 'unassigned';

export function QueuePage() {
  const workbench = useWorkbench();
  const { t, shop, me, locale } = workbench;
  const [queue, setQueue] = useState('');
  const [kind, setKind] = useState('');
  const [assigned, setAssigned] = useState<Assigned>('anyone');
  const [notice, setNotice] = useState<NoticeChoice>(savedNoticeChoice);

  const tasks = useLoad(
    async () =>
      (
        await read<{ tasks: TaskView[] }>(
          `/tasks${query({ shopId: shop.shopId, open: true, queue, kind, limit: 200, lang: locale })}`,
        )
      ).tasks,
    [shop.shopId, queue, kind, locale],
    REFRESH_MS,
  );

  // A task id not seen before, after the first load, is a new task in the person's queues; other
  // filters show other tasks, none of them new.
  const seen = useRef<Set<string> | undefined>(undefined);
  useEffect(() => {
    seen.current = undefined;
  }, [shop.shopId, queue, kind]);
  useEffect(() => {
    if (!tasks.value) return;
    const ids = new Set(tasks.value.map((task) => task.taskId));
    if (seen.current) {
      const fresh = tasks.value.filter((task) => !seen.current!.has(task.taskId));
      if (fresh.length) announce(notice, t.newTask, fresh.map((task) => task.display.title).join('\n'));
    }
    seen.current = ids;
  }, [tasks.value]);

  const shown = (tasks.value ?? []).filter((task) =>
    assigned === 'mine' ? task.assignee === me.identityId : assigned === 'unassigned' ? task.assignee === null : true,
  );

  return (
    <section>
      <div class="toolbar">
        <h1>{t.queue}</h1>
        <SearchBox />
      </div>
      <div class="filters">
        <select aria-label={t.queue} value={queue} onChange={(e) => setQueue((e.target as HTMLSelectElement).value)}>
          <option value="">{t.allQueues}</option>
          {TASK_QUEUE_LIST.map((q) => (
            <option key={q} value={q}>
              {queueName(q, locale)}
            </option>
          ))}
        </select>
        <select aria-label={t.tasks} value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
          <option value="">{t.allKinds}</option>
          {TASK_KIND_LIST.map((k) => (
            <option key={k} value={k}>
              {kindName(k, locale)}
            </option>
          ))}
        </select>
        <select
          aria-label={t.claimedBy}
          value={assigned}
          onChange={(e) => setAssigned((e.target as HTMLSelectElement).value as Assigned)}
        >
          <option value="anyone">{t.anyone}</option>
          <option value="mine">{t.mine}</option>
          <option value="unassigned">{t.unassigned}</option>
        </select>
        <label>
          {t.notifyBy}{' '}
          <select
            aria-label={t.notifyBy}
            value={notice}
            onChange={(e) => void chooseNotice((e.target as HTMLSelectElement).value as NoticeChoice).then(setNotice)}
          >
            <option value="none">{t.notifyNone}</option>
            <option value="sound">{t.notifySound}</option>
            <option value="browser">{t.notifyBrowser}</option>
          </select>
        </label>
      </div>
      <Refusal error={tasks.error?.detail} onRetry={tasks.reload} />
      {!tasks.value && !tasks.error ? <Loading /> : null}
      {tasks.value && !shown.length ? <p class="muted">{t.noTasks}</p> : null}
      {shown.length ? <TaskTable tasks={shown} /> : null}
    </section>
  );
}

function TaskTable({ tasks }: { tasks: TaskView[] }) {
  const { t, locale, timeZone } = useWorkbench();
  const now = useNow();
  return (
    <table class="tasks" data-testid="task-list">
      <thead>
        <tr>
          <th>{t.tasks}</th>
          <th>{t.queue}</th>
          <th>{t.order}</th>
          <th>{t.due}</th>
          <th>{t.claimedBy}</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const left = Date.parse(task.dueAt) - now;
          return (
            <tr
              key={task.taskId}
              class={left < 0 ? 'overdue' : task.escalatedAt ? 'escalated' : ''}
              data-task-id={task.taskId}
            >
              <td>
                <a href={href({ page: 'task', taskId: task.taskId })}>{task.display.title}</a>
                <div class="muted small">{task.display.kindName}</div>
              </td>
              <td>
                {task.display.queueName}
                {task.escalatedAt ? <span class="badge warn">{t.escalated}</span> : null}
              </td>
              <td>
                {task.orderId ? <a href={href({ page: 'order', orderId: task.orderId })}>{task.orderId}</a> : '—'}
              </td>
              <td>
                <div>{shopTime(task.dueAt, timeZone, locale)}</div>
                {left < 0 ? (
                  <span class="badge danger">
                    {t.overdue} {span(left, locale)}
                  </span>
                ) : (
                  <span class="muted small">
                    {t.left} {span(left, locale)}
                  </span>
                )}
              </td>
              <td>{task.assignee ?? <span class="muted">{t.unassigned}</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
