// The Express application, built from its dependencies so tests run the very same app.
import express, { type ErrorRequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../activities/prisma-client';
import type { Logger } from '../config/logger';
import { sendError } from './errors';
import { openApiDocument } from './openapi';
import { healthRouter } from './routes/health';
import { ordersRouter } from './routes/orders';

export interface ApiDeps {
  temporal: Client;
  prisma: PrismaClient;
  logger: Logger;
}

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use((req, res, next) => {
    const started = performance.now();
    res.on('finish', () =>
      deps.logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'),
    );
    next();
  });

  const document = openApiDocument();
  app.get('/openapi.json', (_req, res) => { res.json(document); });
  app.use(healthRouter(deps));
  app.use(ordersRouter(deps));

  app.use((req, res) => sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}; see /openapi.json.`));
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (err?.type === 'entity.parse.failed') {
      return sendError(res, 400, 'invalid_json', `The body is not valid JSON: ${err.message}`, [{ field: '(body)', code: 'invalid_json', message: err.message }]);
    }
    if (err?.type === 'entity.too.large') return sendError(res, 413, 'body_too_large', 'The body is larger than 1 MB.');
    deps.logger.error({ err }, 'unhandled error');
    sendError(res, 500, 'internal_error', 'Something went wrong on our side; it has been logged.');
  };
  app.use(onError);
  return app;
}
