// Error bodies the API answers with: always JSON, always a machine-readable code, and for bad
// input every offending field by its path (e.g. "items.0.quantity").
import type { Response } from 'express';
import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** `facts`: what a caller needs to put the request right, such as the amount still refundable. */
export function sendError(res: Response, status: number, code: string, message: string, fields?: FieldProblem[], facts?: Record<string, string | null>): void {
  res.status(status).json({ error: { code, message, ...(fields ? { fields } : {}), ...facts } });
}

export function sendValidationError(res: Response, error: z.ZodError, where: 'body' | 'params' = 'body'): void {
  const fields = error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : `(${where})`,
    code: issue.code,
    message: issue.message,
  }));
  sendError(res, 400, 'invalid_request', `${fields.length} invalid field${fields.length === 1 ? '' : 's'} in the request ${where}`, fields);
}

/** The parsed value, or undefined once a 400 naming every bad field has been sent. */
export function validated<T extends z.ZodType>(res: Response, schema: T, value: unknown, where: 'body' | 'params' | 'query'): z.output<T> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  sendValidationError(res, parsed.error, where === 'query' ? 'params' : where);
  return undefined;
}
