// Sign-in with the login and password an admin gave the person (POST /sessions sets the cookie).
import { useState } from 'preact/hooks';
import { call } from '../api';
import { words, type Locale } from '../i18n';

export function SignInPage({
  locale,
  onLocale,
  onSignedIn,
}: {
  locale: Locale;
  onLocale(locale: Locale): void;
  onSignedIn(): void;
}) {
  const t = words(locale);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    const answer = await call('POST', '/sessions', { login: login.trim(), password });
    setBusy(false);
    if (answer.ok) return onSignedIn();
    setProblem(
      answer.status === 401
        ? t.wrongPassword
        : answer.status === 429
          ? t.tooManyAttempts
          : (answer.error.fields?.[0]?.message ?? answer.error.message),
    );
  }

  return (
    <main class="narrow">
      <h1>{t.appName}</h1>
      <form onSubmit={submit} class="stack" aria-label={t.signIn}>
        <label>
          {t.login}
          <input
            name="login"
            autoComplete="username"
            value={login}
            onInput={(e) => setLogin((e.target as HTMLInputElement).value)}
            required
          />
        </label>
        <label>
          {t.password}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
            required
          />
        </label>
        {problem ? (
          <p class="field-error" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {t.signIn}
        </button>
      </form>
      <button type="button" class="link" onClick={() => onLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
        {locale === 'zh-CN' ? 'English' : '中文'}
      </button>
    </main>
  );
}
