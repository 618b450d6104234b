// A page's read: its value once it came, the refusal if it was refused, and a way to read again
// (after an action, or every few seconds for a live list).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { RefusedError } from './api';

export interface Loaded<T> {
  value: T | undefined;
  error: RefusedError | undefined;
  reload(): void;
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[], refreshEveryMs?: number): Loaded<T> {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<RefusedError>();
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    load().then(
      (v) => {
        if (mine !== generation.current) return;
        setValue(v);
        setError(undefined);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(err instanceof RefusedError ? err : new RefusedError(0, { code: 'failed', message: String(err) }));
      },
    );
  }, deps);
  useEffect(() => {
    reload();
    if (!refreshEveryMs) return;
    const timer = setInterval(reload, refreshEveryMs);
    return () => clearInterval(timer);
  }, [reload, refreshEveryMs]);
  return { value, error, reload };
}
