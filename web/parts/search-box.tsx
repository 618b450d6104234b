// Search by order id, buyer phone or tracking number (GET /shops/:shopId/search): each order found
// with its cases and open tasks, each a link.
import { useState } from 'preact/hooks';
import { call, query } from '../api';
import { href } from '../router';
import { StatusName } from './status-name';
import { useWorkbench } from '../session';
import type { TaskView } from '../tasks';

interface Found {
  results: {
    matchedBy: string[];
    orderId: string;
    order: { status: string; buyerName: string; courier: string | null; trackingNumber: string | null } | null;
    cases: { caseId: string; type: string; status: string }[];
    openTasks: TaskView[];
  }[];
}

export function SearchBox() {
  const { t, shop, locale } = useWorkbench();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found['results']>();

  async function search(event: Event) {
    event.preventDefault();
    if (!text.trim()) return setFound(undefined);
    const answer = await call<Found>(
      'GET',
      `/shops/${encodeURIComponent(shop.shopId)}/search${query({ q: text.trim(), lang: locale })}`,
    );
    setFound(answer.ok ? answer.body.results : []);
  }

  return (
    <form class="search" role="search" onSubmit={search}>
      <input
        type="search"
        aria-label={t.search}
        placeholder={t.searchPlaceholder}
        value={text}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
      />
      <button type="submit">{t.search}</button>
      {found ? (
        <ul class="found" data-testid="search-results">
          {found.map((result) => (
            <li key={result.orderId}>
              <a href={href({ page: 'order', orderId: result.orderId })}>
                {t.order} {result.orderId}
              </a>{' '}
              <span class="muted">
                {result.order ? <StatusName of="order" status={result.order.status} /> : null} {result.order?.buyerName}{' '}
                ({result.matchedBy.join(', ')})
              </span>
              <ul>
                {result.cases.map((item) => (
                  <li key={item.caseId}>
                    <a href={href({ page: 'case', caseId: item.caseId })}>
                      {t.case} {item.caseId}
                    </a>{' '}
                    <StatusName of="case" status={item.status} />
                  </li>
                ))}
                {result.openTasks.map((task) => (
                  <li key={task.taskId}>
                    <a href={href({ page: 'task', taskId: task.taskId })}>{task.display.title}</a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {!found.length ? <li class="muted">{t.noResults}</li> : null}
        </ul>
      ) : null}
    </form>
  );
}
