// Records the histories order-replay.test.ts replays and the command records order-golden.test.ts
// compares. Run on purpose, not in the suite: `npm run record-histories`. Re-record a scenario only
// when its change is meant to be incompatible (behind `patched()`, keeping the old history under a
// new name); a new scenario gets new files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { orderRules } from '../helpers/order-rules';
import { startTimeSkippingServer } from '../helpers/temporal';
import { runWorkerDuringTests } from '../helpers/worker-harness';
import { commandRecord, GOLDEN, HISTORIES, SCENARIOS } from './order-scenarios';

const t = runWorkerDuringTests(startTimeSkippingServer);
const rules = orderRules(t, `shop-replay-${randomUUID().slice(0, 8)}`);

test.each(Object.keys(SCENARIOS))('records %s', async (name) => {
  const placed = await SCENARIOS[name](rules);
  const history = await placed.handle.fetchHistory();
  for (const dir of [HISTORIES, GOLDEN]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(HISTORIES, `${name}.json`), historyToJSON(history) + '\n');
  writeFileSync(join(GOLDEN, `${name}.json`), JSON.stringify(commandRecord(history), null, 2) + '\n');
}, 300_000);
