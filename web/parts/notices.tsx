// How a page says it is waiting, or that something was refused, in the reader's language.
import type { ErrorBody } from '../api';
import { useWorkbench } from '../session';

export function Loading() {
  const { t } = useWorkbench();
  return (
    <p class="muted" role="status">
      {t.loading}
    </p>
  );
}

export function Refusal({ error, onRetry }: { error: ErrorBody['error'] | undefined; onRetry?: () => void }) {
  const { t } = useWorkbench();
  if (!error) return null;
  return (
    <div class="notice error" role="alert">
      <strong>{t.error}</strong> {error.message}
      {error.fields?.length ? (
        <ul>
          {error.fields.map((field) => (
            <li key={field.field}>
              <code>{field.field}</code>: {field.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t.retry}
        </button>
      ) : null}
    </div>
  );
}
