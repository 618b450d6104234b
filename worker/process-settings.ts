// How a worker's node process is started, for its memory: every launcher (npm start, the bench,
// the tests' worker process) spawns it with these, and docker-compose.yml's worker service spells
// the same (tests/unit/worker-process-settings.test.ts holds the two together). Measured at 1
// order/s (README, "Benchmark"): without them the worker's RSS climbed from about 340 to 440 MiB
// between major GCs; with them it stayed at 234-240 MiB over 600 s, and CPU per order did not rise.
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/paths';

export const WORKER_MAIN = join(PROJECT_ROOT, 'dist', 'worker', 'main.js');

export const WORKER_NODE_FLAGS: readonly string[] = [
  // Node's default young generation (2 x 16 MiB semi-spaces) is sized for throughput; each of the
  // worker's two isolates (the main thread, the workflow thread) keeps its own resident.
  '--max-semi-space-size=2',
  // Collect the old generation once it grows by a tenth, not when V8's heuristics let it grow
  // to several times the live heap (about 55 MiB on the main thread).
  '--heap-growing-percent=10',
];

/**
 * glibc's allocator, read at process start. V8 compiles Prisma's WebAssembly query compiler on
 * background threads: glibc's default of eight arenas per core held about 40 MiB more, and with two
 * arenas its self-raising mmap threshold still kept twice the memory in use (heaptrack: 64 MiB at
 * peak, 136 MiB resident).
 */
export const WORKER_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '65536',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/** The arguments and environment of `node` running the worker at `main` (another checkout's, for the bench). */
export function workerLaunch(env: NodeJS.ProcessEnv, main = WORKER_MAIN): { args: string[]; env: NodeJS.ProcessEnv } {
  return { args: [...WORKER_NODE_FLAGS, main], env: { ...WORKER_MALLOC_ENV, ...env } };
}
