// The Express application, built from its dependencies so tests run the very same app.
import express from 'express';
import helmet from 'helmet';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../activities/prisma-client';
import type { Logger } from '../config/logger';
import { buildRouter, type RateLimits } from './build-router';
import { sendError } from './errors';
import { failureAnswers, refuseUnstorableText } from './failure-answers';
import { createRequestMetrics } from './request-metrics';
import { routeTable } from './routes';
import type { WorkbenchSettings } from './routes/workbench';

export interface ApiDeps {
  temporal: Client;
  prisma: PrismaClient;
  logger: Logger;
  /** Default: DEFAULT_RATE_LIMITS, for each limit not given. */
  limits?: Partial<RateLimits>;
  /** Check every answer against the route table (tests); a mismatch is a 500 naming it. */
  checkResponses?: boolean;
  /** OUTBOUND_ALLOWED_HOSTS: hosts a shop's webhook or gateway URL may name over http or on a private address. Default: none. */
  outboundAllowedHosts?: readonly string[];
  /** Default: the dev server's Web UI (http://localhost:8233) in the default namespace. */
  workbench?: WorkbenchSettings;
  /** PUBLIC_BASE_URL (config/env.ts publicBaseUrl): the base of buyers' progress links. Default: the address each request reached the API at. */
  publicBaseUrl?: string;
}

// Scrapes: one a second from each of two Prometheus servers behind one address is still within it.
export const DEFAULT_RATE_LIMITS: RateLimits = { perCaller: 1200, perTarget: 300, signIn: 10, scrape: 120 };

export function createApp(deps: ApiDeps): express.Express {
  const metrics = createRequestMetrics();
  const routes = routeTable({ ...deps, outboundAllowedHosts: deps.outboundAllowedHosts ?? [], metrics });
  const app = express();
  app.disable('x-powered-by');
  // First, so that every answer is measured, the body parser's and the security headers' included.
  app.use(metrics.measure(routes));
  // Behind a reverse proxy, set `trust proxy` there: rate limits by address then count the real client.
  app.use(helmet());
  // The raw body is kept for signed platform posts, whose signature covers the bytes as sent.
  app.use(
    express.json({
      limit: '1mb',
      verify: (req, _res, buffer) => {
        (req as { rawBody?: Buffer }).rawBody = buffer;
      },
    }),
  );
  app.use(refuseUnstorableText);
  app.use((req, res, next) => {
    const started = performance.now();
    res.on('finish', () =>
      deps.logger.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          caller: res.locals.caller?.identityId,
        },
        'request',
      ),
    );
    next();
  });

  app.use(
    buildRouter(routes, {
      prisma: deps.prisma,
      logger: deps.logger,
      limits: { ...DEFAULT_RATE_LIMITS, ...deps.limits },
      checkResponses: deps.checkResponses ?? false,
    }),
  );

  app.use((req, res) => sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}; see /openapi.json.`));
  app.use(failureAnswers(deps.logger));
  return app;
}
