// The shop's channels (e-mail, SMS, webhook) and its payment gateway. Secrets are write-only: the
// API shows "(set)", and a change of configuration carries its secrets again.
import { useState } from 'preact/hooks';
import { call, read, type FieldProblem } from '../api';
import { useLoad } from '../load';
import { Loading, Refusal } from '../parts/notices';
import { useWorkbench } from '../session';

const CHANNELS = ['WEBHOOK', 'SMS', 'EMAIL'] as const;

interface ChannelView {
  channel: (typeof CHANNELS)[number];
  config: Record<string, unknown>;
  updatedAt: string;
}

export function ChannelSettings() {
  const { t, shop } = useWorkbench();
  const base = `/shops/${encodeURIComponent(shop.shopId)}`;
  const channels = useLoad(() => read<{ channels: ChannelView[] }>(`${base}/channels`), [base]);
  const gateway = useLoad(async () => {
    const answer = await call<{ url: string; timeoutMs: number; secret: string }>('GET', `${base}/payment-gateway`);
    return answer.ok ? answer.body : null;
  }, [base]);
  if (channels.error) return <Refusal error={channels.error.detail} onRetry={channels.reload} />;
  if (!channels.value) return <Loading />;
  return (
    <div class="stack">
      <h2>{t.channels}</h2>
      {CHANNELS.map((channel) => (
        <ChannelEditor
          key={channel}
          path={`${base}/channels/${channel}`}
          channel={channel}
          current={channels.value!.channels.find((c) => c.channel === channel)}
          onSaved={channels.reload}
        />
      ))}
      <h2>{t.gateway}</h2>
      <GatewayEditor path={`${base}/payment-gateway`} current={gateway.value ?? null} onSaved={gateway.reload} />
    </div>
  );
}

function ChannelEditor({
  path,
  channel,
  current,
  onSaved,
}: {
  path: string;
  channel: string;
  current: ChannelView | undefined;
  onSaved(): void;
}) {
  const { t } = useWorkbench();
  const [text, setText] = useState(() => JSON.stringify(current?.config ?? {}, null, 2));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [said, setSaid] = useState<string>();
  async function save(event: Event) {
    event.preventDefault();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      return setSaid((err as Error).message);
    }
    const answer = await call('PUT', path, body);
    setProblems(answer.ok ? [] : (answer.error.fields ?? []));
    setSaid(answer.ok ? t.saved : answer.error.message);
    if (answer.ok) onSaved();
  }
  return (
    <form class="card stack" onSubmit={save} data-channel={channel}>
      <h3>
        {channel}{' '}
        {current ? <span class="muted small">({current.updatedAt})</span> : <span class="muted small">{t.notSet}</span>}
      </h3>
      <textarea
        rows={6}
        aria-label={channel}
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      {problems.map((p) => (
        <span class="field-error" key={p.field}>
          <code>{p.field}</code> {p.message}
        </span>
      ))}
      {said ? <span role="status">{said}</span> : null}
      <button type="submit">{t.save}</button>
    </form>
  );
}

function GatewayEditor({
  path,
  current,
  onSaved,
}: {
  path: string;
  current: { url: string; timeoutMs: number } | null;
  onSaved(): void;
}) {
  const { t } = useWorkbench();
  const [url, setUrl] = useState(current?.url ?? '');
  const [secret, setSecret] = useState('');
  const [timeoutMs, setTimeoutMs] = useState(String(current?.timeoutMs ?? 10000));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [said, setSaid] = useState<string>();
  async function save(event: Event) {
    event.preventDefault();
    // "(set)" keeps the stored secret: it is never read back, so an unchanged form cannot send it.
    const answer = await call('PUT', path, {
      url,
      secret: secret || (current ? '(set)' : ''),
      timeoutMs: Number(timeoutMs),
    });
    setProblems(answer.ok ? [] : (answer.error.fields ?? []));
    setSaid(answer.ok ? t.saved : answer.error.message);
    if (answer.ok) onSaved();
  }
  const problem = (field: string) => problems.find((p) => p.field === field)?.message;
  return (
    <form class="card stack" onSubmit={save}>
      <label>
        URL
        <input value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
        {problem('url') ? <span class="field-error">{problem('url')}</span> : null}
      </label>
      <label>
        Secret
        <input
          type="password"
          autoComplete="off"
          placeholder={current ? t.secretHidden : t.notSet}
          value={secret}
          onInput={(e) => setSecret((e.target as HTMLInputElement).value)}
        />
        {problem('secret') ? <span class="field-error">{problem('secret')}</span> : null}
      </label>
      <label>
        timeoutMs
        <input
          inputMode="numeric"
          value={timeoutMs}
          onInput={(e) => setTimeoutMs((e.target as HTMLInputElement).value)}
        />
        {problem('timeoutMs') ? <span class="field-error">{problem('timeoutMs')}</span> : null}
      </label>
      {said ? <span role="status">{said}</span> : null}
      <button type="submit">{t.save}</button>
    </form>
  );
}
