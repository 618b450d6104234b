// What the order-rule tests (tests/workflows/order-*.test.ts) share: placing an order at a shop-clock
// time on the time-skipping server, posting its events, moving the clock, and reading what the
// rules left behind (message rows, tasks, the order row, its log).
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { OrderEventBody } from '../../api/order-event-schema';
import type { OrderInput } from '../../api/order-schema';
import type { Message, Order, OrderLogEntry, Task } from '../../generated/prisma/client';
import type { orderWorkflow } from '../../workflows';
import { completeTaskUpdate, getOrderStateQuery, type OrderState } from '../../workflows/definitions';
import type { OrderEventType } from '../../workflows/order-events';
import { wallClock } from '../../workflows/shop-clock';
import { runChannelPeersDuringTests } from './channel-peers';
import { workerCaughtUp } from './caught-up';
import { eventually } from './eventually';
import { sendOrderEvent, startOrderWorkflow, waitUntilRecorded } from './order-workflows';
import { sampleOrder } from './orders';
import { skipToLocalTime } from './shop-clock';
import type { WorkerHarness } from './worker-harness';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;
const ZONE = 'Asia/Shanghai';

/** "HH:MM" of an instant on the shop's (Shanghai) clock. */
export function shopTime(at: Date | number): string {
  const { minutes } = wallClock(typeof at === 'number' ? at : at.getTime(), ZONE);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export interface PlacedOrder {
  order: OrderInput;
  handle: WorkflowHandle<typeof orderWorkflow>;
  placedAt: number;
  /** The id of the task or log entry of one of the workflow's steps. */
  id: (step: string) => string;
}

export function orderRules(t: WorkerHarness, shopId: string) {
  const peers = runChannelPeersDuringTests(t, shopId);
  const started: WorkflowHandle<typeof orderWorkflow>[] = [];
  // Orders of earlier tests would otherwise keep acting while later tests move the clock. Cancelled,
  // not terminated: the Java test server can keep its time-skipping lock for a task whose workflow
  // was terminated mid-task, and every later sleep then waits in real time.
  afterEach(async () => {
    await Promise.all(started.splice(0).map((handle) => handle.cancel().catch(() => undefined)));
  });

  const rules = {
    peers,
    /** Places an order at the next `hhmm` on the shop's clock (or now) and waits until it is recorded. */
    async place(hhmm?: string, overrides: Record<string, unknown> = {}): Promise<PlacedOrder> {
      const placedAt = hhmm ? await skipToLocalTime(t.env, hhmm) : await t.env.currentTimeMs();
      const order = sampleOrder({
        shopId,
        placedAt: new Date(placedAt).toISOString(),
        buyer: { id: `buyer-${randomUUID().slice(0, 8)}`, name: '张三', phone: '13800000000' },
        ...overrides,
      });
      const handle = await startOrderWorkflow(t, order);
      started.push(handle);
      await waitUntilRecorded(handle);
      return { order, handle, placedAt, id: (step: string) => `${handle.workflowId}:${step}` };
    },

    event(
      placed: PlacedOrder,
      type: OrderEventType,
      data: Record<string, unknown> = {},
      extra: Partial<OrderEventBody> = {},
    ) {
      return sendOrderEvent(t, placed.order, type, data, extra);
    },

    /** Moves the test server's clock to `at` (epoch ms). */
    async skipTo(at: number) {
      const now = await t.env.currentTimeMs();
      if (at > now) await t.env.sleep(at - now);
    },

    /** Before checking that something did not happen: the worker has acted on all that did. */
    caughtUp: (placed: PlacedOrder) => workerCaughtUp(placed.handle),
    state: (placed: PlacedOrder): Promise<OrderState> => placed.handle.query(getOrderStateQuery),
    /** Waits until the workflow's state satisfies `ok`. */
    stateWhere: (placed: PlacedOrder, ok: (state: OrderState) => boolean, what: string) =>
      eventually(() => rules.state(placed), ok, what),

    message: (placed: PlacedOrder, step: string, channel = 'WEBHOOK'): Promise<Message | null> =>
      t.prisma.message.findUnique({ where: { id: `${placed.id(step)}:${channel}` } }),
    /** Waits until the step's message row has one of `statuses`. */
    messageIn: (placed: PlacedOrder, step: string, statuses: string[], channel = 'WEBHOOK'): Promise<Message> =>
      eventually(
        () => rules.message(placed, step, channel),
        (row) => !!row && statuses.includes(row.status),
        `message ${step} to be ${statuses.join('/')}`,
      ).then((row) => row!),
    buyerMessages: (placed: PlacedOrder): Promise<Message[]> =>
      t.prisma.message.findMany({
        where: { orderId: placed.order.orderId, audience: 'BUYER' },
        orderBy: { createdAt: 'asc' },
      }),

    task: (placed: PlacedOrder, step: string): Promise<Task | null> =>
      t.prisma.task.findUnique({ where: { id: placed.id(step) } }),
    taskWhere: (placed: PlacedOrder, step: string, ok: (task: Task) => boolean, what: string): Promise<Task> =>
      eventually(
        () => rules.task(placed, step),
        (task) => !!task && ok(task),
        `task ${step} ${what}`,
      ).then((task) => task!),
    complete: (placed: PlacedOrder, step: string, agentId: string, outcome: unknown) =>
      placed.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: placed.id(step), agentId, outcome }] }),

    row: (placed: PlacedOrder): Promise<Order> =>
      t.prisma.order.findUniqueOrThrow({ where: { shopId_orderId: { shopId, orderId: placed.order.orderId } } }),
    rowWhere: (placed: PlacedOrder, ok: (row: Order) => boolean, what: string): Promise<Order> =>
      eventually(() => rules.row(placed), ok, `order row ${what}`),
    log: (placed: PlacedOrder, type: string): Promise<OrderLogEntry[]> =>
      t.prisma.orderLogEntry.findMany({
        where: { shopId, orderId: placed.order.orderId, type },
        orderBy: { at: 'asc' },
      }),
    logged: (placed: PlacedOrder, type: string): Promise<OrderLogEntry[]> =>
      eventually(
        () => rules.log(placed, type),
        (rows) => rows.length > 0,
        `a ${type} log entry`,
      ),
  };
  return rules;
}
