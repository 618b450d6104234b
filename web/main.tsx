// The workbench: signs the person in, picks their shop, and shows the page the address names.
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { call, read, whenSignedOut } from './api';
import { ROLE_NAMES, savedLocale, words, type Locale } from './i18n';
import { CasePage } from './pages/case';
import { FiguresPage } from './pages/figures';
import { OrderPage } from './pages/order';
import { QueuePage } from './pages/queue';
import { SettingsPage } from './pages/settings';
import { SignInPage } from './pages/sign-in';
import { TaskPage } from './pages/task';
import { href, usePlace, type Place } from './router';
import { isSupervisor, metaContent, useWorkbench, WorkbenchContext, type Me, type Workbench } from './session';

const SIGNED_IN = 'signedIn';
const signedInHere = (yes: boolean) =>
  yes ? localStorage.setItem(SIGNED_IN, 'yes') : localStorage.removeItem(SIGNED_IN);

type Signed = { state: 'checking' } | { state: 'out' } | { state: 'in'; me: Me };

function App() {
  const [locale, setLocaleState] = useState<Locale>(savedLocale);
  const [signed, setSigned] = useState<Signed>({ state: 'checking' });
  const [shopId, setShopId] = useState(() => localStorage.getItem('shopId') ?? '');
  const [timeZone, setTimeZone] = useState('Asia/Shanghai');
  const place = usePlace();
  const t = words(locale);
  const signOut = useCallback(() => {
    void call('DELETE', '/sessions/current').then(() => {
      signedInHere(false);
      setSigned({ state: 'out' });
    });
  }, []);
  const chooseLocale = useCallback((next: Locale) => {
    localStorage.setItem('locale', next);
    setLocaleState(next);
  }, []);

  const checkSession = useCallback(async () => {
    const answer = await call<Me>('GET', '/me');
    setSigned(answer.ok ? { state: 'in', me: answer.body } : { state: 'out' });
    signedInHere(answer.ok);
  }, []);
  useEffect(() => {
    whenSignedOut(() => {
      signedInHere(false);
      setSigned({ state: 'out' });
    });
    // The session cookie is HttpOnly, so the page cannot see it: it remembers that it signed in, and
    // a browser that never did goes straight to the sign-in form instead of being refused by GET /me.
    if (localStorage.getItem(SIGNED_IN) === 'yes') void checkSession();
    else setSigned({ state: 'out' });
  }, [checkSession]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${t.appName} · Shop back office`;
  }, [locale, t]);

  const me = signed.state === 'in' ? signed.me : undefined;
  const shop = me?.memberships.find((m) => m.shopId === shopId) ?? me?.memberships.find((m) => m.role !== 'platform');
  useEffect(() => {
    if (!shop) return;
    read<{ policy: { timeZone: string } }>(`/shops/${encodeURIComponent(shop.shopId)}/policy`).then(
      (view) => setTimeZone(view.policy.timeZone),
      () => setTimeZone('Asia/Shanghai'),
    );
  }, [shop?.shopId]);

  const workbench = useMemo<Workbench | undefined>(
    () =>
      me && shop
        ? {
            me,
            shop,
            timeZone,
            locale,
            t,
            temporalUi: {
              url: metaContent('temporal-ui', 'http://localhost:8233'),
              namespace: metaContent('temporal-namespace', 'default'),
            },
            setLocale: chooseLocale,
            setShop: (next) => {
              localStorage.setItem('shopId', next);
              setShopId(next);
            },
            signOut,
          }
        : undefined,
    [me, shop, timeZone, locale, t, chooseLocale, signOut],
  );

  if (signed.state === 'checking') return <p class="muted">{t.loading}</p>;
  if (signed.state === 'out' || !me)
    return <SignInPage locale={locale} onLocale={chooseLocale} onSignedIn={checkSession} />;
  if (!workbench) {
    return (
      <main class="narrow">
        <p role="alert">
          {locale === 'zh-CN'
            ? '此账号还没有加入任何店铺，请联系店铺管理员。'
            : 'This login belongs to no shop yet; ask the shop admin to add you.'}
        </p>
        <button type="button" onClick={signOut}>
          {t.signOut}
        </button>
      </main>
    );
  }
  return (
    <WorkbenchContext.Provider value={workbench}>
      <Shell place={place} />
    </WorkbenchContext.Provider>
  );
}

function Shell({ place }: { place: Place }) {
  const workbench = useWorkbench();
  const { t, me, shop, locale } = workbench;
  const link = (to: Place, label: string) => (
    <a href={href(to)} class={place.page === to.page || (to.page === 'queue' && place.page === 'task') ? 'active' : ''}>
      {label}
    </a>
  );
  return (
    <>
      <header class="top">
        <strong class="brand">{t.appName}</strong>
        <nav>
          {link({ page: 'queue' }, t.queue)}
          {isSupervisor(shop.role) ? link({ page: 'figures' }, t.figures) : null}
          {shop.role === 'admin' ? link({ page: 'settings', tab: 'policy' }, t.settings) : null}
        </nav>
        <span class="spacer" />
        <label>
          {t.shop}{' '}
          <select value={shop.shopId} onChange={(e) => workbench.setShop((e.target as HTMLSelectElement).value)}>
            {me.memberships
              .filter((m) => m.role !== 'platform')
              .map((m) => (
                <option key={m.shopId} value={m.shopId}>
                  {m.shopId}
                </option>
              ))}
          </select>
        </label>
        <span class="who" data-testid="signed-in-as">
          {me.name} · {ROLE_NAMES[shop.role][locale]}
        </span>
        <button type="button" class="link" onClick={() => workbench.setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
          {locale === 'zh-CN' ? 'English' : '中文'}
        </button>
        <button type="button" class="link" onClick={workbench.signOut}>
          {t.signOut}
        </button>
      </header>
      <main>
        <Page place={place} />
      </main>
    </>
  );
}

function Page({ place }: { place: Place }) {
  switch (place.page) {
    case 'queue':
      return <QueuePage />;
    case 'task':
      return <TaskPage taskId={place.taskId} />;
    case 'order':
      return <OrderPage orderId={place.orderId} />;
    case 'case':
      return <CasePage caseId={place.caseId} />;
    case 'figures':
      return <FiguresPage />;
    case 'settings':
      return <SettingsPage tab={place.tab} />;
  }
}

render(<App />, document.getElementById('app')!);
