// A zod schema as the JSON schema the OpenAPI document shows for it.
import { z } from 'zod';

export function inputSchema(schema: z.ZodType): object {
  return jsonSchema(schema, 'input');
}

export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): object {
  const document = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete document.$schema;
  return document;
}
