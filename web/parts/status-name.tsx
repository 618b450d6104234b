// A status as people read it, with the code ops filter by in the Web UI beside it.
import { caseStatusName, orderStatusName } from '../../api/status-words';
import { useWorkbench } from '../session';

export function StatusName({ of, status }: { of: 'order' | 'case'; status: string }) {
  const { locale } = useWorkbench();
  return (
    <>
      {of === 'order' ? orderStatusName(status, locale) : caseStatusName(status, locale)}{' '}
      <span class="muted small">{status}</span>
    </>
  );
}
