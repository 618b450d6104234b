// The platforms the product has a connector for: one folder each in connectors/.
export const CONNECTOR_PLATFORMS = ['shopify', 'taobao'] as const;
export type ConnectorPlatform = (typeof CONNECTOR_PLATFORMS)[number];
