// The link from an order, a case or a task to its workflow in the Temporal Web UI.
import { useWorkbench } from '../session';

export function TemporalLink({ workflowId }: { workflowId: string }) {
  const workbench = useWorkbench();
  const { url, namespace } = workbench.temporalUi;
  const href = `${url.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return (
    <p>
      <a href={href} target="_blank" rel="noreferrer">
        {workbench.t.openInTemporal}
      </a>
    </p>
  );
}
