// A1: the buyer's access token is a credential, so it never enters the case workflow's history
// (inputs, activity arguments and results, queries, attributes): the outbox fills the progress link
// in at send time, and the buyer's message carries it.
import { randomUUID } from 'node:crypto';
import { caseRules } from '../helpers/case-rules';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';

const t = runWorkerDuringTests(startTimeSkippingServer, `privacy-token-${randomUUID()}`);
const shopId = `shop-token-${randomUUID().slice(0, 8)}`;
const rules = caseRules(t, shopId);

test("the case's history holds no access token; the buyer's message has the link with it", async () => {
  const order = await rules.receivedOrder();
  const kase = await rules.open(order, 'RETURN_REFUND', { situation: 'quality_defect', requestedAmount: '59.00' });
  expect(kase.accessToken.length).toBeGreaterThanOrEqual(16);

  const received = await rules.messageIn(kase, 'case-received');
  expect(received.body).toContain(`/cases/${shopId}/${kase.caseId}/progress?token=${kase.accessToken}`);

  const history = await kase.handle.fetchHistory();
  const text = JSON.stringify(history);
  // Payloads are base64 in the history: search the decoded ones too.
  const decoded = [...text.matchAll(/"data":"([A-Za-z0-9+/=]+)"/g)]
    .map(([, data]) => Buffer.from(data, 'base64').toString('utf8'))
    .join('\n');
  expect(decoded).toContain(kase.caseId);
  expect(decoded).toContain('case_received');
  expect(text).not.toContain(kase.accessToken);
  expect(decoded).not.toContain(kase.accessToken);
});
