// What the golden tests compare and where the recorder keeps its files: the command sequence a
// workflow's history shows (activities by name, timers by duration, children, signals, then local activities), for the
// order scenarios (order-scenarios.ts) and the after-sales case scenarios (case-scenarios.ts) alike.
import { join } from 'node:path';
import type { temporal } from '@temporalio/proto';

export const HISTORIES = join(__dirname, 'histories');
export const GOLDEN = join(__dirname, 'golden');

/** Minutes, hours and days as a person writes them, so the record reads like the policy. */
function duration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes === 0) return '0m';
  const parts = [
    [Math.floor(minutes / 1440), 'd'],
    [Math.floor((minutes % 1440) / 60), 'h'],
    [minutes % 60, 'm'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join('');
}

/** Core's marker of a local activity; its `data` detail names the activity. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/** A local activity's marker data: its name, and its sequence number, given when it was scheduled. */
function localActivity(marker: temporal.api.history.v1.IMarkerRecordedEventAttributes): {
  activity_type: string;
  seq: number;
} {
  const data = marker.details?.data?.payloads?.[0]?.data;
  return data
    ? (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string; seq: number })
    : { activity_type: '?', seq: 0 };
}

/**
 * The commands a history shows the workflow gave: activities by name, timers by duration (to the
 * minute), children, in order; then the local activities by name, in the order they were
 * scheduled. Their markers come as they finish, which for ones beside other rules is a matter of
 * timing, so their place among the other commands is not part of the record.
 */
export function commandRecord(history: temporal.api.history.v1.IHistory): string[] {
  const events = history.events ?? [];
  const commands = events.flatMap((event) => {
    if (event.activityTaskScheduledEventAttributes)
      return [`activity ${event.activityTaskScheduledEventAttributes.activityType?.name}`];
    if (event.timerStartedEventAttributes) {
      const { seconds, nanos } = event.timerStartedEventAttributes.startToFireTimeout ?? {};
      return [`timer ${duration(Number(seconds ?? 0) + (nanos ?? 0) / 1e9)}`];
    }
    if (event.startChildWorkflowExecutionInitiatedEventAttributes)
      return [`child ${event.startChildWorkflowExecutionInitiatedEventAttributes.workflowType?.name}`];
    if (event.signalExternalWorkflowExecutionInitiatedEventAttributes) return ['signal external workflow'];
    return [];
  });
  const locals = events
    .flatMap((event) =>
      event.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER
        ? [localActivity(event.markerRecordedEventAttributes)]
        : [],
    )
    .sort((a, b) => a.seq - b.seq)
    .map((marker) => `local activity ${marker.activity_type}`);
  return [...commands, ...locals];
}
