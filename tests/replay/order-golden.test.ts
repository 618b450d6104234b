// Runs each main order scenario and compares the commands its workflow gave (activity names and
// timer durations, in order) with the golden record: a renamed activity or a changed default
// duration fails here even though replay would let it through.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { orderRules } from '../helpers/order-rules';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';
import { commandRecord, GOLDEN } from './command-record';
import { SCENARIOS } from './order-scenarios';

const t = runWorkerDuringTests(startTimeSkippingServer, `golden-${randomUUID()}`);
const rules = orderRules(t, `shop-golden-${randomUUID().slice(0, 8)}`);

test.each(Object.keys(SCENARIOS))('%s gives the recorded commands', async (name) => {
  const placed = await SCENARIOS[name](rules);
  const golden = JSON.parse(readFileSync(join(GOLDEN, `${name}.json`), 'utf8'));
  const history = await placed.handle.fetchHistory();
  expect(commandRecord(history)).toEqual(golden);
  // Personal data stays in the database: no name, phone or address in inputs, results, attributes or details.
  expect(JSON.stringify(history)).not.toMatch(/张三|13800000000|文三路|杭州市/);
});
