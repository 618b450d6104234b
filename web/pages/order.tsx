// One order: where it stands, what comes next and by when, its whole log, its messages with their
// status and reason, its tasks and cases, and the workflow in the Temporal Web UI.
import { query, read } from '../api';
import { useLoad } from '../load';
import { Loading, Refusal } from '../parts/notices';
import { LogTable, MessageList, type MessageLine } from '../parts/record-lists';
import { DeadlineList } from '../parts/deadline-list';
import { StatusName } from '../parts/status-name';
import { TaskLinks } from '../parts/task-links';
import { caseTypeName } from '../../api/task-texts';
import type { Deadline } from '../../workflows/deadlines';
import { href } from '../router';
import { useWorkbench } from '../session';
import { TemporalLink } from '../parts/temporal-link';
import type { TaskView } from '../tasks';

interface OrderView {
  workflowId: string;
  order: {
    orderId: string;
    status: string;
    platform: string;
    buyerName?: string;
    paymentMethod: string;
    currency: string;
    totalAmount: string;
    courier?: string | null;
    trackingNumber?: string | null;
    items: { lineNo: number; sku: string; title: string; quantity: number; unitPrice: string }[];
  } | null;
  workflow: { status: string; deadlines: Deadline[]; lateToShip: boolean } | null;
  workflowError?: string;
}

interface Timeline {
  entries: {
    entryId: string;
    kind: string;
    type: string;
    actor: string;
    reason: string | null;
    data: Record<string, unknown> | null;
    at: string;
  }[];
}

export function OrderPage({ orderId }: { orderId: string }) {
  const workbench = useWorkbench();
  const { t, shop, locale } = workbench;
  const shopPath = encodeURIComponent(shop.shopId);
  const path = `/orders/${shopPath}/${encodeURIComponent(orderId)}`;
  const order = useLoad(() => read<OrderView>(path), [path], 10_000);
  const timeline = useLoad(() => read<Timeline>(`${path}/timeline`), [path], 10_000);
  const messages = useLoad(
    () => read<{ messages: MessageLine[] }>(`/shops/${shopPath}/messages${query({ orderId, limit: 100 })}`),
    [path],
  );
  const tasks = useLoad(
    () => read<{ tasks: TaskView[] }>(`/tasks${query({ shopId: shop.shopId, orderId, lang: locale })}`),
    [path, locale],
  );
  const cases = useLoad(
    () =>
      read<{ cases: { caseId: string; type: string; status: string }[] }>(
        `/shops/${shopPath}/cases${query({ orderId })}`,
      ),
    [path],
  );

  if (order.error) return <Refusal error={order.error.detail} onRetry={order.reload} />;
  const view = order.value;
  if (!view) return <Loading />;
  const row = view.order;
  const status = view.workflow?.status ?? row?.status ?? '—';

  return (
    <article data-testid="order-page">
      <h1>
        {t.order} {orderId}
      </h1>
      <p>
        {t.status}:{' '}
        <strong data-testid="order-status">
          <StatusName of="order" status={status} />
        </strong>
        {view.workflow?.lateToShip ? <span class="badge danger">LATE_TO_SHIP</span> : null}
        {row ? (
          <span class="muted">
            {' '}
            · {row.platform} · {row.paymentMethod} · {row.currency} {row.totalAmount}
            {row.trackingNumber ? ` · ${row.courier ?? ''} ${row.trackingNumber}` : ''}
          </span>
        ) : null}
      </p>
      {view.workflowError ? <p class="notice error">{view.workflowError}</p> : null}
      <section class="card">
        <h2>{t.next}</h2>
        <DeadlineList deadlines={view.workflow?.deadlines} />
      </section>
      {row ? (
        <section>
          <h2>{t.items}</h2>
          <ul class="items">
            {row.items.map((item) => (
              <li key={item.lineNo}>
                {item.title} ({item.sku}) × {item.quantity} · {item.unitPrice}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2>{t.tasks}</h2>
        <TaskLinks tasks={tasks.value?.tasks} />
      </section>
      <section>
        <h2>{t.cases}</h2>
        {cases.value?.cases.length ? (
          <ul>
            {cases.value.cases.map((c) => (
              <li key={c.caseId}>
                <a href={href({ page: 'case', caseId: c.caseId })}>{c.caseId}</a> · {caseTypeName(c.type, locale)} ·{' '}
                <StatusName of="case" status={c.status} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">—</p>
        )}
      </section>
      <section>
        <h2>{t.timeline}</h2>
        <LogTable
          testId="order-log"
          lines={(timeline.value?.entries ?? []).map((entry) => ({
            at: entry.at,
            what: entry.type,
            who: entry.actor,
            reason: entry.reason,
            rule: typeof entry.data?.rule === 'string' ? entry.data.rule : null,
          }))}
        />
      </section>
      <section>
        <h2>{t.messages}</h2>
        <MessageList messages={messages.value?.messages ?? []} />
      </section>
      <TemporalLink workflowId={view.workflowId} />
    </article>
  );
}
