// The shop's month in figures, as a shop manager reads them: the rates of the order and after-sales
// rules, how fast the shop answers and refunds, and how fast agents take their tasks.
import { useState } from 'preact/hooks';
import { query, read } from '../api';
import { useLoad } from '../load';
import { Chart } from '../parts/chart';
import { Loading, Refusal } from '../parts/notices';
import { useWorkbench } from '../session';
import { shopMonth } from '../time';
import { caseTypeName } from '../../api/task-texts';

interface OrderFigures {
  month: string;
  from: string;
  to: string;
  paymentReminders: { reminded: number; paidAfterReminder: number; conversion: number | null };
  shipping: { shipped: number; onTime: number; onTimeRate: number | null; lateUnshipped: number };
  problemParcels: { shipped: number; withProblem: number; rate: number | null };
}

interface Minutes {
  median: number | null;
  average: number | null;
}

interface CaseFigures {
  returnAndRefundRate: {
    ordersPaid: number;
    returnsAndRefunds: number;
    rate: number | null;
    byType: Record<string, number>;
  };
  timeToFirstResponse: { answered: number; minutes: Minutes };
  timeToRefund: { paid: number; minutesFromOpened: Minutes };
  reviewRepair: { closed: number; successRate: number | null };
}

interface TaskFigures {
  tasks: number;
  secondsToClaim: { p50: number | null; p90: number | null };
  secondsToComplete: { p50: number | null; p90: number | null };
  overdueNow: { queue: string; assignee: string | null; count: number }[];
}

const WORDS = {
  'zh-CN': {
    rates: '各项比率',
    conversion: '催付转化率',
    onTime: '按时发货率',
    problem: '异常包裹率',
    returns: '退货退款率',
    repair: '差评修复成功率',
    times: '响应与退款时长（分钟，中位数）',
    firstResponse: '首次响应',
    refund: '退款到账',
    agents: '客服任务响应（秒）',
    claim: '领取',
    completeTask: '完成',
    caseTypes: '售后类型',
    overdueNow: '当前超时任务',
  },
  en: {
    rates: 'Rates',
    conversion: 'Payment-reminder conversion',
    onTime: 'Shipped on time',
    problem: 'Problem parcels',
    returns: 'Returns and refunds',
    repair: 'Review repairs that worked',
    times: 'Response and refund (minutes, median)',
    firstResponse: 'First response',
    refund: 'Refund paid',
    agents: "Agents' task response (seconds)",
    claim: 'To claim',
    completeTask: 'To complete',
    caseTypes: 'Case types',
    overdueNow: 'Overdue now',
  },
} as const;

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export function FiguresPage() {
  const { t, shop, locale, timeZone } = useWorkbench();
  const w = WORDS[locale];
  const [month, setMonth] = useState(() => shopMonth(Date.now(), timeZone));
  const base = `/shops/${encodeURIComponent(shop.shopId)}/figures`;
  const figures = useLoad(async () => {
    const orders = await read<OrderFigures>(`${base}/orders${query({ month })}`);
    const [cases, tasks] = await Promise.all([
      read<CaseFigures>(`${base}/cases${query({ month })}`),
      read<TaskFigures>(`${base}/tasks${query({ from: orders.from, to: orders.to })}`),
    ]);
    return { orders, cases, tasks };
  }, [base, month]);

  const value = figures.value;
  const rates = value
    ? ([
        [w.conversion, percent(value.orders.paymentReminders.conversion)],
        [w.onTime, percent(value.orders.shipping.onTimeRate)],
        [w.problem, percent(value.orders.problemParcels.rate)],
        [w.returns, percent(value.cases.returnAndRefundRate.rate)],
        [w.repair, percent(value.cases.reviewRepair.successRate)],
      ] as const)
    : [];

  return (
    <section data-testid="figures-page">
      <div class="toolbar">
        <h1>{t.figures}</h1>
        <label>
          {t.month}{' '}
          <input
            type="month"
            aria-label={t.month}
            value={month}
            onChange={(e) => setMonth((e.target as HTMLInputElement).value || month)}
          />
        </label>
      </div>
      <Refusal error={figures.error?.detail} onRetry={figures.reload} />
      {!value && !figures.error ? <Loading /> : null}
      {value ? (
        <div class="grid">
          <div class="card">
            <h2>{w.rates}</h2>
            <Chart
              label={w.rates}
              option={{
                tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
                grid: { left: 150, right: 60, top: 10, bottom: 30 },
                xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                yAxis: { type: 'category', data: rates.map(([name]) => name), inverse: true },
                series: [
                  {
                    type: 'bar',
                    data: rates.map(([, rate]) => rate),
                    label: { show: true, position: 'right', formatter: '{c}%' },
                  },
                ],
              }}
            />
            <table class="figures" data-testid="rates">
              <tbody>
                {rates.map(([name, rate]) => (
                  <tr key={name}>
                    <th>{name}</th>
                    <td>{rate === null ? '—' : `${rate}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="card">
            <h2>{w.times}</h2>
            <Chart
              label={w.times}
              option={{
                tooltip: {},
                grid: { left: 50, right: 20, top: 20, bottom: 30 },
                xAxis: { type: 'category', data: [w.firstResponse, w.refund] },
                yAxis: { type: 'value' },
                series: [
                  {
                    type: 'bar',
                    data: [
                      value.cases.timeToFirstResponse.minutes.median,
                      value.cases.timeToRefund.minutesFromOpened.median,
                    ],
                    label: { show: true, position: 'top' },
                  },
                ],
              }}
            />
          </div>
          <div class="card">
            <h2>{w.agents}</h2>
            <Chart
              label={w.agents}
              option={{
                tooltip: {},
                legend: { top: 0 },
                grid: { left: 50, right: 20, top: 40, bottom: 30 },
                xAxis: { type: 'category', data: ['p50', 'p90'] },
                yAxis: { type: 'value' },
                series: [
                  {
                    name: w.claim,
                    type: 'bar',
                    data: [value.tasks.secondsToClaim.p50, value.tasks.secondsToClaim.p90],
                  },
                  {
                    name: w.completeTask,
                    type: 'bar',
                    data: [value.tasks.secondsToComplete.p50, value.tasks.secondsToComplete.p90],
                  },
                ],
              }}
            />
          </div>
          <div class="card">
            <h2>{w.caseTypes}</h2>
            <Chart
              label={w.caseTypes}
              option={{
                tooltip: { trigger: 'item' },
                series: [
                  {
                    type: 'pie',
                    radius: ['35%', '65%'],
                    data: Object.entries(value.cases.returnAndRefundRate.byType)
                      .filter(([, count]) => count > 0)
                      .map(([type, count]) => ({ name: caseTypeName(type, locale), value: count })),
                  },
                ],
              }}
            />
            <h3>{w.overdueNow}</h3>
            <ul>
              {value.tasks.overdueNow.map((row) => (
                <li key={`${row.queue}-${row.assignee}`}>
                  {row.queue} · {row.assignee ?? '—'}: {row.count}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </section>
  );
}
