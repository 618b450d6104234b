// Times as the shop's people read them: on the shop's clock (its policy's time zone), whatever the
// browser's own zone, and due times as a countdown.
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from './i18n';

const formats = new Map<string, Intl.DateTimeFormat>();

export function shopTime(iso: string | null | undefined, timeZone: string, locale: Locale): string {
  if (!iso) return '—';
  const key = `${timeZone}|${locale}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    formats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** "1h 05m", "3d 2h", "45s": the time between now and then, without its sign. */
export function span(ms: number, locale: Locale): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const [d, h, m, s] = [
    Math.floor(seconds / 86400),
    Math.floor((seconds % 86400) / 3600),
    Math.floor((seconds % 3600) / 60),
    seconds % 60,
  ];
  const unit = locale === 'zh-CN' ? { d: '天', h: '小时', m: '分', s: '秒' } : { d: 'd ', h: 'h ', m: 'm ', s: 's' };
  if (d) return `${d}${unit.d}${h}${unit.h}`.trim();
  if (h) return `${h}${unit.h}${String(m).padStart(2, '0')}${unit.m}`.trim();
  if (m) return `${m}${unit.m}${String(s).padStart(2, '0')}${unit.s}`.trim();
  return `${s}${unit.s}`.trim();
}

/** The current time, re-rendering the component every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** YYYY-MM of a moment on the shop's clock. */
export function shopMonth(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(
    new Date(at),
  );
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}
