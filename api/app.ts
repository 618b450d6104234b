// The Express application, built from its dependencies so tests run the very same app.
import express, { type ErrorRequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../activities/prisma-client';
import type { Logger } from '../config/logger';
import { sendError } from './errors';
import { openApiDocument } from './openapi';
import { buyerContactRouter } from './routes/buyer-contact';
import { casesRouter } from './routes/cases';
import { figuresRouter } from './routes/figures';
import { healthRouter } from './routes/health';
import { ordersRouter } from './routes/orders';
import { shopChannelsRouter } from './routes/shop-channels';
import { shopPaymentGatewayRouter } from './routes/shop-payment-gateway';
import { shopPolicyRouter } from './routes/shop-policy';
import { shopTemplatesRouter } from './routes/shop-templates';
import { tasksRouter } from './routes/tasks';

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
  app.use(casesRouter(deps));
  app.use(shopPolicyRouter(deps));
  app.use(shopChannelsRouter(deps));
  app.use(shopPaymentGatewayRouter(deps));
  app.use(shopTemplatesRouter(deps));
  app.use(buyerContactRouter(deps));
  app.use(tasksRouter(deps));
  app.use(figuresRouter(deps));

  app.use((req, res) => sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}; see /openapi.json.`));
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (err?.type === 'entity.parse.failed') {
      return sendError(res, 400, 'invalid_json', `The body is not valid JSON: ${err.message}`, [{ field: '(body)', code: 'invalid_json', message: err.message }]);
    }
    if (err?.type === 'entity.too.large') return sendError(res, 413, 'body_too_large', 'The body is larger than 1 MB.');
    // Only the error's class, code and stack: messages of database errors quote the request's
    // data, which holds buyers' personal details.
    deps.logger.error({ error: err?.name, code: err?.code, stack: err?.stack?.split('\n').slice(1, 6).join('\n') }, 'unhandled error');
    sendError(res, 500, 'internal_error', 'Something went wrong on our side; it has been logged.');
  };
  app.use(onError);
  return app;
}
