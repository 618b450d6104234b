// One after-sales case: where it stands, what comes next and by when, the refund and any
// compensation, its log and tasks, and the workflow in the Temporal Web UI.
import { query, read } from '../api';
import { useLoad } from '../load';
import { Loading, Refusal } from '../parts/notices';
import { LogTable } from '../parts/record-lists';
import { DeadlineList } from '../parts/deadline-list';
import { StatusName } from '../parts/status-name';
import { TaskLinks } from '../parts/task-links';
import { href } from '../router';
import { useWorkbench } from '../session';
import { TemporalLink } from '../parts/temporal-link';
import type { TaskView } from '../tasks';
import { shopTime } from '../time';
import { caseProgress } from '../../api/case-progress';
import { caseTypeName } from '../../api/task-texts';
import type { CaseState } from '../../workflows/definitions';

interface CaseView {
  workflowId: string;
  case: {
    caseId: string;
    orderId: string;
    type: string;
    status: string;
    requestedAmount: string | null;
    description?: string | null;
    returnTrackingNumber?: string | null;
  } | null;
  workflow: {
    caseId: string;
    type: CaseState['type'];
    status: CaseState['status'];
    next: CaseState['next'];
    decision?: { approved: boolean; by: string; at: string; rule: string };
    refund?: { amount: string; currency: string; status: string };
    compensation?: { offer: string; amount?: string };
    deadlines: CaseState['deadlines'];
  } | null;
  log: { entryId: string; type: string; actor: string; at: string; reason?: string | null }[];
  workflowError?: string;
}

export function CasePage({ caseId }: { caseId: string }) {
  const workbench = useWorkbench();
  const { t, shop, locale, timeZone } = workbench;
  const path = `/cases/${encodeURIComponent(shop.shopId)}/${encodeURIComponent(caseId)}`;
  const loaded = useLoad(() => read<CaseView>(path), [path], 10_000);
  const tasks = useLoad(
    () => read<{ tasks: TaskView[] }>(`/tasks${query({ shopId: shop.shopId, caseId, lang: locale })}`),
    [path, locale],
  );

  if (loaded.error) return <Refusal error={loaded.error.detail} onRetry={loaded.reload} />;
  const view = loaded.value;
  if (!view) return <Loading />;
  const row = view.case;
  const state = view.workflow;

  return (
    <article data-testid="case-page">
      <h1>
        {t.case} {caseId}
      </h1>
      <p>
        {t.status}:{' '}
        <strong data-testid="case-status">
          <StatusName of="case" status={state?.status ?? row?.status ?? '—'} />
        </strong>
        {row ? (
          <span class="muted">
            {' '}
            · {caseTypeName(row.type, locale)} · {t.order}{' '}
            <a href={href({ page: 'order', orderId: row.orderId })}>{row.orderId}</a>
            {row.requestedAmount ? ` · ${row.requestedAmount}` : ''}
          </span>
        ) : null}
      </p>
      {row?.description ? <blockquote>{row.description}</blockquote> : null}
      {view.workflowError ? <p class="notice error">{view.workflowError}</p> : null}
      <section class="card">
        <h2>{t.next}</h2>
        {state ? <BuyerSees state={state} /> : null}
        <DeadlineList deadlines={state?.deadlines} />
        {state?.decision ? (
          <p>
            {state.decision.approved ? '✔' : '✘'} {state.decision.by} · {state.decision.rule} ·{' '}
            {shopTime(state.decision.at, timeZone, locale)}
          </p>
        ) : null}
        {state?.refund ? (
          <p data-testid="case-refund">
            {t.refunds}: {state.refund.currency} {state.refund.amount} · {state.refund.status}
          </p>
        ) : null}
        {state?.compensation ? (
          <p>
            {state.compensation.offer} {state.compensation.amount ?? ''}
          </p>
        ) : null}
      </section>
      <section>
        <h2>{t.tasks}</h2>
        <TaskLinks tasks={tasks.value?.tasks} />
      </section>
      <section>
        <h2>{t.timeline}</h2>
        <LogTable
          lines={view.log.map((entry) => ({
            at: entry.at,
            what: entry.type,
            who: entry.actor,
            reason: entry.reason ?? null,
          }))}
        />
      </section>
      <TemporalLink workflowId={view.workflowId} />
    </article>
  );
}

/** What the buyer's progress page says now (A1), so the agent talks to the buyer in the same terms. */
function BuyerSees({ state }: { state: Pick<CaseState, 'caseId' | 'type' | 'status' | 'next'> }) {
  const { t, locale, timeZone } = useWorkbench();
  const progress = caseProgress(state, locale, timeZone);
  return (
    <p data-testid="buyer-sees">
      {t.buyerSees}: {progress.stage} · {progress.next.text}
      {progress.next.byLocal ? ` — ${t.by} ${progress.next.byLocal}` : ''}
    </p>
  );
}
