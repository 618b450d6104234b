// Moves the time-skipping server's clock to a wall-clock time in a shop's zone, so rules about
// quiet hours and cut-offs are tested at real clock times whatever time the suite runs at.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { nextLocalTime } from '../../workflows/shop-clock';

export async function skipToLocalTime(
  env: TestWorkflowEnvironment,
  hhmm: string,
  timeZone = 'Asia/Shanghai',
): Promise<number> {
  const now = await env.currentTimeMs();
  const target = nextLocalTime(now, hhmm, timeZone);
  await env.sleep(target - now);
  return target;
}
