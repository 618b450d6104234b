// An order's or a case's tasks, each a link to its page.
import { href } from '../router';
import { useWorkbench } from '../session';
import type { TaskView } from '../tasks';
import { shopTime } from '../time';

export function TaskLinks({ tasks }: { tasks: TaskView[] | undefined }) {
  const { locale, timeZone } = useWorkbench();
  if (!tasks?.length) return <p class="muted">—</p>;
  return (
    <ul data-testid="task-links">
      {tasks.map((task) => (
        <li key={task.taskId}>
          <a href={href({ page: 'task', taskId: task.taskId })}>{task.display.title}</a> · {task.display.queueName} ·{' '}
          {task.status} · {shopTime(task.dueAt, timeZone, locale)}
        </li>
      ))}
    </ul>
  );
}
