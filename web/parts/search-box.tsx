// Search by order id, buyer phone or tracking number: the orders and cases found, each a link.
import { useState } from 'preact/hooks';
import { call, query } from '../api';
import { href } from '../router';
import { useWorkbench } from '../session';

interface Found {
  orders: { orderId: string; status: string }[];
  cases: { caseId: string; orderId: string; status: string }[];
}

export function SearchBox() {
  const { t, shop } = useWorkbench();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found>();

  async function search(event: Event) {
    event.preventDefault();
    if (!text.trim()) return setFound(undefined);
    const answer = await call<Found>('GET', `/shops/${encodeURIComponent(shop.shopId)}/search${query({ q: text.trim() })}`);
    setFound(answer.ok ? answer.body : { orders: [], cases: [] });
  }

  return (
    <form class="search" role="search" onSubmit={search}>
      <input type="search" aria-label={t.search} placeholder={t.searchPlaceholder} value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      <button type="submit">{t.search}</button>
      {found ? (
        <ul class="found" data-testid="search-results">
          {found.orders.map((order) => (
            <li key={order.orderId}>
              <a href={href({ page: 'order', orderId: order.orderId })}>
                {t.order} {order.orderId}
              </a>{' '}
              <span class="muted">{order.status}</span>
            </li>
          ))}
          {found.cases.map((item) => (
            <li key={item.caseId}>
              <a href={href({ page: 'case', caseId: item.caseId })}>
                {t.case} {item.caseId}
              </a>{' '}
              <span class="muted">{item.status}</span>
            </li>
          ))}
          {!found.orders.length && !found.cases.length ? <li class="muted">{t.noResults}</li> : null}
        </ul>
      ) : null}
    </form>
  );
}
