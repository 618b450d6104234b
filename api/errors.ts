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
export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  fields?: FieldProblem[],
  facts?: Record<string, string | null>,
): void {
  res.status(status).json({ error: { code, message, ...(fields ? { fields } : {}), ...facts } });
}

/** Every bad field of a request, by its path. */
export function invalidRequest(error: z.ZodError, where: 'body' | 'params' = 'body') {
  const fields = error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : `(${where})`,
    code: issue.code,
    message: issue.message,
  }));
  return {
    code: 'invalid_request',
    message: `${fields.length} invalid field${fields.length === 1 ? '' : 's'} in the request ${where}`,
    fields,
  };
}

export function sendValidationError(res: Response, error: z.ZodError, where: 'body' | 'params' = 'body'): void {
  const { code, message, fields } = invalidRequest(error, where);
  sendError(res, 400, code, message, fields);
}
