// The shapes answers share, as zod schemas: the route table declares every answer with them, the
// OpenAPI document is generated from them, and tests check each answer against them.
import { z } from 'zod';

export const errorBody = z.object({
  error: z.looseObject({
    code: z.string().meta({ examples: ['invalid_request', 'order_conflict', 'not_found'] }),
    message: z.string(),
    fields: z
      .array(
        z.object({ field: z.string().meta({ examples: ['items.0.quantity'] }), code: z.string(), message: z.string() }),
      )
      .optional(),
  }),
});

export const isoTime = z.string().meta({ format: 'date-time' });
export const amountText = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .meta({ examples: ['42.50'] });
/** A row's JSON as stored (details, payloads, workflow state): described by its own route. */
export const jsonValue = z.unknown();

export const error = (description: string) => ({ description, schema: errorBody });
export const noContent = (description: string) => ({ description });
