// What the golden tests compare and where the recorder keeps its files: the command sequence a
// workflow's history shows (activities by name, timers by duration, children, signals), for the
// order scenarios (order-scenarios.ts) and the after-sales case scenarios (case-scenarios.ts) alike.
import { join } from 'node:path';
import type { temporal } from '@temporalio/proto';

export const HISTORIES = join(__dirname, 'histories');
export const GOLDEN = join(__dirname, 'golden');

/** Minutes, hours and days as a person writes them, so the record reads like the policy. */
function duration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes === 0) return '0m';
  const parts = [[Math.floor(minutes / 1440), 'd'], [Math.floor((minutes % 1440) / 60), 'h'], [minutes % 60, 'm']] as const;
  return parts.filter(([n]) => n > 0).map(([n, unit]) => `${n}${unit}`).join('');
}

/** The commands a history shows the workflow gave: activities by name, timers by duration (to the minute), children. */
export function commandRecord(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).flatMap((event) => {
    if (event.activityTaskScheduledEventAttributes) return [`activity ${event.activityTaskScheduledEventAttributes.activityType?.name}`];
    if (event.timerStartedEventAttributes) {
      const { seconds, nanos } = event.timerStartedEventAttributes.startToFireTimeout ?? {};
      return [`timer ${duration(Number(seconds ?? 0) + (nanos ?? 0) / 1e9)}`];
    }
    if (event.startChildWorkflowExecutionInitiatedEventAttributes) return [`child ${event.startChildWorkflowExecutionInitiatedEventAttributes.workflowType?.name}`];
    if (event.signalExternalWorkflowExecutionInitiatedEventAttributes) return ['signal external workflow'];
    return [];
  });
}
