// Runs each main after-sales case scenario and compares the commands its case workflow gave
// (activity names and timer durations, in order) with the golden record: a renamed activity or a
// changed default duration fails here even though replay would let it through.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { caseRules } from '../helpers/case-rules';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';
import { CASE_SCENARIOS } from './case-scenarios';
import { commandRecord, GOLDEN } from './command-record';

const t = runWorkerDuringTests(startTimeSkippingServer, `case-golden-${randomUUID()}`);
const rules = caseRules(t, `shop-case-golden-${randomUUID().slice(0, 8)}`);

test.each(Object.keys(CASE_SCENARIOS))('case-%s gives the recorded commands', async (name) => {
  const kase = await CASE_SCENARIOS[name](rules);
  const golden = JSON.parse(readFileSync(join(GOLDEN, `case-${name}.json`), 'utf8'));
  const history = await kase.handle.fetchHistory();
  expect(commandRecord(history)).toEqual(golden);
  // Personal data stays in the database: no name, phone or address in inputs, results, attributes or details.
  expect(JSON.stringify(history)).not.toMatch(/张三|13800000000|文三路|杭州市/);
});
