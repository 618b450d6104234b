// Who is signed in, in which of their shops, and what that shop's clock is: what every page reads.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from './i18n';
import { words } from './i18n';

export type Role = 'platform' | 'agent' | 'supervisor' | 'admin';

export interface Membership {
  shopId: string;
  role: Role;
  queues: string[];
}

export interface Me {
  identityId: string;
  kind: 'PERSON' | 'MACHINE' | 'SIGNATURE';
  name: string;
  operator: boolean;
  memberships: Membership[];
}

export interface Workbench {
  me: Me;
  shop: Membership;
  timeZone: string;
  locale: Locale;
  t: ReturnType<typeof words>;
  temporalUi: { url: string; namespace: string };
  setLocale(locale: Locale): void;
  setShop(shopId: string): void;
  signOut(): void;
}

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const workbench = useContext(WorkbenchContext);
  if (!workbench) throw new Error('useWorkbench outside the signed-in workbench');
  return workbench;
}

export const isSupervisor = (role: Role) => role === 'supervisor' || role === 'admin';

export function metaContent(name: string, fallback: string): string {
  const content = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content;
  return content && !content.startsWith('%') ? content : fallback;
}
