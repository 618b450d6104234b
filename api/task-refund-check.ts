// An agent's answer that would pay more than the buyer paid is refused before it reaches the
// workflow (the ledger would refuse it there too, later and less clearly): an approval whose
// refund exceeds what is still refundable, and a manual payment of a refund the ledger refused.
import type { Task } from '../generated/prisma/client';
import type { PrismaClient } from '../activities/prisma-client';
import { orderMoney } from '../activities/refund-ledger';
import type { TaskKind, TaskOutcome } from '../workflows/task-kinds';
import { cents } from '../workflows/money';
import type { FieldProblem } from './errors';

export interface RefundBeyondPaid {
  message: string;
  field: FieldProblem;
  facts: { paid: string | null; refundable: string; currency: string };
}

/** The money an outcome decides to pay: an approval's refund (the amount asked when it names none), or a refund paid by hand. */
export function moneyDecided(task: Task, outcome: TaskOutcome<TaskKind>): string | undefined {
  const details = (task.details ?? {}) as { amount?: string };
  if ('decision' in outcome && outcome.decision === 'approve') return outcome.refundAmount ?? details.amount;
  if ('action' in outcome && outcome.action === 'paid_by_hand') return details.amount;
  return undefined;
}

export async function refundBeyondPaid(
  prisma: PrismaClient,
  task: Task,
  outcome: TaskOutcome<TaskKind>,
): Promise<RefundBeyondPaid | undefined> {
  const approvedAmount = 'decision' in outcome && outcome.decision === 'approve' ? outcome.refundAmount : undefined;
  const paysRefusedRefund =
    'action' in outcome &&
    outcome.action === 'paid_by_hand' &&
    (task.details as { refundable?: string } | null)?.refundable !== undefined;
  if ((approvedAmount === undefined && !paysRefusedRefund) || !task.orderId) return undefined;
  const { lineNo } = (task.details ?? {}) as { lineNo?: number };
  const order = await orderMoney(prisma, task.shopId, task.orderId, lineNo);
  if (!order) return undefined;
  // A case about one item line is held to that line's share.
  const money = { ...order, ...order.line };
  const facts = { paid: money.paid, refundable: money.refundable, currency: money.currency };
  if (approvedAmount !== undefined && cents(approvedAmount) > cents(money.refundable)) {
    return {
      message: `At most ${money.currency} ${money.refundable} of order ${task.orderId} can still be refunded (${money.currency} ${money.paid ?? '0.00'} paid).`,
      field: {
        field: 'outcome.refundAmount',
        code: 'exceeds_refundable',
        message: `must be at most ${money.refundable}`,
      },
      facts,
    };
  }
  if (paysRefusedRefund) {
    const { amount } = task.details as { amount: string };
    if (cents(amount) > cents(money.refundable)) {
      return {
        message: `This refund of ${money.currency} ${amount} exceeds what is still refundable (${money.currency} ${money.refundable}): do not pay it; void it, or retry once an amount is freed.`,
        field: {
          field: 'outcome.action',
          code: 'exceeds_refundable',
          message: 'paid_by_hand would pay more than the buyer paid',
        },
        facts,
      };
    }
  }
  return undefined;
}
