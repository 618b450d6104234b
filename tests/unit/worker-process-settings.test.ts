// docker-compose.yml cannot import worker/process-settings.ts, so it spells the worker's memory
// settings again; this keeps the two from drifting apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/paths';
import { WORKER_MAIN, WORKER_MALLOC_ENV, WORKER_NODE_FLAGS, workerLaunch } from '../../worker/process-settings';

/** The worker service's lines in docker-compose.yml: from `  worker:` to the next service. */
function composeWorkerService(): string {
  const compose = readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8');
  const service = /^ {2}worker:\n((?: {4}.*\n|\s*\n)+)/m.exec(compose);
  if (!service) throw new Error('docker-compose.yml has no worker service');
  return service[1];
}

test("docker-compose's worker runs node with the worker's flags and its allocator settings", () => {
  const service = composeWorkerService();
  expect(service).toContain(
    `command: ${JSON.stringify(['node', ...WORKER_NODE_FLAGS, 'dist/worker/main.js']).replaceAll('","', '", "')}`,
  );
  for (const [name, value] of Object.entries(WORKER_MALLOC_ENV)) expect(service).toContain(`${name}: "${value}"`);
});

test('a launcher starts the worker with its flags before the entry point, and an allocator setting in the environment wins', () => {
  const launched = workerLaunch({ MALLOC_ARENA_MAX: '4', LOG_LEVEL: 'info' });
  expect(launched.args).toEqual([...WORKER_NODE_FLAGS, WORKER_MAIN]);
  expect(launched.env).toEqual({ ...WORKER_MALLOC_ENV, MALLOC_ARENA_MAX: '4', LOG_LEVEL: 'info' });
});
