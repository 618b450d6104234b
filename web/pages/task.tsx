// One task: what to do, the buyer's and the order's context, and the outcome as a form; claim it,
// hand it on, or complete it, with a plain message when it is too late.
import { useState } from 'preact/hooks';
import { call, read, type FieldProblem } from '../api';
import { useLoad } from '../load';
import { Loading, Refusal } from '../parts/notices';
import { OutcomeForm } from '../parts/outcome-form';
import { QuickReplies } from '../parts/quick-replies';
import { StatusName } from '../parts/status-name';
import { caseTypeName } from '../../api/task-texts';
import { LogTable, MessageList, type MessageLine } from '../parts/record-lists';
import { href } from '../router';
import { useWorkbench } from '../session';
import { TemporalLink } from '../parts/temporal-link';
import { queueName, TASK_QUEUE_LIST, type TaskView } from '../tasks';
import type { TaskKind } from '../../workflows/task-kinds';
import { shopTime, span, useNow } from '../time';

interface TaskContext {
  buyer: { buyerId: string; name: string; tier: string; phone: string | null; email: string | null } | null;
  order: {
    orderId: string;
    status: string;
    paymentMethod: string;
    totalAmount: string;
    currency: string;
    items: { lineNo: number; sku: string; title: string; quantity: number; unitPrice: string }[];
    shippingAddress: Record<string, unknown> | null;
    courier: string | null;
    trackingNumber: string | null;
  } | null;
  timeline: { entryId: string; type: string; actor: string; rule: string | null; reason: string | null; at: string }[];
  messages: (MessageLine & { messageId: string })[];
  case: {
    caseId: string;
    type: string;
    status: string;
    description: string | null;
    requestedAmount: string | null;
    currency: string;
  } | null;
}

interface Colleague {
  identityId: string;
  name: string;
  role: string;
}

/** The kinds whose job is to answer the buyer: they get the shop's quick replies. */
const ANSWERING: readonly TaskKind[] = ['handle_case', 'decide_case', 'repair_review'];

type Said = { kind: 'done' | 'info' | 'late'; text: string } | undefined;

export function TaskPage({ taskId }: { taskId: string }) {
  const workbench = useWorkbench();
  const { t, locale, timeZone, shop, me } = workbench;
  const now = useNow();
  const path = `/tasks/${encodeURIComponent(taskId)}`;
  const task = useLoad(() => read<TaskView>(`${path}?lang=${locale}`), [taskId, locale]);
  const context = useLoad(() => read<TaskContext>(`${path}/context`), [taskId]);
  const colleagues = useLoad(
    () => read<{ colleagues: Colleague[] }>(`/shops/${encodeURIComponent(shop.shopId)}/colleagues`),
    [shop.shopId],
  );
  const [said, setSaid] = useState<Said>();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);

  async function act(method: 'POST', suffix: string, body: unknown, done: string) {
    setBusy(true);
    const answer = await call<{ message?: string }>(method, `${path}/${suffix}`, body);
    setBusy(false);
    setProblems([]);
    if (answer.ok) setSaid({ kind: answer.status === 202 ? 'info' : 'done', text: answer.body?.message ?? done });
    else if (answer.status === 409) setSaid({ kind: 'late', text: `${t.tooLate} (${answer.error.message})` });
    else if (answer.status === 400 || answer.status === 422) {
      setProblems(answer.error.fields ?? []);
      setSaid({ kind: 'late', text: answer.error.message });
    } else setSaid({ kind: 'late', text: answer.error.message });
    task.reload();
  }

  if (task.error) return <Refusal error={task.error.detail} onRetry={task.reload} />;
  const view = task.value;
  if (!view) return <Loading />;
  const open = view.status === 'OPEN' || view.status === 'CLAIMED';
  const left = Date.parse(view.dueAt) - now;
  const ctx = context.value;

  return (
    <article class="task" data-testid="task-page" data-status={view.status}>
      <p>
        <a href={href({ page: 'queue' })}>← {t.queue}</a>
      </p>
      <h1>{view.display.title}</h1>
      <p class="muted">
        {view.display.kindName} · {view.display.queueName} · {t.status}:{' '}
        <strong data-testid="task-status">{view.status}</strong>
        {view.escalatedAt ? <span class="badge warn">{t.escalated}</span> : null}
      </p>
      <p>
        {t.due} {shopTime(view.dueAt, timeZone, locale)} ({timeZone}){' '}
        {open ? (
          left < 0 ? (
            <span class="badge danger">
              {t.overdue} {span(left, locale)}
            </span>
          ) : (
            <span class="muted">
              {t.left} {span(left, locale)}
            </span>
          )
        ) : null}
      </p>
      <section class="card">
        <h2>{t.whatToDo}</h2>
        <p data-testid="instructions">{view.display.whatToDo}</p>
      </section>
      {said ? (
        <p class={`notice ${said.kind === 'late' ? 'error' : 'ok'}`} role="status" data-testid="task-said">
          {said.text}
        </p>
      ) : null}
      {open && ANSWERING.includes(view.kind) ? <QuickReplies /> : null}
      <div class="columns">
        <section class="card">
          <h2>{t.outcome}</h2>
          {open ? (
            <>
              <div class="actions">
                {view.assignee === me.identityId ? (
                  <span class="muted">
                    {t.claimedBy}: {me.name}
                  </span>
                ) : (
                  <button type="button" disabled={busy} onClick={() => void act('POST', 'claim', undefined, t.claimed)}>
                    {t.claim}
                  </button>
                )}
                <ReassignControl
                  colleagues={colleagues.value?.colleagues ?? []}
                  busy={busy}
                  onReassign={(to) => void act('POST', 'reassign', { to }, t.reassigned)}
                />
              </div>
              {view.form ? (
                <OutcomeForm
                  form={view.form}
                  problems={problems}
                  busy={busy}
                  onSubmit={(outcome) => void act('POST', 'complete', { outcome }, t.completed)}
                />
              ) : null}
            </>
          ) : (
            <pre class="outcome-done">{JSON.stringify(view.outcome, null, 2)}</pre>
          )}
        </section>
        <section class="card">
          <h2>{t.buyer}</h2>
          {!ctx ? <Loading /> : null}
          {ctx?.buyer ? (
            <dl data-testid="buyer">
              <dt>{t.buyer}</dt>
              <dd>{ctx.buyer.name}</dd>
              {ctx.buyer.phone ? (
                <>
                  <dt>{t.phone}</dt>
                  <dd>
                    <a href={`tel:${ctx.buyer.phone}`} data-testid="buyer-phone">
                      {ctx.buyer.phone}
                    </a>
                  </dd>
                </>
              ) : null}
            </dl>
          ) : null}
          {ctx?.order ? (
            <>
              <h3>
                {t.order} <a href={href({ page: 'order', orderId: ctx.order.orderId })}>{ctx.order.orderId}</a> ·{' '}
                <StatusName of="order" status={ctx.order.status} />
              </h3>
              <ul class="items">
                {ctx.order.items.map((item) => (
                  <li key={item.lineNo}>
                    {item.title} × {item.quantity} · {item.unitPrice}
                  </li>
                ))}
              </ul>
              <p>
                {t.total}: {ctx.order.currency} {ctx.order.totalAmount}
                {ctx.order.trackingNumber ? ` · ${ctx.order.courier ?? ''} ${ctx.order.trackingNumber}` : ''}
              </p>
              {ctx.order.shippingAddress ? (
                <p class="muted">
                  {t.address}: {addressLine(ctx.order.shippingAddress)}
                </p>
              ) : null}
            </>
          ) : null}
          {ctx?.case ? (
            <>
              <h3>
                {t.case} <a href={href({ page: 'case', caseId: ctx.case.caseId })}>{ctx.case.caseId}</a> ·{' '}
                {caseTypeName(ctx.case.type, locale)} · <StatusName of="case" status={ctx.case.status} />
              </h3>
              {ctx.case.description ? (
                <blockquote data-testid="case-description">{ctx.case.description}</blockquote>
              ) : null}
            </>
          ) : null}
        </section>
      </div>
      {ctx ? (
        <section>
          <h2>{t.timeline}</h2>
          <LogTable
            lines={ctx.timeline.map((entry) => ({
              at: entry.at,
              what: entry.type,
              who: entry.actor,
              reason: entry.reason,
              rule: entry.rule,
            }))}
          />
          <h2>{t.messages}</h2>
          <MessageList messages={ctx.messages.map((message) => ({ ...message, id: message.messageId }))} />
        </section>
      ) : null}
      <TemporalLink workflowId={view.workflowId} />
    </article>
  );
}

function ReassignControl({
  colleagues,
  busy,
  onReassign,
}: {
  colleagues: Colleague[];
  busy: boolean;
  onReassign(to: { assignee: string } | { queue: string }): void;
}) {
  const { t, locale, me } = useWorkbench();
  const [to, setTo] = useState('');
  return (
    <span class="reassign">
      <select aria-label={t.reassign} value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
        <option value="">{t.reassign}…</option>
        <optgroup label={t.toQueue}>
          {TASK_QUEUE_LIST.map((queue) => (
            <option key={queue} value={`queue:${queue}`}>
              {queueName(queue, locale)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t.toColleague}>
          {colleagues
            .filter((c) => c.identityId !== me.identityId)
            .map((c) => (
              <option key={c.identityId} value={`assignee:${c.identityId}`}>
                {c.name}
              </option>
            ))}
        </optgroup>
      </select>
      <button
        type="button"
        disabled={busy || !to}
        onClick={() =>
          onReassign(
            to.startsWith('queue:') ? { queue: to.slice('queue:'.length) } : { assignee: to.slice('assignee:'.length) },
          )
        }
      >
        {t.reassign}
      </button>
    </span>
  );
}

/** An address as one line, in the order Chinese addresses are written. */
function addressLine(address: Record<string, unknown>): string {
  return ['province', 'city', 'district', 'street', 'recipient', 'phone']
    .map((key) => address[key])
    .filter((part) => typeof part === 'string' && part)
    .join(' ');
}
