// Replays every recorded history (orders, after-sales cases, review repairs) through today's
// workflow code: a change that would break a running workflow (without `patched()`) fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowIdFromStart } from '../../workflows/definitions';

const dir = join(__dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

function workflowTypeOf(file: string): string {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')).events[0].workflowExecutionStartedEventAttributes
    .workflowType.name;
}

describe('replay of recorded workflow histories', () => {
  it('has histories of every workflow type to replay', () => {
    const types = files.map(workflowTypeOf);
    expect(types.filter((type) => type === 'orderWorkflow').length).toBeGreaterThanOrEqual(4);
    expect(types.filter((type) => type === 'afterSalesCaseWorkflow').length).toBeGreaterThanOrEqual(5);
    expect(types).toContain('reviewRepairWorkflow');
    expect(types).toContain('connectorWorkflow');
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const started = history.events[0].workflowExecutionStartedEventAttributes;
    const [input] = started.input.payloads;
    const workflowId = workflowIdFromStart(
      started.workflowType.name,
      JSON.parse(Buffer.from(input.data, 'base64').toString('utf8')),
    );
    if (!workflowId) throw new Error(`${file}: no workflow id rule for workflow type ${started.workflowType.name}`);
    const codePath = process.env.TEST_WORKFLOW_BUNDLE;
    const results = Worker.runReplayHistories(
      codePath ? { workflowBundle: { codePath } } : { workflowsPath: require.resolve('../../workflows') },
      [{ workflowId, history }],
    );
    for await (const result of results) expect(result.error).toBeUndefined();
  });
});
