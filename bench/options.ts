// The benchmark's command line (`npm run bench -- --rate 1 --duration 600`), checked before
// anything starts so a typo costs a second, not a ten-minute run.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../config/paths';

export interface BenchOptions {
  /** Orders started per second, whatever the stack's speed (open loop). */
  rate: number;
  /** Seconds of load. */
  duration: number;
  /** Share of orders on which the buyer opens a refund-only case after receipt. */
  refundShare: number;
  /** Seconds after the load stops that journeys in flight may still finish. */
  drain: number;
  /** SIGKILL and restart the worker every this many seconds (0: never). */
  killWorkerEvery: number;
  /** The checkout whose built worker and API run (to measure another commit the same way). */
  stackRoot: string;
  /** Completed orders whose workflow histories are counted. */
  historySample: number;
  /** Write V8 CPU profiles of the worker and the API (open them in Chrome DevTools). */
  profile: boolean;
}

export const USAGE = `npm run bench -- [options]

  --rate N               orders started per second (default 1)
  --duration S           seconds of load (default 120)
  --refund-share F       share of orders with a refund-only case after receipt (default 0.2)
  --drain S              seconds for orders in flight to finish after the load (default 180)
  --kill-worker-every S  SIGKILL and restart the worker every S seconds (default 0: never)
  --stack-root DIR       run the worker and API built in another checkout (default: this one)
  --history-sample N     completed orders whose histories are counted (default 50)
  --profile              write CPU profiles of the worker and the API (.cpuprofile, for DevTools)

With DATABASE_URL and TEMPORAL_ADDRESS set it uses those servers; otherwise it starts a Temporal dev
server of its own and uses the PostgreSQL the test command provides. Each run has a fresh database
(backoffice_bench) and a fresh Temporal history file.`;

function number(
  text: string | undefined,
  fallback: number,
  name: string,
  check: (n: number) => boolean,
  what: string,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || !check(value))
    throw new Error(`--${name} must be ${what} (got ${JSON.stringify(text)})`);
  return value;
}

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string' },
      duration: { type: 'string' },
      'refund-share': { type: 'string' },
      drain: { type: 'string' },
      'kill-worker-every': { type: 'string' },
      'stack-root': { type: 'string' },
      'history-sample': { type: 'string' },
      profile: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const positive = (n: number) => n > 0;
  return {
    rate: number(values.rate, 1, 'rate', (n) => n > 0 && n <= 100, 'a number of orders per second in (0, 100]'),
    duration: number(values.duration, 120, 'duration', positive, 'a positive number of seconds'),
    refundShare: number(
      values['refund-share'],
      0.2,
      'refund-share',
      (n) => n >= 0 && n <= 1,
      'a share between 0 and 1',
    ),
    drain: number(values.drain, 180, 'drain', (n) => n >= 0, 'zero or more seconds'),
    killWorkerEvery: number(
      values['kill-worker-every'],
      0,
      'kill-worker-every',
      (n) => n === 0 || n >= 5,
      '0 (never) or at least 5 seconds',
    ),
    stackRoot: resolve(values['stack-root'] ?? PROJECT_ROOT),
    historySample: number(
      values['history-sample'],
      50,
      'history-sample',
      (n) => Number.isInteger(n) && n >= 0,
      'a whole number',
    ),
    profile: values.profile ?? false,
  };
}
