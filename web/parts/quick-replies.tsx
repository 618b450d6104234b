// The shop's own wording for answering a buyer, from its message templates (M2): an agent who must
// reply copies one instead of typing it, so every answer keeps the tone the shop chose.
import { read } from '../api';
import { useLoad } from '../load';
import { useWorkbench } from '../session';

interface Template {
  template: string;
  audience: 'buyer' | 'staff';
  texts: { locale: string; body: string }[];
}

export function QuickReplies() {
  const { t, shop, locale } = useWorkbench();
  const templates = useLoad(
    () => read<{ templates: Template[] }>(`/shops/${encodeURIComponent(shop.shopId)}/templates`),
    [shop.shopId],
  );
  const replies = (templates.value?.templates ?? [])
    .filter((template) => template.audience === 'buyer')
    .map((template) => ({ name: template.template, body: template.texts.find((text) => text.locale === locale)?.body }))
    .filter((reply): reply is { name: string; body: string } => !!reply.body);
  if (!replies.length) return null;
  return (
    <details class="card" data-testid="quick-replies">
      <summary>{t.quickReplies}</summary>
      <ul class="replies">
        {replies.map((reply) => (
          <li key={reply.name}>
            <span class="muted small">{reply.name}</span>
            <p>{reply.body}</p>
            <button type="button" onClick={() => void navigator.clipboard?.writeText(reply.body)}>
              {t.copy}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
