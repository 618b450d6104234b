// The worker process's Temporal runtime, which must be installed before its first native
// connection: with it the Core SDK serves its own metrics (task latencies, slots, pollers, sticky
// cache, activity and workflow outcomes) in Prometheus' text format at http://<address>/metrics.
import { Runtime } from '@temporalio/worker';

export function installRuntimeWithMetrics(address: string): void {
  try {
    // Seconds, as Prometheus' conventions and the API's own histograms have them (Core's default is milliseconds).
    Runtime.install({
      telemetryOptions: { metrics: { prometheus: { bindAddress: address, useSecondsForDurations: true } } },
    });
  } catch (err) {
    // A second worker on the same host with the same port ends here: say which setting to change.
    throw new Error(
      `cannot serve the worker's metrics at WORKER_METRICS_ADDRESS=${address}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
