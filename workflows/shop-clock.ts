// Wall-clock arithmetic in a shop's time zone (M3 quiet hours, daily caps). Pure functions over
// epoch milliseconds; the outbox calls them with the Temporal server's clock (the time the
// attempt was scheduled), which is also the clock the time-skipping test server moves.

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** A daily window in local time, [start, end), that may wrap midnight (22:00-08:00). */
export interface DailyWindow {
  start: string;
  end: string;
}

/** "HH:MM" as minutes after midnight. */
export function minutesOfDay(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

// Building a formatter costs far more than using one, and quiet hours and daily caps read the
// clock several times per message: one formatter per time zone, made on first use. A formatter
// holds no state between calls, so sharing it keeps the same inputs giving the same outputs.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterIn(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local date (YYYY-MM-DD) and minute of the day of an instant in a time zone. */
export function wallClock(at: number, timeZone: string): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    formatterIn(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** How a buyer or an agent reads an instant in the shop's zone: "2026-11-25 10:00". */
export function localDateTime(at: number, timeZone: string): string {
  const { date, minutes } = wallClock(at, timeZone);
  return `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function isInside(window: DailyWindow, minutes: number): boolean {
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/**
 * The next instant, after `at`, at which the local clock shows `hhmm`. Steps whole minutes from
 * `at`, then corrects once for a UTC offset change (daylight saving) on the way. When `hhmm` does
 * not exist that day (the clock jumps over it), it is read on the new offset (02:30 -> 03:30).
 */
export function nextLocalTime(at: number, hhmm: string, timeZone: string): number {
  const startOfMinute = at - (at % MINUTE);
  const now = wallClock(at, timeZone).minutes;
  const ahead = (minutesOfDay(hhmm) - now + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
  const guess = startOfMinute + ahead * MINUTE;
  const drift =
    ((minutesOfDay(hhmm) - wallClock(guess, timeZone).minutes + DAY_MINUTES + DAY_MINUTES / 2) % DAY_MINUTES) -
    DAY_MINUTES / 2;
  const corrected = guess + drift * MINUTE;
  return corrected > at && wallClock(corrected, timeZone).minutes === minutesOfDay(hhmm) ? corrected : guess;
}

/** When the window that holds `at` ends, or undefined when `at` is outside it. */
export function windowEnd(at: number, window: DailyWindow, timeZone: string): number | undefined {
  return isInside(window, wallClock(at, timeZone).minutes) ? nextLocalTime(at, window.end, timeZone) : undefined;
}

/** The local midnights around `at` (a day of 24 hours: good enough for daily caps). */
export function localDay(at: number, timeZone: string): { start: number; end: number } {
  const end = nextLocalTime(at, '00:00', timeZone);
  return { start: end - DAY_MINUTES * MINUTE, end };
}
