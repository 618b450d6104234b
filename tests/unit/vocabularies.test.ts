// One spelling per concept: each vocabulary the code defines and the database enum that stores it
// hold the same values, so a value added on one side and not the other fails here, not in a
// customer's database.
import * as db from '../../generated/prisma/enums';
import { MESSAGE_CLASSES } from '../../activities/messages/templates';
import { COMMITTED_REFUND_STATUSES } from '../../activities/refund-ledger';
import { CASE_STATUSES, CASE_TYPES, ORDER_STATUSES, PAYMENT_METHODS } from '../../workflows/definitions';
import { MESSAGE_CHANNELS } from '../../workflows/shop-policy';
import { TASK_QUEUES } from '../../workflows/task-kinds';

const sorted = (values: readonly string[]) => [...values].sort();

describe('vocabularies match the database enums that store them', () => {
  test.each([
    ['PaymentMethod', PAYMENT_METHODS, db.PaymentMethod],
    ['OrderStatus', ORDER_STATUSES, db.OrderStatus],
    ['CaseType', CASE_TYPES, db.CaseType],
    ['CaseStatus', CASE_STATUSES, db.CaseStatus],
    ['MessageChannel', MESSAGE_CHANNELS, db.MessageChannel],
    ['MessageClass', MESSAGE_CLASSES, db.MessageClass],
    ['TaskQueue', TASK_QUEUES, db.TaskQueue],
  ] as const)('%s', (_name, code, database) => {
    expect(sorted(code)).toEqual(sorted(Object.values(database)));
  });

  test('RefundStatus: every status either holds its amount against what was paid, or is VOIDED', () => {
    expect(sorted([...COMMITTED_REFUND_STATUSES, 'VOIDED'])).toEqual(sorted(Object.values(db.RefundStatus)));
  });
});
