// The shop's marketplace connectors and how each is doing: when the platform last answered and
// last sent something, what is kept and not yet applied, what could not be mapped (each message
// with its reason, and a retry once the shop has fixed what the reason names), shipments not yet
// told or refused, and a backfill of a time range typed on the shop's clock.
import { useState } from 'preact/hooks';
import { call, query, read, type ErrorBody, type FieldProblem } from '../api';
import { useLoad } from '../load';
import { Loading, Refusal } from '../parts/notices';
import { useWorkbench } from '../session';
import { shopTime, span, useNow } from '../time';

interface ConnectorHealth {
  platform: string;
  enabled: boolean;
  pollEvery: string;
  lastContactAt: string | null;
  lastError: string | null;
  lastMessageAt: string | null;
  backlog: number;
  unmapped: number;
  pendingPushes: number;
  refusedPushes: number;
}

interface ConnectorMessage {
  messageId: string;
  topic: string;
  platformOrderId: string | null;
  occurredAt: string;
  status: string;
  reason: string | null;
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  settledAt: string | null;
}

interface Shown {
  health: ConnectorHealth;
  unmapped: ConnectorMessage[];
}

/** The newest unmapped messages listed per connector; the card's count says how many there are in all. */
const UNMAPPED_LISTED = 100;
const REFRESH_MS = 10_000;

export function ConnectorSettings() {
  const { t, shop } = useWorkbench();
  const base = `/shops/${encodeURIComponent(shop.shopId)}/connectors`;
  // Health and unmapped messages in one read, so a card's count and its list never disagree.
  const connectors = useLoad(
    async (): Promise<Shown[]> => {
      const { connectors: all } = await read<{ connectors: ConnectorHealth[] }>(base);
      return Promise.all(
        all.map(async (health) => {
          const { messages } = await read<{ messages: ConnectorMessage[] }>(
            `${base}/${health.platform}/messages${query({ status: 'UNMAPPED', limit: UNMAPPED_LISTED })}`,
          );
          return { health, unmapped: messages };
        }),
      );
    },
    [base],
    REFRESH_MS,
  );
  if (connectors.error) return <Refusal error={connectors.error.detail} onRetry={connectors.reload} />;
  if (!connectors.value) return <Loading />;
  if (!connectors.value.length)
    return (
      <p class="muted" data-testid="connectors">
        {t.noConnectors}
      </p>
    );
  return (
    <div class="stack" data-testid="connectors">
      {connectors.value.map((shown) => (
        <ConnectorCard
          key={shown.health.platform}
          path={`${base}/${shown.health.platform}`}
          shown={shown}
          onChanged={connectors.reload}
        />
      ))}
    </div>
  );
}

function ConnectorCard({ path, shown, onChanged }: { path: string; shown: Shown; onChanged(): void }) {
  const { t, locale, timeZone } = useWorkbench();
  const now = useNow();
  const { health, unmapped } = shown;
  const [refusal, setRefusal] = useState<ErrorBody['error']>();
  const when = (iso: string | null) => (
    <>
      {shopTime(iso, timeZone, locale)}
      {iso ? <span class="muted small"> {t.ago.replace('{span}', span(now - Date.parse(iso), locale))}</span> : null}
    </>
  );

  async function retry(messageId: string) {
    const answer = await call('POST', `${path}/messages/${encodeURIComponent(messageId)}/retry`);
    // A 404 means it is no longer unmapped (someone retried it first): the reload shows that too.
    setRefusal(answer.ok ? undefined : answer.error);
    onChanged();
  }

  return (
    <section class={`card stack ${health.lastError ? 'problem' : ''}`} data-platform={health.platform}>
      <h2>
        {health.platform}
        <span class={`badge ${health.enabled ? 'status-sent' : ''}`} data-testid="enabled">
          {health.enabled ? t.connectorOn : t.connectorOff}
        </span>
      </h2>
      <dl class="facts">
        <dt>{t.pollEvery}</dt>
        <dd>{health.pollEvery}</dd>
        <dt>{t.lastContact}</dt>
        <dd data-testid="last-contact">{when(health.lastContactAt)}</dd>
        <dt>{t.lastMessage}</dt>
        <dd data-testid="last-message">{when(health.lastMessageAt)}</dd>
        <dt>{t.backlog}</dt>
        <dd data-testid="backlog">{health.backlog}</dd>
        <dt>{t.unmapped}</dt>
        <dd data-testid="unmapped">
          {health.unmapped}
          {health.unmapped ? <span class="badge warn">{t.needsLook}</span> : null}
        </dd>
        <dt>{t.pendingPushes}</dt>
        <dd data-testid="pending-pushes">{health.pendingPushes}</dd>
        <dt>{t.refusedPushes}</dt>
        <dd data-testid="refused-pushes">
          {health.refusedPushes}
          {health.refusedPushes ? <span class="badge danger">{t.needsLook}</span> : null}
        </dd>
        <dt>{t.lastError}</dt>
        <dd data-testid="last-error">
          {health.lastError ? <span class="notice error">{health.lastError}</span> : <span class="muted">—</span>}
        </dd>
      </dl>

      <h3>{t.unmapped}</h3>
      {unmapped.length ? (
        <table data-testid="unmapped-messages">
          <thead>
            <tr>
              <th>{t.topic}</th>
              <th>{t.platformOrderId}</th>
              <th>{t.when}</th>
              <th>{t.reason}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {unmapped.map((message) => (
              <tr key={message.messageId} data-message-id={message.messageId}>
                <td>
                  <code>{message.topic}</code>
                </td>
                <td>{message.platformOrderId ?? '—'}</td>
                <td class="nowrap">{shopTime(message.occurredAt, timeZone, locale)}</td>
                <td>{message.reason ?? '—'}</td>
                <td>
                  <button type="button" onClick={() => void retry(message.messageId)}>
                    {t.retry}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">{t.noUnmapped}</p>
      )}
      {health.unmapped > unmapped.length ? (
        <p class="muted small">{`${t.newestShown}: ${unmapped.length} / ${health.unmapped}`}</p>
      ) : null}
      <Refusal error={refusal} />

      {health.enabled ? <BackfillForm path={`${path}/backfill`} /> : null}
    </section>
  );
}

function BackfillForm({ path }: { path: string }) {
  const { t, timeZone } = useWorkbench();
  const [from, setFrom] = useState(() => wallText(Date.now() - 86_400_000, timeZone));
  const [to, setTo] = useState(() => wallText(Date.now(), timeZone));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [refusal, setRefusal] = useState<ErrorBody['error']>();
  const [started, setStarted] = useState<string>();

  async function start(event: Event) {
    event.preventDefault();
    // What cannot be read as a time is sent as typed, so the API names the field.
    const answer = await call<{ workflowId: string }>('POST', path, {
      from: wallToIso(from, timeZone) ?? from,
      to: wallToIso(to, timeZone) ?? to,
    });
    setStarted(answer.ok ? answer.body.workflowId : undefined);
    const fields = answer.ok ? [] : (answer.error.fields ?? []);
    setProblems(fields);
    setRefusal(answer.ok || fields.some((p) => p.field === 'from' || p.field === 'to') ? undefined : answer.error);
  }
  const problem = (field: string) => problems.find((p) => p.field === field)?.message;

  return (
    <form class="stack backfill" onSubmit={start} data-testid="backfill">
      <h3>
        {t.backfill} <span class="muted small">({timeZone})</span>
      </h3>
      <label>
        {t.from}
        <input
          type="datetime-local"
          name="from"
          value={from}
          onInput={(e) => setFrom((e.target as HTMLInputElement).value)}
          aria-invalid={Boolean(problem('from'))}
        />
        {problem('from') ? <span class="field-error">{problem('from')}</span> : null}
      </label>
      <label>
        {t.to}
        <input
          type="datetime-local"
          name="to"
          value={to}
          onInput={(e) => setTo((e.target as HTMLInputElement).value)}
          aria-invalid={Boolean(problem('to'))}
        />
        {problem('to') ? <span class="field-error">{problem('to')}</span> : null}
      </label>
      <Refusal error={refusal} />
      {started ? (
        <p class="notice ok" role="status">
          {t.backfillStarted} <code data-testid="backfill-workflow">{started}</code>
        </p>
      ) : null}
      <div>
        <button type="submit">{t.backfill}</button>
      </div>
    </form>
  );
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** The shop's wall clock at a moment, as numbers. */
function wallParts(at: number, timeZone: string) {
  let format = wallFormats.get(timeZone);
  if (!format) {
    // h23: some engines write midnight as 24 with hour12: false.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** A moment as a datetime-local input writes it, on the shop's clock (not the browser's). */
function wallText(at: number, timeZone: string): string {
  const w = wallParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

/** A datetime-local value read on the shop's clock, as an instant; undefined when it is no time. */
function wallToIso(text: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const offsetAt = (at: number) => {
    const w = wallParts(at, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
  };
  // The zone's offset at a first guess, then at the answer: right on either side of a change of
  // offset (a wall time that the change skips lands an hour on).
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess)).toISOString();
}
