// Each platform's connector by its name; adding a platform to CONNECTOR_PLATFORMS fails to compile here until its folder exists.
import type { Connector } from './connector';
import type { ConnectorPlatform } from './platforms';
import { shopifyConnector } from './shopify';
import { taobaoConnector } from './taobao';

export function connectorFor(platform: ConnectorPlatform): Connector {
  switch (platform) {
    case 'shopify':
      return shopifyConnector as unknown as Connector;
    case 'taobao':
      return taobaoConnector as unknown as Connector;
    default:
      return platform satisfies never;
  }
}
