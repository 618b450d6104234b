// Replays recorded histories of the order workflow through today's workflow code: a change that
// would break a running order (without `patched()`) fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { orderWorkflowId } from '../../workflows/definitions';

const dir = join(__dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('replay of recorded order histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    // Task ids carry the workflow id, so the replay runs under the recorded one (from the input's ids).
    const [input] = history.events[0].workflowExecutionStartedEventAttributes.input.payloads;
    const { shopId, orderId } = JSON.parse(Buffer.from(input.data, 'base64').toString('utf8'));
    const codePath = process.env.TEST_WORKFLOW_BUNDLE;
    const results = Worker.runReplayHistories(
      codePath ? { workflowBundle: { codePath } } : { workflowsPath: require.resolve('../../workflows') },
      [{ workflowId: orderWorkflowId(shopId, orderId), history }],
    );
    for await (const result of results) expect(result.error).toBeUndefined();
  });
});
