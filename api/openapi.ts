// The API's OpenAPI 3.1 document, served at /openapi.json, made from the route table: paths,
// parameters, bodies and every answer come from the zod schemas the router validates with and
// checks answers against, and the guard's own answers (400, 401, 403, 404, 429, 503) are listed
// where the guard can give them.
import type { z } from 'zod';
import { inputSchema, jsonSchema } from './json-schema';
import { errorBody } from './response-schemas';
import type { AnyRoute, ResponseSpec } from './route-table';

const json = (schema: object) => ({ 'application/json': { schema } });
const ERROR_REF = { $ref: '#/components/schemas/Error' };

function responseObject(spec: ResponseSpec) {
  if (!spec.schema) return { description: spec.description };
  if (spec.mediaType)
    return {
      description: spec.description,
      content: { [spec.mediaType]: { schema: jsonSchema(spec.schema, 'output') } },
    };
  const content = json(spec.schema === errorBody ? ERROR_REF : jsonSchema(spec.schema, 'output'));
  return {
    description: spec.description,
    content: spec.html
      ? {
          ...content,
          'text/html': {
            schema: { type: 'string', description: 'The page, for a caller whose Accept prefers text/html' },
          },
        }
      : content,
  };
}

/** JSON, and for a route that takes a form the same fields as application/x-www-form-urlencoded. */
function requestContent(route: AnyRoute, schema: object) {
  return route.form ? { ...json(schema), 'application/x-www-form-urlencoded': { schema } } : json(schema);
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const document = inputSchema(schema) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(document.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (document.required ?? []).includes(name),
    schema: property,
    ...(property.description ? { description: property.description } : {}),
  }));
}

/** The statuses the guard and the error handler answer before or around the handler. */
export function guardResponses(route: AnyRoute): Record<number, ResponseSpec> {
  const { access } = route;
  const guard: Record<number, ResponseSpec> = {};
  const takesInput =
    route.params ||
    route.query ||
    route.body ||
    (access.kind === 'shop' && access.from !== 'params' && access.from !== 'task');
  if (takesInput)
    guard[400] = {
      description: 'Invalid request; every bad field is named (invalid_request, invalid_json)',
      schema: errorBody,
    };
  if (access.kind !== 'public') {
    guard[401] = {
      description: `No valid credential (unauthenticated, credential_revoked, credential_expired)${access.kind === 'shop' && access.signed ? '; or, where the shop requires signed posts, an unsigned, wrongly signed or stale one (signature_missing, signature_invalid, signature_stale)' : ''}`,
      schema: errorBody,
    };
  }
  if (access.kind === 'shop') {
    guard[403] = {
      description: `The caller's role in the shop is not one of: ${access.roles.join(', ')} (forbidden)`,
      schema: errorBody,
    };
    guard[404] = {
      description: "Not in a shop the caller belongs to (not_found): another shop's ids answer as unknown ones",
      schema: errorBody,
    };
  }
  if (route.body) guard[413] = { description: 'The body is larger than 1 MB (body_too_large)', schema: errorBody };
  guard[429] = { description: 'Over a rate limit (rate_limited); Retry-After says when to retry', schema: errorBody };
  guard[503] = {
    description:
      'The database or Temporal is not answering (database_unavailable, temporal_unavailable); Retry-After says when to retry',
    schema: errorBody,
  };
  return guard;
}

/** Every status a route can answer: its own, and the guard's (a 404 the route declares keeps its own words and adds the guard's). */
export function documentedResponses(route: AnyRoute): Record<number, ResponseSpec> {
  const merged: Record<number, ResponseSpec> = { ...guardResponses(route) };
  for (const [status, spec] of Object.entries(route.responses)) {
    const guard = merged[Number(status)];
    merged[Number(status)] =
      guard && guard.schema === errorBody && spec.schema === errorBody
        ? { ...spec, description: `${spec.description}; ${guard.description}` }
        : spec;
  }
  return merged;
}

function security(route: AnyRoute) {
  if (route.access.kind === 'public') return [];
  return [
    { bearer: [] },
    { sessionCookie: [] },
    ...(route.access.kind === 'shop' && route.access.signed ? [{ platformSignature: [] }] : []),
  ];
}

function accessText(route: AnyRoute): string {
  const { access } = route;
  if (access.kind === 'public') return `Public: ${access.why}.`;
  if (access.kind === 'signedIn') return 'Any signed-in caller, about itself.';
  return `Roles: ${access.roles.join(', ')} in the shop named by the ${access.from === 'task' ? 'task' : access.from === 'params' ? 'path' : access.from}.`;
}

export function openApiDocument(routes: readonly AnyRoute[]) {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      tags: [route.tag],
      summary: route.summary,
      description: [route.description, accessText(route)].filter(Boolean).join('\n\n'),
      'x-access': route.access,
      security: security(route),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: requestContent(route, route.bodyDocument ?? inputSchema(route.body)),
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(documentedResponses(route)).map(([status, spec]) => [status, responseObject(spec)]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Shop back office API',
      version: '0.2.0',
      description:
        "Starts and feeds the durable workflows that carry each order of an online shop, and serves the shop's settings, the agents' tasks and the figures. " +
        'Every route but the public ones needs a credential: an API key (machines) or a session token from POST /sessions (people), as Authorization: Bearer.',
    },
    security: [{ bearer: [] }, { sessionCookie: [] }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBody, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key (bok_…) or a session token (bos_…)' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'bo_session',
          description: 'The session a browser keeps after POST /sessions',
        },
        platformSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Backoffice-Signature',
          description:
            'v1=<hex HMAC-SHA256(secret, "<X-Backoffice-Timestamp>.<raw body>")> with the shop\'s platform signing secret',
        },
      },
    },
  };
}
