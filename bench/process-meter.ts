// CPU time and memory of the stack's processes, read from /proc (Linux): what each part of the
// stack spent between two moments, whether its processes lived through the run, were born in it
// (PostgreSQL's backends, a restarted worker) or died in it (a killed worker keeps what it spent
// up to its last sample, at most one sampling interval short).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type Part = 'worker' | 'api' | 'temporal' | 'postgres';
export const PARTS: readonly Part[] = ['worker', 'api', 'temporal', 'postgres'];

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of a process, in clock ticks; undefined once it is gone. */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** Resident memory in MiB; undefined once it is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** PostgreSQL backends serving `database` (their title names it), found by their command line. */
export function postgresBackends(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.split(' ').includes(database)) pids.push(Number(entry));
    } catch {
      // gone between readdir and read
    }
  }
  return pids;
}

export class ProcessMeter {
  private readonly seen = new Map<number, { part: Part; first: number; last: number }>();
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  readonly workerRss: Array<{ at: number; mib: number }> = [];

  /** `pids` answers, at each sample, the processes of each part (they change as processes restart). */
  constructor(private readonly pids: () => Record<Part, number[]>) {}

  /** Takes the baseline: what the processes alive now had spent before the run does not count. */
  start(intervalMs = 1000): void {
    this.sample();
    this.started = true;
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  sample(): void {
    const now = Date.now();
    for (const [part, pids] of Object.entries(this.pids()) as Array<[Part, number[]]>) {
      for (const pid of pids) {
        const ticks = cpuTicks(pid);
        if (ticks === undefined) continue;
        const known = this.seen.get(pid);
        // A process first seen after the baseline was born during the run: all it spent counts.
        if (known) known.last = ticks;
        else this.seen.set(pid, { part, first: this.started ? 0 : ticks, last: ticks });
        if (part === 'worker') {
          const mib = rssMiB(pid);
          if (mib !== undefined) this.workerRss.push({ at: now, mib });
        }
      }
    }
  }

  /** CPU milliseconds each part spent since the baseline. */
  cpuMs(): Record<Part, number> {
    const totals = Object.fromEntries(PARTS.map((part) => [part, 0])) as Record<Part, number>;
    for (const { part, first, last } of this.seen.values()) totals[part] += ((last - first) * 1000) / TICKS_PER_SECOND;
    return totals;
  }
}
