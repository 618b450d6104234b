// One set of options per kind of activity, so every workflow treats a kind alike and a change to
// how a kind is retried is made in one place.
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

/** Records in the database: short, and retried until the database answers. */
export const RECORDS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
} as const satisfies ActivityOptions;

/** The same as local activities (record-activities.ts): a retry past a minute waits on a timer. */
export const LOCAL_RECORDS = { ...RECORDS } as const satisfies LocalActivityOptions;

/**
 * Messages through the outbox: a provider down for a while is waited out (about 2 hours in all);
 * after that the message is recorded as failed and the calling rule decides what a person does.
 */
export const MESSAGES = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 10 },
} as const satisfies ActivityOptions;

/**
 * Money through the shop's gateway (A5): longer than the gateway's own timeout (at most 60 s), so an
 * attempt has given up before the next starts (the retries use the same key), and as many attempts
 * as the shop's policy allows before a supervisor takes it.
 */
export function moneyOptions(attempts: number) {
  return {
    startToCloseTimeout: '90 seconds',
    retry: {
      initialInterval: '10 seconds',
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      maximumAttempts: attempts,
    },
  } as const satisfies ActivityOptions;
}

/**
 * A connector's round (connectors/): it may fetch a page from the platform, map each message
 * (which may ask the platform for details) and send pushes, each call bounded by the connector's
 * own timeout; a platform or database that is down is waited out for as long as it takes.
 */
export const CONNECTOR_ROUNDS = {
  startToCloseTimeout: '5 minutes',
  // The round heartbeats per message and push (each at most a renewal and a call, within the
  // connector's timeout): an attempt stuck longer is given up, and stops at its next heartbeat.
  heartbeatTimeout: '3 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const satisfies ActivityOptions;
