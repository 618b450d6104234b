// `npm run bench`: an open-loop load generator. Orders start at a fixed rate for a fixed time,
// whatever the stack's speed, each carried through its happy path (a share with a refund); then
// the figures: rates, backlog, request latencies, CPU per completed order of each part of the
// stack, the worker's memory, history events, and with --kill-worker-every what worker crashes cost.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from '../config/paths';
import { setUpBenchShop } from './bench-shop';
import { formatFigures, percentiles, type Restart, type RunFigures } from './figures';
import { countHistories } from './history-count';
import { parseBenchOptions, USAGE, type BenchOptions } from './options';
import { runJourney, type JourneyEnd, type Latencies } from './order-journey';
import { PARTS, postgresBackends, ProcessMeter } from './process-meter';
import { ProgressWatch } from './progress-watch';
import { BENCH_DATABASE, startStack, type Stack } from './stack';

const say = (line: string) => console.log(`\x1b[1;34m==>\x1b[0m ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function machine(): string {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}`;
}

function commitOf(root: string): string {
  try {
    const sha = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim();
    return `${sha}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** Kills the worker, starts another, and measures how long the new one takes to get going. */
async function killAndRestart(stack: Stack, watch: ProgressWatch): Promise<Restart> {
  const worker = await stack.killAndRestartWorker();
  const [polling, firstWork] = await Promise.all([
    worker.lineMatching(/worker polling/),
    watch.firstWorkAfter(worker.startedAt),
  ]);
  return { toPollingMs: polling - worker.startedAt, toFirstTaskMs: firstWork - worker.startedAt };
}

async function run(options: BenchOptions): Promise<RunFigures> {
  const runId = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const logDir = join(DATA_DIR, 'bench', runId);
  if (!existsSync('/proc/self/stat')) say('warning: no /proc here (not Linux): CPU and memory figures will read 0');
  const stack = await startStack(options.stackRoot, logDir, say, options.profile);
  // Ctrl-C stops the stack it started too, not only the load.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`Stopping (${signal})`);
      void stack.stop().finally(() => process.exit(130));
    });
  }
  try {
    const shop = await setUpBenchShop(stack.apiUrl, stack.adminKey);
    const watch = await ProgressWatch.start(stack.databaseUrl, shop.shopId, shop.webhook, shop.gateway);
    const meter = new ProcessMeter(() => ({
      worker: [stack.worker.child.pid!],
      api: [stack.api.child.pid!],
      temporal: stack.temporal ? [stack.temporal.child.pid!] : [],
      postgres: postgresBackends(BENCH_DATABASE),
    }));
    const latencies: Latencies = { placeOrder: [], postEvent: [], openCase: [] };
    const ends: JourneyEnd[] = [];
    let stopWaiting: (reason: Error) => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => (stopWaiting = reject));
    stopped.catch(() => undefined);
    const total = Math.max(1, Math.round(options.rate * options.duration));
    const refundEvery = options.refundShare > 0 ? 1 / options.refundShare : Infinity;
    const restarts: Restart[] = [];
    const journeys: Array<Promise<JourneyEnd>> = [];

    say(
      `Load: ${total} orders at ${options.rate}/s for ${options.duration} s against ${stack.apiUrl} (shop ${shop.shopId}); logs in ${logDir}`,
    );
    meter.start();
    const loadStart = Date.now();
    const report = setInterval(() => {
      const rss = meter.workerRss.at(-1)?.mib ?? 0;
      const done = ends.filter((end) => 'completedAt' in end).length;
      console.log(
        `    ${Math.round((Date.now() - loadStart) / 1000)} s: ${journeys.length} started, ${done} completed, ${journeys.length - ends.length} in flight, worker RSS ${Math.round(rss)} MiB`,
      );
    }, 10_000);
    const drill = options.killWorkerEvery
      ? setInterval(
          () =>
            void killAndRestart(stack, watch).then(
              (r) => restarts.push(r),
              (err: Error) => say(`worker restart failed: ${err.message}`),
            ),
          options.killWorkerEvery * 1000,
        )
      : undefined;

    for (let index = 0; index < total; index++) {
      // Open loop: the i-th order starts at its moment, however the earlier ones are doing.
      await sleep(loadStart + (index * 1000) / options.rate - Date.now());
      const plan = {
        index,
        runId,
        withRefund: Math.floor((index + 1) / refundEvery) > Math.floor(index / refundEvery),
      };
      journeys.push(
        runJourney(plan, { apiUrl: stack.apiUrl, shop, watch, latencies, stopped }).then(
          (end) => (ends.push(end), end),
        ),
      );
    }
    await sleep(loadStart + options.duration * 1000 - Date.now());
    clearInterval(drill);
    const completedDuringLoad = ends.filter((end) => 'completedAt' in end).length;
    const backlogAtEnd = journeys.length - ends.length;
    if (backlogAtEnd) say(`Load over; waiting up to ${options.drain} s for the ${backlogAtEnd} orders in flight`);
    await Promise.race([Promise.all(journeys), sleep(options.drain * 1000)]);
    stopWaiting(new Error('still running when the run ended'));
    await Promise.all(journeys);
    clearInterval(report);
    meter.stop();

    const completed = ends.filter((end): end is Extract<JourneyEnd, { completedAt: number }> => 'completedAt' in end);
    const failed = ends.filter((end): end is Extract<JourneyEnd, { failed: string }> => 'failed' in end);
    const cpu = meter.cpuMs();
    const perOrder = Object.fromEntries(
      PARTS.map((part) => [part, completed.length ? cpu[part] / completed.length : NaN]),
    ) as RunFigures['cpuMsPerOrder'];
    const rss = meter.workerRss.map((s) => s.mib);
    const tenths = Array.from(
      { length: 10 },
      (_, i) => rss[Math.min(rss.length - 1, Math.floor(((i + 1) * rss.length) / 10) - 1)] ?? 0,
    );

    // A message is one (order, template); two idempotency keys for one is a buyer told twice.
    const perMessage = new Map<string, number>();
    for (const { body } of shop.webhook.received)
      perMessage.set(
        `${String(body.orderId)}/${String(body.template)}`,
        (perMessage.get(`${String(body.orderId)}/${String(body.template)}`) ?? 0) + 1,
      );
    const perCase = new Map<string, number>();
    for (const refund of shop.gateway.refunds) perCase.set(refund.caseId, (perCase.get(refund.caseId) ?? 0) + 1);

    say(`Reading the histories of up to ${options.historySample} completed orders`);
    // Both kinds in the sample, in the run's proportion: refund journeys finish last and would be left out.
    const withCase = completed.filter((end) => end.caseId);
    const refundSample = Math.min(withCase.length, Math.round(options.historySample * options.refundShare));
    const sample = [
      ...completed.filter((end) => !end.caseId).slice(0, options.historySample - refundSample),
      ...withCase.slice(0, refundSample),
    ];
    const histories = await countHistories(stack.temporalAddress, shop.shopId, sample);
    await watch.stop();
    await shop.close();
    return {
      machine: machine(),
      commit: commitOf(options.stackRoot),
      rate: options.rate,
      duration: options.duration,
      refundShare: options.refundShare,
      started: journeys.length,
      completedDuringLoad,
      completed: completed.length,
      backlogAtEnd,
      failed: failed.filter((f) => !f.failed.startsWith('still running')),
      latencyMs: {
        placeOrder: percentiles(latencies.placeOrder),
        postEvent: percentiles(latencies.postEvent),
        openCase: percentiles(latencies.openCase),
      },
      cpuMsPerOrder: perOrder,
      workerRssMiB: { peak: Math.max(0, ...rss), series: tenths },
      histories,
      restarts,
      lostOrders: failed.filter((f) => f.failed.startsWith('still running')).length,
      duplicateDeliveries: [...perMessage.values()].filter((n) => n > 1).length,
      doubleRefunds: [...perCase.values()].filter((n) => n > 1).length,
    };
  } finally {
    await stack.stop();
  }
}

async function main() {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const figures = await run(options);
  const file = join(DATA_DIR, 'bench', 'last-result.json');
  writeFileSync(file, JSON.stringify(figures, null, 2));
  console.log(`\nBenchmark figures (also in ${file}):\n${formatFigures(figures)}`);
  if (figures.lostOrders || figures.duplicateDeliveries || figures.doubleRefunds) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
