// Every route the API serves, in the order the document lists them.
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../activities/prisma-client';
import { openApiDocument } from '../openapi';
import type { RequestMetrics } from '../request-metrics';
import { ok, route, type AnyRoute } from '../route-table';
import { buyerContactRoutes } from './buyer-contact';
import { buyerErasureRoutes } from './buyer-erasure';
import { caseRoutes } from './cases';
import { colleagueRoutes } from './colleagues';
import { connectorInboundRoutes } from './connector-inbound';
import { connectorRoutes } from './connectors';
import { figureRoutes } from './figures';
import { healthRoutes } from './health';
import { metricsRoutes } from './metrics';
import { orderRoutes } from './orders';
import { platformSigningRoutes } from './platform-signing';
import { searchRoutes } from './search';
import { sessionRoutes } from './sessions';
import { shopAccessRoutes } from './shop-access';
import { shopCaseRoutes } from './shop-cases';
import { shopChannelRoutes } from './shop-channels';
import { shopPaymentGatewayRoutes } from './shop-payment-gateway';
import { shopPolicyRoutes } from './shop-policy';
import { shopTemplateRoutes } from './shop-templates';
import { taskRoutes } from './tasks';
import { workbenchRoutes, type WorkbenchSettings } from './workbench';

/**
 * `outboundAllowedHosts`: OUTBOUND_ALLOWED_HOSTS, where shop-configured URLs may be http or private. `metrics`: what GET /metrics shows.
 * `workbench`: where the page links workflows. `publicBaseUrl`: the base of buyers' progress links.
 */
export function routeTable(deps: {
  temporal: Client;
  prisma: PrismaClient;
  outboundAllowedHosts: readonly string[];
  metrics: RequestMetrics;
  workbench?: WorkbenchSettings;
  publicBaseUrl?: string;
}): AnyRoute[] {
  const routes: AnyRoute[] = [
    ...workbenchRoutes(deps),
    ...healthRoutes(deps),
    ...metricsRoutes(deps),
    ...sessionRoutes(deps),
    ...orderRoutes(deps),
    ...caseRoutes(deps),
    ...shopCaseRoutes(deps),
    ...taskRoutes(deps),
    ...colleagueRoutes(deps),
    ...searchRoutes(deps),
    ...buyerContactRoutes(deps),
    ...shopPolicyRoutes(deps),
    ...shopChannelRoutes(deps),
    ...shopPaymentGatewayRoutes(deps),
    ...shopTemplateRoutes(deps),
    ...shopAccessRoutes(deps),
    ...buyerErasureRoutes(deps),
    ...platformSigningRoutes(deps),
    ...connectorRoutes(deps),
    ...connectorInboundRoutes(deps),
    ...figureRoutes(deps),
  ];
  let document: ReturnType<typeof openApiDocument> | undefined;
  routes.push(
    route({
      method: 'get',
      path: '/openapi.json',
      tag: 'operations',
      summary: 'This document',
      access: { kind: 'public', why: 'The contract of the API, with no data in it' },
      responses: {
        200: {
          description: 'The OpenAPI 3.1 document',
          schema: z.looseObject({
            openapi: z.literal('3.1.0'),
            info: z.looseObject({ title: z.string(), version: z.string() }),
            paths: z.record(z.string(), z.unknown()),
          }),
        },
      },
      handler: async () => {
        document ??= openApiDocument(routes);
        return ok(200, document);
      },
    }),
  );
  return routes;
}
