// Registers the workflows' typed search attributes with the namespace, so the Web UI and
// `temporal workflow list --query` can filter on them. Safe to run at every start.
import { temporal } from '@temporalio/proto';
import type { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/definitions';

type IndexedValueType = temporal.api.enums.v1.IndexedValueType;

/** The operator API's form of the declared keys: name -> indexed value type. */
export function searchAttributeDefinitions(keys = SEARCH_ATTRIBUTE_KEYS): Record<string, IndexedValueType> {
  return Object.fromEntries(
    keys.map((key) => [key.name, temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`]]),
  );
}

/** Returns the names it added (empty when all were already there). */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = SEARCH_ATTRIBUTE_KEYS.filter((key) => !(key.name in (customAttributes ?? {})));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: searchAttributeDefinitions(missing),
  });
  return missing.map((key) => key.name);
}
