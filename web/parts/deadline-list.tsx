// What an order's or a case's workflow will do next and when, each with its rule (the query's
// deadlines), on the shop's clock.
import { useWorkbench } from '../session';
import { shopTime } from '../time';
import type { Deadline } from '../../workflows/deadlines';

export function DeadlineList({ deadlines }: { deadlines: readonly Deadline[] | undefined }) {
  const { t, locale, timeZone } = useWorkbench();
  if (!deadlines?.length) return <p class="muted">—</p>;
  return (
    <ul data-testid="deadlines">
      {deadlines.map((d) => (
        <li key={`${d.rule}-${d.at}`}>
          <strong>{d.rule}</strong> {d.what} — {t.by} {shopTime(d.at, timeZone, locale)}
        </li>
      ))}
    </ul>
  );
}
