// The lists an order, a case and a task share: the log (who, what, why, which rule, when) and the
// messages with their status and reason.
import { useWorkbench } from '../session';
import { shopTime } from '../time';

export interface LogLine {
  at: string;
  what: string;
  who?: string | null;
  reason?: string | null;
  rule?: string | null;
}

export function LogTable({ lines, testId }: { lines: LogLine[]; testId?: string }) {
  const { t, locale, timeZone } = useWorkbench();
  if (!lines.length) return <p class="muted">—</p>;
  return (
    <table class="log" data-testid={testId}>
      <thead>
        <tr>
          <th>{t.when}</th>
          <th>{t.timeline}</th>
          <th>{t.who}</th>
          <th>{t.rule}</th>
          <th>{t.reason}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={index}>
            <td class="nowrap">{shopTime(line.at, timeZone, locale)}</td>
            <td>{line.what}</td>
            <td>{line.who ?? '—'}</td>
            <td>{line.rule ?? '—'}</td>
            <td>{line.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface MessageLine {
  id: string;
  channel: string;
  template: string;
  status: string;
  reason: string | null;
  subject?: string;
  body: string;
  createdAt: string;
  sentAt?: string | null;
}

export function MessageList({ messages }: { messages: MessageLine[] }) {
  const { t, locale, timeZone } = useWorkbench();
  if (!messages.length) return <p class="muted">—</p>;
  return (
    <table class="messages" data-testid="message-list">
      <thead>
        <tr>
          <th>{t.when}</th>
          <th>{t.messages}</th>
          <th>{t.status}</th>
          <th>{t.reason}</th>
        </tr>
      </thead>
      <tbody>
        {messages.map((message) => (
          <tr key={message.id}>
            <td class="nowrap">{shopTime(message.sentAt ?? message.createdAt, timeZone, locale)}</td>
            <td>
              <div class="muted small">
                {message.channel} · {message.template}
              </div>
              {message.body}
            </td>
            <td>
              <span class={`badge status-${message.status.toLowerCase()}`}>{message.status}</span>
            </td>
            <td>{message.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
