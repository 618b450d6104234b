// GET /metrics: the API's request and process metrics, for Prometheus to scrape.
import { z } from 'zod';
import { Registry } from 'prom-client';
import type { RequestMetrics } from '../request-metrics';
import { ok, route } from '../route-table';

export function metricsRoutes(deps: { metrics: RequestMetrics }) {
  return [
    route({
      method: 'get',
      path: '/metrics',
      tag: 'operations',
      summary:
        'Request counts and latencies by route and status, and the process’s CPU, memory, event loop lag and GC, in Prometheus’ text format',
      access: {
        kind: 'public',
        why:
          'Aggregate figures only, by route template and status, never a path’s ids: nothing about a shop or a buyer. The one key that could guard it, ' +
          'the operator’s, acts in every shop, and a scraper must not hold that. Where the API is reachable from outside, keep /metrics to the monitoring network at the reverse proxy',
      },
      // Its own bucket: a scrape is not refused when the traffic it measures uses up the address's limit.
      limited: 'scrape',
      responses: {
        200: {
          description: 'The metrics in the Prometheus text exposition format, version 0.0.4',
          schema: z.string(),
          mediaType: Registry.PROMETHEUS_CONTENT_TYPE,
        },
      },
      handler: async () => ok(200, await deps.metrics.registry.metrics()),
    }),
  ];
}
