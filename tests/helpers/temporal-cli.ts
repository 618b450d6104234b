// Asks a Temporal server through its CLI, as an operator would.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export async function temporalWorkflowList(
  address: string,
  query: string,
): Promise<Array<{ execution: { workflowId: string } }>> {
  const cli = process.env.TEMPORAL_CLI_PATH ?? 'temporal';
  const { stdout } = await promisify(execFile)(cli, [
    'workflow',
    'list',
    '--address',
    address,
    '--query',
    query,
    '--output',
    'json',
  ]);
  return stdout.trim() ? JSON.parse(stdout) : [];
}
