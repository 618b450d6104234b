// The answers every route gives when the request or a dependency is at fault rather than the
// route's own rules: text PostgreSQL cannot store (a NUL, a lone UTF-16 surrogate) is a 400 naming
// the field, and a database or Temporal that does not answer is a 503 with Retry-After (the API's
// Temporal connection gives up within seconds: temporal-connection.ts). Mounted once in app.ts, so
// every route keeps them.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../config/logger';
import { sendError, type FieldProblem } from './errors';

const RETRY_AFTER_S = 5;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorable(text: string): string | undefined {
  if (text.includes('\0')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate (text that is not valid Unicode)';
  return undefined;
}

/** Every string in `value`, keys included, that PostgreSQL's text and jsonb cannot hold. */
function unstorableFields(value: unknown, path: string[], found: FieldProblem[]): FieldProblem[] {
  if (typeof value === 'string') {
    const message = unstorable(value);
    if (message) found.push({ field: path.join('.') || '(body)', code: 'invalid_string', message });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unstorableFields(item, [...path, String(index)], found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const message = unstorable(key);
      if (message) found.push({ field: [...path, key].join('.'), code: 'invalid_key', message });
      unstorableFields(item, [...path, key], found);
    }
  }
  return found;
}

export const refuseUnstorableText: RequestHandler = (req, res, next) => {
  const fields = [...unstorableFields(req.body, [], []), ...unstorableFields(req.query, ['(query)'], [])];
  if (fields.length)
    return sendError(
      res,
      400,
      'invalid_request',
      `${fields.length} invalid field${fields.length === 1 ? '' : 's'} in the request`,
      fields,
    );
  next();
};

// Prisma's codes for a database that cannot be reached, timed out, or dropped the connection.
const DATABASE_DOWN = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// A raw query's error is P2010 whatever went wrong; the driver adapter's kind says which.
const DATABASE_DOWN_KINDS = new Set(['DatabaseNotReachable', 'SocketTimeout', 'ConnectionClosed']);
// gRPC status codes: DEADLINE_EXCEEDED, UNAVAILABLE.
const TEMPORAL_DOWN = new Set([4, 14]);

function dependencyDown(err: unknown): 'database' | 'temporal' | undefined {
  const error = err as
    | {
        name?: string;
        code?: unknown;
        cause?: { code?: unknown };
        meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
      }
    | undefined;
  if (error?.name === 'PrismaClientInitializationError') return 'database';
  if (error?.name === 'PrismaClientKnownRequestError' && DATABASE_DOWN.has(String(error.code))) return 'database';
  if (
    error?.name === 'PrismaClientKnownRequestError' &&
    error.code === 'P2010' &&
    DATABASE_DOWN_KINDS.has(String(error.meta?.driverAdapterError?.cause?.kind))
  )
    return 'database';
  if (error?.name === 'ServiceError' && TEMPORAL_DOWN.has(Number(error.cause?.code))) return 'temporal';
  return undefined;
}

export function failureAnswers(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (err?.type === 'entity.parse.failed') {
      return sendError(res, 400, 'invalid_json', `The body is not valid JSON: ${err.message}`, [
        { field: '(body)', code: 'invalid_json', message: err.message },
      ]);
    }
    if (err?.type === 'entity.too.large') return sendError(res, 413, 'body_too_large', 'The body is larger than 1 MB.');
    const down = dependencyDown(err);
    if (down) {
      logger.warn(
        { dependency: down, error: err?.name, code: err?.code ?? err?.cause?.code },
        'dependency unavailable',
      );
      res.set('Retry-After', String(RETRY_AFTER_S));
      const what = down === 'database' ? 'The database' : 'The workflow server (Temporal)';
      return sendError(
        res,
        503,
        `${down}_unavailable`,
        `${what} is not answering just now; nothing was lost that was answered before. Please retry in ${RETRY_AFTER_S} seconds.`,
      );
    }
    // Only the error's class, code and stack: messages of database errors quote the request's
    // data, which holds buyers' personal details.
    logger.error(
      { error: err?.name, code: err?.code, stack: err?.stack?.split('\n').slice(1, 6).join('\n') },
      'unhandled error',
    );
    sendError(res, 500, 'internal_error', 'Something went wrong on our side; it has been logged.');
  };
}
