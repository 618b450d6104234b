// A4: the buyer sends the item back within the return window (else the request closes), the
// seller confirms its receipt within the receipt window (else the platform refunds), and the
// warehouse inspects and restocks it (退货验收入库).
import type { Case } from './case-state';
import { localDateTime } from './shop-clock';
import { durationMs } from './shop-policy';

export type ReturnOutcome =
  | { outcome: 'not_sent' }
  /** The seller missed the receipt deadline: the platform refunded the buyer itself. */
  | { outcome: 'receipt_missed' }
  | { outcome: 'inspected'; receivedAt: number };

export async function awaitReturn(kase: Case): Promise<ReturnOutcome> {
  const { events, policy } = kase;
  const returnBy = Date.now() + durationMs(policy.returnWithin);
  await kase.setStatus('awaiting-return', 'AWAITING_RETURN', { by: 'workflow', rule: 'A4' });
  kase.expect('buyer_return', returnBy);
  kase.tell('return-instructions', 'return_instructions', {
    caseId: kase.input.caseId,
    returnBy: localDateTime(returnBy, kase.timeZone),
  });
  // The warehouse may report the parcel before the buyer reports its tracking number.
  const sent = await kase.waitUntil(
    'A4',
    'request closes unless the return is sent',
    returnBy,
    () => events.returnShipped !== undefined || events.returnReceived !== undefined,
  );
  if (!sent) return { outcome: 'not_sent' };

  const { courier, trackingNumber } = events.returnShipped ?? {};
  if (events.returnShipped) {
    const receiveBy = Date.now() + durationMs(policy.receiptWithin);
    await kase.setStatus('return-shipped', 'RETURN_SHIPPED', {
      by: events.returnShipped.by,
      rule: 'A4',
      set: { returnCourier: courier, returnTrackingNumber: trackingNumber, returnShippedAt: kase.now() },
    });
    kase.expect('seller_receipt', receiveBy);
    const received = await kase.waitUntil(
      'A4',
      'the platform refunds unless receipt is confirmed',
      receiveBy,
      () => events.returnReceived !== undefined,
    );
    if (!received) return { outcome: 'receipt_missed' };
  }

  const receivedAt = Date.now();
  await kase.setStatus('return-received', 'INSPECTING', {
    by: events.returnReceived!.by,
    rule: 'A4',
    set: { returnReceivedAt: kase.now() },
  });
  kase.tell('return-received', 'return_received', { caseId: kase.input.caseId });
  kase.expect('inspection', receivedAt + durationMs(policy.refundWithin));
  const inspection = await kase.inbox.run('inspect-return', {
    ...kase.orderRef,
    kind: 'inspect_return',
    queue: 'WAREHOUSE',
    title: `Inspect and restock the return of case ${kase.input.caseId}`,
    due: policy.inspectWithin,
    escalateTo: 'SUPERVISOR',
    details: {
      rule: 'A4',
      caseId: kase.input.caseId,
      ...(courier && trackingNumber ? { courier, trackingNumber } : {}),
    },
  });
  await kase.change('inspected', 'return_inspected', {
    by: inspection.completedBy,
    rule: 'A4',
    data: { condition: inspection.outcome.condition, restocked: inspection.outcome.restocked },
  });
  return { outcome: 'inspected', receivedAt };
}
