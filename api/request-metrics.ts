// The API's metrics for Prometheus: each request's duration and a count, by method, route and
// status code, and the process's own (CPU, memory, event loop lag, GC). The route label is the
// route table's template (/orders/:shopId/:orderId), never the path as sent, so the number of
// series stays bounded and no shop, order or buyer id reaches the metrics. Each app keeps its own
// registry, so that apps in one process (the tests) count apart.
import { Router, type RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { AnyRoute } from './route-table';

/** The route label of a request no route matched (a typo, a scanner's probe): one series, whatever the path. */
export const UNMATCHED_ROUTE = 'unmatched';

const LABELS = ['method', 'route', 'status_code'] as const;

export interface RequestMetrics {
  registry: Registry;
  /**
   * Measures every request under its route's template. Mounted before the body parser, whose
   * 400 and 413 then count under the route the request was for, not as unmatched.
   */
  measure(routes: readonly AnyRoute[]): RequestHandler;
}

export function createRequestMetrics(): RequestMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, in seconds',
    labelNames: LABELS,
    registers: [registry],
  });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'Requests answered',
    labelNames: LABELS,
    registers: [registry],
  });

  function measure(routes: readonly AnyRoute[]): RequestHandler {
    const router = Router();
    router.use((req, res, next) => {
      const started = performance.now();
      res.on('finish', () => {
        const labels = {
          method: req.method,
          route: (res.locals.routeTemplate as string | undefined) ?? UNMATCHED_ROUTE,
          status_code: res.statusCode,
        };
        requests.inc(labels);
        duration.observe(labels, (performance.now() - started) / 1000);
      });
      next();
    });
    // Express's own matching names the template; 'router' then leaves this router for the app's next handler.
    for (const route of routes) {
      router[route.method](route.path, (_req, res, next) => {
        res.locals.routeTemplate = route.path;
        next('router');
      });
    }
    return router;
  }

  return { registry, measure };
}
