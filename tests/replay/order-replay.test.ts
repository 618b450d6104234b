// Replays recorded histories of the order workflow through today's workflow code: a change that
// would break a running order (without `patched()`) fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';

const dir = join(__dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('replay of recorded order histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const codePath = process.env.TEST_WORKFLOW_BUNDLE;
    const results = Worker.runReplayHistories(
      codePath ? { workflowBundle: { codePath } } : { workflowsPath: require.resolve('../../workflows') },
      [{ workflowId: file, history }],
    );
    for await (const result of results) expect(result.error).toBeUndefined();
  });
});
