// Who works in the shop (people, their roles and queues), the shop's API keys, and the audit log
// of what was changed by whom.
import { useState } from 'preact/hooks';
import { call, query, read } from '../api';
import { ROLE_NAMES } from '../i18n';
import { useLoad } from '../load';
import { Loading, Refusal } from '../parts/notices';
import { useWorkbench } from '../session';
import { queueName, TASK_QUEUE_LIST } from '../tasks';
import { shopTime } from '../time';

interface Member {
  identityId: string;
  kind: string;
  name: string;
  role: keyof typeof ROLE_NAMES;
  queues: string[];
}

interface Key {
  keyId: string;
  name: string;
  role: keyof typeof ROLE_NAMES;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function AccessSettings() {
  const { t, shop, locale, timeZone } = useWorkbench();
  const base = `/shops/${encodeURIComponent(shop.shopId)}`;
  const people = useLoad(() => read<{ members: Member[] }>(`${base}/people`), [base]);
  const keys = useLoad(() => read<{ keys: Key[] }>(`${base}/api-keys`), [base]);
  const [login, setLogin] = useState('');
  const [role, setRole] = useState<'agent' | 'supervisor' | 'admin'>('agent');
  const [queues, setQueues] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const [keyName, setKeyName] = useState('');
  const [said, setSaid] = useState<string>();
  const [newKey, setNewKey] = useState<string>();

  async function addPerson(event: Event) {
    event.preventDefault();
    const answer = await call('PUT', `${base}/people/${encodeURIComponent(login)}`, {
      role,
      queues,
      ...(password ? { password } : {}),
    });
    setSaid(
      answer.ok
        ? t.saved
        : `${answer.error.message} ${(answer.error.fields ?? []).map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    );
    if (answer.ok) people.reload();
  }
  async function addKey(event: Event) {
    event.preventDefault();
    const answer = await call<{ key: string }>('POST', `${base}/api-keys`, { name: keyName, role: 'platform' });
    setNewKey(answer.ok ? answer.body.key : undefined);
    setSaid(answer.ok ? t.saved : answer.error.message);
    keys.reload();
  }

  if (people.error) return <Refusal error={people.error.detail} onRetry={people.reload} />;
  if (!people.value) return <Loading />;
  return (
    <div class="stack">
      <h2>{t.people}</h2>
      <table data-testid="people">
        <tbody>
          {people.value.members.map((m) => (
            <tr key={m.identityId}>
              <td>{m.name}</td>
              <td>{ROLE_NAMES[m.role][locale]}</td>
              <td>{m.queues.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card stack" onSubmit={addPerson}>
        <label>
          {t.login}
          <input value={login} onInput={(e) => setLogin((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t.role}
          <select value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as typeof role)}>
            {(['agent', 'supervisor', 'admin'] as const).map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r][locale]}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t.queue}</legend>
          {TASK_QUEUE_LIST.map((q) => (
            <label key={q} class="inline">
              <input
                type="checkbox"
                checked={queues.includes(q)}
                onChange={(e) =>
                  setQueues((e.target as HTMLInputElement).checked ? [...queues, q] : queues.filter((x) => x !== q))
                }
              />{' '}
              {queueName(q, locale)}
            </label>
          ))}
        </fieldset>
        <label>
          {t.password}
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">{t.save}</button>
      </form>
      {said ? <p role="status">{said}</p> : null}
      <h2>{t.apiKeys}</h2>
      <table data-testid="api-keys">
        <tbody>
          {(keys.value?.keys ?? []).map((k) => (
            <tr key={k.keyId}>
              <td>{k.name}</td>
              <td>{ROLE_NAMES[k.role][locale]}</td>
              <td>{k.revokedAt ? 'revoked' : shopTime(k.lastUsedAt, timeZone, locale)}</td>
              <td>
                {k.revokedAt ? null : (
                  <button
                    type="button"
                    onClick={() => void call('DELETE', `${base}/api-keys/${k.keyId}`).then(keys.reload)}
                  >
                    ✕
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card stack" onSubmit={addKey}>
        <label>
          {t.apiKeys}
          <input value={keyName} onInput={(e) => setKeyName((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t.save}</button>
        {newKey ? <code class="secret">{newKey}</code> : null}
      </form>
    </div>
  );
}

interface AuditEntry {
  id: number;
  identityId: string;
  action: string;
  target: string;
  status: number;
  at: string;
}

export function AuditLog() {
  const { t, shop, locale, timeZone } = useWorkbench();
  const entries = useLoad(
    () =>
      read<{ entries: AuditEntry[] }>(`/shops/${encodeURIComponent(shop.shopId)}/audit-log${query({ limit: 200 })}`),
    [shop.shopId],
  );
  if (entries.error) return <Refusal error={entries.error.detail} onRetry={entries.reload} />;
  if (!entries.value) return <Loading />;
  return (
    <table data-testid="audit-log">
      <thead>
        <tr>
          <th>{t.when}</th>
          <th>{t.who}</th>
          <th>{t.auditLog}</th>
          <th>{t.status}</th>
        </tr>
      </thead>
      <tbody>
        {entries.value.entries.map((entry) => (
          <tr key={entry.id}>
            <td class="nowrap">{shopTime(entry.at, timeZone, locale)}</td>
            <td>{entry.identityId}</td>
            <td>
              {entry.action} <code>{entry.target}</code>
            </td>
            <td>{entry.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
