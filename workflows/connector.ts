// A shop's connector to one platform, running for as long as the shop keeps it: a round (one
// activity: fetch, keep, apply, send) then a wait for the shop's interval or a wake-up from a
// webhook, and again. All the work is in the activity, so a round costs a few history events and
// the workflow continues as new long before its history grows heavy.
import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ConnectorActivities } from '../activities';
import { CONNECTOR_ROUNDS } from './activity-options';
import { connectorWakeSignal, connectorWorkflowId } from './definitions';
import { durationMs } from './shop-policy';

export interface ConnectorWorkflowInput {
  shopId: string;
  platform: string;
}

const { runConnectorRound, backfillConnectorPage } = proxyActivities<ConnectorActivities>(CONNECTOR_ROUNDS);

const ROUNDS_PER_RUN = 500;

export async function connectorWorkflow(input: ConnectorWorkflowInput): Promise<'disabled'> {
  let woken = false;
  setHandler(connectorWakeSignal, () => {
    woken = true;
  });
  for (let round = 0; round < ROUNDS_PER_RUN && !workflowInfo().continueAsNewSuggested; round++) {
    // Cleared before the round, so a wake-up during it brings the next one at once.
    woken = false;
    const result = await runConnectorRound(input);
    // Switched on again while this round found it off: the wake-up says so, and the next round sees it.
    if (!result.enabled && !woken) return 'disabled';
    if (!result.more) await condition(() => woken, durationMs(result.pollEvery));
  }
  return continueAsNew<typeof connectorWorkflow>(input);
}

export interface ConnectorBackfillInput extends ConnectorWorkflowInput {
  from: string;
  to: string;
}

/** Fetches a time range again, page by page (each page's cursor in history, so a crash resumes there), then wakes the connector to apply it. */
export async function connectorBackfillWorkflow(input: ConnectorBackfillInput): Promise<{ kept: number }> {
  let kept = 0;
  let cursor: string | undefined;
  do {
    const page = await backfillConnectorPage({ ...input, cursor });
    kept += page.kept;
    cursor = page.cursor;
  } while (cursor);
  try {
    await getExternalWorkflowHandle(connectorWorkflowId(input.shopId, input.platform)).signal(connectorWakeSignal);
  } catch {
    // Switched off meanwhile: what was kept waits for it to be switched on again.
  }
  return { kept };
}
