// One declaration per route: its method and path, the zod schemas of what it takes and of every
// answer it gives, who may call it and in which shop, and its handler. The Express router
// (build-router.ts) and the OpenAPI document (openapi.ts) are both made from these declarations,
// so what is documented is what is served.
import type { Request } from 'express';
import type { z } from 'zod';
import type { ShopRole } from '../generated/prisma/enums';
import type { FieldProblem } from './errors';

/** Where a shop-scoped route finds the shop it acts in; a task is resolved to its shop first. */
export type ShopSource = 'params' | 'body' | 'query' | 'task';

export type Access =
  /** No credential: the route's own check is the credential (a case's token) or there is nothing to guard. */
  | { kind: 'public'; why: string }
  /** Any known caller, about itself (its session, its memberships). */
  | { kind: 'signedIn' }
  /**
   * A caller with one of `roles` in the shop the request names. `signed`: the shop may require
   * its platform's posts to be signed, and a valid signature alone is then a platform's credential.
   */
  | { kind: 'shop'; from: ShopSource; roles: readonly ShopRole[]; signed?: boolean };

export type CallerKind = 'PERSON' | 'MACHINE' | 'SIGNATURE';

export interface Caller {
  /** `person:<login>`, `machine:<id>` or `signature:<shopId>`: who is recorded as having acted. */
  identityId: string;
  kind: CallerKind;
  name: string;
  operator: boolean;
  /** The API key's id or the session's id: what rate limits count by. */
  credentialId: string;
}

export interface ShopCaller extends Caller {
  shopId: string;
  role: ShopRole;
  /** The task queues a person works in this shop. */
  queues: readonly string[];
}

export type Limited = 'perTarget' | 'signIn' | 'scrape';

export interface ResponseSpec {
  description: string;
  /** Absent for an answer without a body (204). */
  schema?: z.ZodType;
  /** An answer sent as this text media type rather than as JSON (Prometheus' format); its schema is then a string's. */
  mediaType?: string;
  /**
   * Also an HTML page, for a caller whose Accept prefers text/html over application/json (a
   * browser): the handler's reply then carries the page as `html` beside its JSON body.
   */
  html?: boolean;
}

export type Responses = { [status: number]: ResponseSpec };

export interface Reply<S extends number = number> {
  status: S;
  body?: unknown;
  /** The page, for an answer declared `html`, sent instead of the body to a caller that prefers HTML. */
  html?: string;
  headers?: Record<string, string>;
}

type CallerOf<A extends Access> = A extends { kind: 'shop' }
  ? ShopCaller
  : A extends { kind: 'signedIn' }
    ? Caller
    : undefined;

export interface RouteContext<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends Access> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  caller: CallerOf<A>;
  req: Request;
  /** Whether the caller prefers an HTML page to JSON (Accept), for routes with answers declared `html`. */
  wantsHtml: boolean;
}

export interface RouteSpec<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  A extends Access,
  R extends Responses,
> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express style: /orders/:shopId/:orderId */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The body's JSON schema where zod cannot say all (an event's data, by type): made from the same zod schemas. */
  bodyDocument?: object;
  /** The body may also come as an HTML form (application/x-www-form-urlencoded, every field a string). */
  form?: boolean;
  /** What the handler itself answers; the guard's answers (400, 401, 403, 404, 429, 503) are added by the router. */
  responses: R;
  /** Recorded in the shop's audit log (who, what, when) when it succeeds. */
  audited?: boolean;
  /**
   * Counted, besides per caller: `perTarget` per order, case or task, whoever calls; `signIn` per
   * address and login, tightly, against password guessing. `scrape`: instead of per caller, per
   * address in a bucket of its own, so a scraper is neither refused when the traffic it measures
   * is high nor able to use up the limit of the callers at its address.
   */
  limited?: Limited;
  handler: (ctx: RouteContext<P, Q, B, A>) => Promise<Reply<Extract<keyof R, number>>>;
}

/** A route with its types erased, as the router and the document read it. */
export interface AnyRoute {
  method: RouteSpec<z.ZodType, z.ZodType, z.ZodType, Access, Responses>['method'];
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyDocument?: object;
  form?: boolean;
  responses: Responses;
  audited?: boolean;
  limited?: Limited;
  handler: (ctx: {
    params: unknown;
    query: unknown;
    body: unknown;
    caller: unknown;
    req: Request;
    wantsHtml: boolean;
  }) => Promise<Reply>;
}

export function route<
  A extends Access,
  R extends Responses,
  P extends z.ZodType = z.ZodObject<Record<string, never>>,
  Q extends z.ZodType = z.ZodObject<Record<string, never>>,
  B extends z.ZodType = z.ZodUndefined,
>(spec: RouteSpec<P, Q, B, A, R>): AnyRoute {
  return spec as unknown as AnyRoute;
}

/** An error answer: a machine-readable code, and for bad input every offending field by its path. */
export function fail<S extends number>(
  status: S,
  code: string,
  message: string,
  fields?: FieldProblem[],
  facts?: Record<string, string | null>,
): Reply<S> {
  return { status, body: { error: { code, message, ...(fields ? { fields } : {}), ...facts } } };
}

export const ok = <S extends number>(status: S, body?: unknown, headers?: Record<string, string>): Reply<S> => ({
  status,
  body,
  headers,
});
