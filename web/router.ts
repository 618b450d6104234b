// Pages by the address's fragment (#/tasks/<id>): the API owns every path, so the page's own
// addresses live after the #, and a reload or a shared link opens the same page.
import { useEffect, useState } from 'preact/hooks';

export type Place =
  | { page: 'queue' }
  | { page: 'task'; taskId: string }
  | { page: 'order'; orderId: string }
  | { page: 'case'; caseId: string }
  | { page: 'figures' }
  | { page: 'settings'; tab: string };

export function parsePlace(hash: string): Place {
  const [page, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const id = decodeURIComponent(rest.join('/'));
  switch (page) {
    case 'tasks':
      return id ? { page: 'task', taskId: id } : { page: 'queue' };
    case 'orders':
      return id ? { page: 'order', orderId: id } : { page: 'queue' };
    case 'cases':
      return id ? { page: 'case', caseId: id } : { page: 'queue' };
    case 'figures':
      return { page: 'figures' };
    case 'settings':
      return { page: 'settings', tab: id || 'policy' };
    default:
      return { page: 'queue' };
  }
}

export function href(place: Place): string {
  switch (place.page) {
    case 'queue':
      return '#/';
    case 'task':
      return `#/tasks/${encodeURIComponent(place.taskId)}`;
    case 'order':
      return `#/orders/${encodeURIComponent(place.orderId)}`;
    case 'case':
      return `#/cases/${encodeURIComponent(place.caseId)}`;
    case 'figures':
      return '#/figures';
    case 'settings':
      return `#/settings/${place.tab}`;
  }
}

export function usePlace(): Place {
  const [place, setPlace] = useState(() => parsePlace(location.hash));
  useEffect(() => {
    const changed = () => setPlace(parsePlace(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return place;
}
