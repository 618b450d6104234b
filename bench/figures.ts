// What a run measured, and how it reads on the terminal: every figure the README's results table
// quotes, so a run can be compared with the one before it.
import type { HistoryFigures } from './history-count';
import type { Part } from './process-meter';

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
}

export interface Restart {
  /** From the new worker's spawn to its "worker polling" line. */
  toPollingMs: number;
  /** From the spawn to its first webhook or gateway request, or its first write of an order's row. */
  toFirstTaskMs: number;
}

export interface RunFigures {
  machine: string;
  commit: string;
  rate: number;
  duration: number;
  refundShare: number;
  started: number;
  completedDuringLoad: number;
  completed: number;
  backlogAtEnd: number;
  failed: Array<{ orderId: string; failed: string }>;
  latencyMs: { placeOrder: Percentiles; postEvent: Percentiles; openCase: Percentiles };
  cpuMsPerOrder: Record<Part, number>;
  workerRssMiB: { peak: number; series: number[] };
  histories?: HistoryFigures;
  restarts: Restart[];
  lostOrders: number;
  duplicateDeliveries: number;
  doubleRefunds: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: p99 of 100 samples is the 99th, never an interpolation between two.
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
  return { count: sorted.length, p50: at(50), p99: at(99) };
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a');
const latency = ({ count, p50, p99 }: Percentiles) => (count ? `p50 ${ms(p50)}, p99 ${ms(p99)} (n=${count})` : 'none');

export function formatFigures(f: RunFigures): string {
  const perSecond = (n: number) => (n / f.duration).toFixed(2);
  const cpu = f.cpuMsPerOrder;
  const rows: Array<[string, string]> = [
    ['machine', f.machine],
    ['stack commit', f.commit],
    [
      'offered',
      `${perSecond(f.started)} orders/s for ${f.duration} s (${f.started} orders, ${Math.round(f.refundShare * 100)}% with a refund-only case)`,
    ],
    [
      'completed',
      `${perSecond(f.completedDuringLoad)} orders/s during the load; ${f.completed} of ${f.started} by the end of the drain`,
    ],
    ['backlog at end of load', `${f.backlogAtEnd} orders still running`],
    ['POST /orders', latency(f.latencyMs.placeOrder)],
    ['event posts', latency(f.latencyMs.postEvent)],
    ['POST /cases', latency(f.latencyMs.openCase)],
    [
      'CPU per completed order',
      `worker ${ms(cpu.worker)}, API ${ms(cpu.api)}, worker + API ${ms(cpu.worker + cpu.api)}, Temporal ${ms(cpu.temporal)}, PostgreSQL ${ms(cpu.postgres)}`,
    ],
    [
      'worker RSS',
      `peak ${Math.round(f.workerRssMiB.peak)} MiB; each tenth of the run: ${f.workerRssMiB.series.map((v) => Math.round(v)).join(', ')} MiB`,
    ],
  ];
  if (f.histories) {
    const h = f.histories;
    rows.push([
      'history events per order',
      `happy path ${h.happyPath.mean.toFixed(1)} (max ${h.happyPath.max})${h.withRefund ? `; order + refund case ${h.withRefund.mean.toFixed(1)} (max ${h.withRefund.max})` : ''} (${h.orders} orders read)`,
    ]);
    rows.push([
      '  by type (happy path)',
      h.byType
        .slice(0, 8)
        .map(({ type, perOrder }) => `${type} ${perOrder.toFixed(1)}`)
        .join(', '),
    ]);
  }
  if (f.restarts.length) {
    const polling = percentiles(f.restarts.map((r) => r.toPollingMs));
    const first = percentiles(f.restarts.map((r) => r.toFirstTaskMs));
    rows.push([
      'worker kills',
      `${f.restarts.length}; restart to polling median ${ms(polling.p50)} (max ${ms(Math.max(...f.restarts.map((r) => r.toPollingMs)))}), to first task median ${ms(first.p50)} (max ${ms(Math.max(...f.restarts.map((r) => r.toFirstTaskMs)))})`,
    ]);
  }
  rows.push(
    ['lost orders', String(f.lostOrders)],
    ['duplicate deliveries', String(f.duplicateDeliveries)],
    ['double refunds', String(f.doubleRefunds)],
  );
  if (f.failed.length)
    rows.push(['failed journeys', `${f.failed.length}, first: ${f.failed[0].orderId}: ${f.failed[0].failed}`]);
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`).join('\n');
}
