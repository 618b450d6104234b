// The Express application, built from its dependencies so tests run the very same app.
import express from 'express';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../activities/prisma-client';
import type { Logger } from '../config/logger';
import { sendError } from './errors';
import { failureAnswers, refuseUnstorableText } from './failure-answers';
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
  app.use(refuseUnstorableText);
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
  app.use(failureAnswers(deps.logger));
  return app;
}
