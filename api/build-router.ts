// The Express router made from the route table. Before a handler runs, each request is answered
// by the guard where it must be: 401 without a valid credential, 404 for a shop the caller does
// not belong to (so ids in other shops cannot be probed), 403 for a role the route does not
// allow, 401 for an unsigned post where the shop requires signatures, 429 over a rate limit,
// 400 naming every bad field. The handler's answer is then checked against its declaration.
import { Router, urlencoded, type Request, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { PrismaClient } from '../activities/prisma-client';
import type { Logger } from '../config/logger';
import { authenticate, type Authentication } from './access/authenticate';
import { recordAudit } from './access/audit';
import { resolveShopCaller } from './access/shop-scope';
import { sendError, sendValidationError } from './errors';
import type { AnyRoute, Caller, ShopCaller } from './route-table';

export interface RateLimits {
  /** Requests per minute one credential (or, without one, one address) may make. */
  perCaller: number;
  /** Requests per minute to one order, case or task, whoever makes them. */
  perTarget: number;
  /** Sign-in attempts per minute from one address for one login. */
  signIn: number;
  /** Scrapes of /metrics per minute from one address, counted apart from its other requests. */
  scrape: number;
}

export interface RouterDeps {
  prisma: PrismaClient;
  logger: Logger;
  limits: RateLimits;
  /** Check every answer's body against its declared schema (tests): a mismatch is a 500 naming it. */
  checkResponses: boolean;
}

const REFUSALS = {
  missing: ['unauthenticated', 'This route needs a credential: Authorization: Bearer <API key or session token>.'],
  unknown: ['unauthenticated', 'The credential is not known.'],
  revoked: ['credential_revoked', 'This credential was revoked.'],
  expired: ['credential_expired', 'This credential has expired.'],
} as const;

const callerOf = (res: Response) => res.locals.caller as Caller | undefined;
const shopCallerOf = (res: Response) => res.locals.shopCaller as ShopCaller | undefined;

function limiter(limit: number, key: (req: Request, res: Response) => string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (req, res) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
      res.set('Retry-After', String(seconds));
      sendError(res, 429, 'rate_limited', `Too many requests (at most ${limit} a minute); retry in ${seconds} s.`);
    },
  });
}

/** Who calls, before anything is counted: a refused credential is counted by its address, so guessing keys is limited too. */
function identify(route: AnyRoute, deps: RouterDeps): RequestHandler {
  return async (req, res, next) => {
    if (route.access.kind === 'public') return next();
    const authentication = await authenticate(deps.prisma, req);
    if ('caller' in authentication) res.locals.caller = authentication.caller;
    else res.locals.refused = authentication.refused;
    next();
  };
}

function guard(route: AnyRoute, deps: RouterDeps): RequestHandler {
  return async (req, res, next) => {
    const { access } = route;
    if (access.kind === 'public') return next();
    const refused = res.locals.refused as Extract<Authentication, { refused: unknown }>['refused'] | undefined;
    if (refused && !(access.kind === 'shop' && access.signed && refused === 'missing')) {
      const [code, message] = REFUSALS[refused];
      res.set('WWW-Authenticate', 'Bearer');
      return sendError(res, 401, code, message);
    }
    const caller = callerOf(res);
    if (access.kind === 'signedIn')
      return caller ? next() : sendError(res, 401, 'unauthenticated', REFUSALS.missing[1]);
    const scoped = await resolveShopCaller(deps, req, access, caller);
    if ('refusal' in scoped) {
      const { status, code, message, field } = scoped.refusal;
      if (status === 401) res.set('WWW-Authenticate', 'Bearer');
      return sendError(res, status, code, message, field ? [{ field, code, message }] : undefined);
    }
    res.locals.shopCaller = scoped.caller;
    next();
  };
}

/**
 * The workflow a request acts on, wherever the request names it (path or body): the order, the
 * case or the task, so that POST /orders and the order's events count in one place.
 */
function targetKey(req: Request): string {
  const named = { ...(req.body as Record<string, unknown> | undefined), ...req.params };
  return ['shopId', 'orderId', 'caseId', 'taskId']
    .map((name) => (typeof named[name] === 'string' ? named[name] : ''))
    .join('/');
}

function handle(route: AnyRoute, deps: RouterDeps): RequestHandler {
  return async (req, res) => {
    const params = route.params ? route.params.safeParse(req.params) : { success: true as const, data: {} };
    if (!params.success) return sendValidationError(res, params.error, 'params');
    const query = route.query ? route.query.safeParse(req.query) : { success: true as const, data: {} };
    if (!query.success) return sendValidationError(res, query.error, 'params');
    const body = route.body ? route.body.safeParse(req.body ?? {}) : { success: true as const, data: undefined };
    if (!body.success) return sendValidationError(res, body.error, 'body');

    const caller = route.access.kind === 'shop' ? shopCallerOf(res) : callerOf(res);
    const pages = Object.values(route.responses).some((spec) => spec.html);
    // Content negotiation: JSON unless the caller ranks HTML higher (a browser's Accept does; */* does not).
    const wantsHtml = pages && req.accepts(['application/json', 'text/html']) === 'text/html';
    const reply = await route.handler({
      params: params.data,
      query: query.data,
      body: body.data,
      caller,
      req,
      wantsHtml,
    });
    const declared = route.responses[reply.status];
    if (deps.checkResponses) {
      // The body as it goes on the wire: dates as text, undefined fields left out (a text answer goes as it is).
      const wire: unknown =
        reply.body === undefined || declared?.mediaType ? reply.body : JSON.parse(JSON.stringify(reply.body));
      const problem = !declared
        ? `status ${reply.status} is not declared`
        : declared.schema
          ? declared.schema.safeParse(wire).error?.message
          : wire === undefined
            ? undefined
            : 'a body where none is declared';
      if (problem) {
        deps.logger.error(
          { route: `${route.method.toUpperCase()} ${route.path}`, status: reply.status, problem },
          'answer does not match the route table',
        );
        return sendError(
          res,
          500,
          'response_contract_violated',
          `${route.method.toUpperCase()} ${route.path} answered ${reply.status} against its declaration: ${problem}`,
        );
      }
    }
    if (route.audited && reply.status < 400) {
      const shopCaller = shopCallerOf(res);
      if (shopCaller) await recordAudit(deps.prisma, shopCaller, route, req, reply.status);
    }
    if (reply.headers) res.set(reply.headers);
    if (pages) res.vary('Accept');
    res.status(reply.status);
    if (wantsHtml && declared?.html && reply.html !== undefined) res.type('html').send(reply.html);
    else if (reply.body === undefined) res.end();
    // A file of any type (the workbench's) names its own Content-Type; else the declared one.
    else if (declared?.mediaType) res.type(reply.headers?.['Content-Type'] ?? declared.mediaType).send(reply.body);
    else res.json(reply.body);
  };
}

export function buildRouter(routes: readonly AnyRoute[], deps: RouterDeps): Router {
  const router = Router();
  const perCaller = limiter(
    deps.limits.perCaller,
    (req, res) => callerOf(res)?.credentialId ?? ipKeyGenerator(req.ip ?? ''),
  );
  const scrape = limiter(deps.limits.scrape, (req) => ipKeyGenerator(req.ip ?? ''));
  const extra = {
    perTarget: limiter(deps.limits.perTarget, targetKey),
    signIn: limiter(
      deps.limits.signIn,
      (req) => `${ipKeyGenerator(req.ip ?? '')}:${String((req.body as { login?: unknown } | undefined)?.login)}`,
    ),
  };
  // Only a route declared `form` (the buyer's page's post) reads a form's body: every other route
  // takes JSON alone, which a page on another site cannot post without the browser asking first.
  const form = urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });
  for (const route of routes) {
    const { limited } = route;
    const chain: RequestHandler[] = [
      ...(route.form ? [form] : []),
      identify(route, deps),
      limited === 'scrape' ? scrape : perCaller,
      guard(route, deps),
    ];
    if (limited && limited !== 'scrape') chain.push(extra[limited]);
    router[route.method](route.path, ...chain, handle(route, deps));
  }
  return router;
}
