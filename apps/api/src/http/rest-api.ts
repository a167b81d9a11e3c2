import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  appRouter,
  type Context,
  MAX_BODY_BYTES,
  type ProcedureMeta,
} from '@bazaar/contracts/server';
import { getErrorShape, type TRPCError } from '@trpc/server';
import { createOpenApiNodeHttpHandler, type OpenApiRouter } from 'trpc-to-openapi';
import { z } from 'zod';
import { type CsrfRefusal, crossSiteError, refuseCrossSite } from '../security/csrf.ts';
import { cacheControlFor, withCredentials } from './cache-policy.ts';
import { type OpenApiDocument, queryParameterTypes, REST_BASE } from './openapi-document.ts';
import { retryAfterOf } from './retry-after.ts';
import { closeIfBodyUnread } from './unread-body.ts';

export interface RestApiOptions {
  document: OpenApiDocument;
  allowedOrigins: ReadonlySet<string>;
  /** The same context as tRPC's: the caller from the session cookie. */
  createContext(req: IncomingMessage): Promise<Context>;
  /** Whether the answer made for this context sets a cookie (then it belongs to one browser). */
  setsCookie(ctx: Context): boolean;
  onError(opts: { error: TRPCError; path: string | undefined; req: IncomingMessage }): void;
}

type Procedure = { _def: { type: string; meta?: ProcedureMeta; inputs: unknown[] } };
type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>;
const accessOf = (path: string) => procedures[path]?._def.meta?.access.kind;

/**
 * The contract's REST routes (trpc-to-openapi's Node handler) under `/api/v1`: the same context
 * (cookie sessions), procedures and access checks as tRPC, and the same CSRF rules.
 * Errors answer in trpc-to-openapi's JSON shape: `code` (`NOT_FOUND`, `BAD_REQUEST`…), `message`,
 * `issues` for bad input, and the app's `data` (`appCode`, `fieldErrors`).
 */
export function createRestApi(opts: RestApiOptions): Handler {
  const queryTypes = queryParameterTypes(opts.document);
  const handler = createOpenApiNodeHttpHandler({
    router: restRouter(),
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req }) => opts.createContext(req),
    responseMeta: ({ type, paths, ctx, errors }) => {
      const headers: Record<string, string> = {
        'cache-control': cacheControlFor({
          type,
          paths,
          accessOf,
          signedIn: withCredentials(ctx),
          failed: errors.length > 0,
          streamed: false,
          setsCookie: !!ctx && opts.setsCookie(ctx),
        }),
      };
      const retryAfter = retryAfterOf(errors);
      if (retryAfter) headers['retry-after'] = retryAfter;
      // The rest of a body refused as too large is still on the connection: do not reuse it.
      if (errors.some((e) => e.code === 'PAYLOAD_TOO_LARGE')) headers.connection = 'close';
      return { headers };
    },
    onError: ({ error, path, req }) => opts.onError({ error, path, req }),
  });

  return async (req, res) => {
    const refusal = refuseMutation(req, opts.allowedOrigins);
    if (refusal) return refuse(req, res, refusal);
    const url = new URL(req.url ?? '/', 'http://localhost');
    // The contract declares its routes relative to the mount point.
    req.url = url.pathname.slice(REST_BASE.length) + url.search;
    const types = queryTypes(req.method, req.url);
    if (types) (req as IncomingMessage & { query?: unknown }).query = typedQuery(url, types);
    // The handler reads a JSON body only when the type is exactly `application/json`.
    if (req.headers['content-type']?.toLowerCase().startsWith('application/json'))
      req.headers['content-type'] = 'application/json';
    await handler(req, res);
  };
}

/**
 * The router the handler routes with: the contract's, each REST procedure's input parsers
 * replaced by a stand-in naming only its path parameters. trpc-to-openapi coerces query strings by
 * setting `coerce` on the fields of the input schema itself, in place; on the contract's schemas
 * that would change how tRPC validates too (`"false"` read as `true`, `""` as `0`). Calls still go
 * through `appRouter.createCaller`, so the contract's schemas validate every input; query strings
 * are typed beforehand from the document (`typedQuery`).
 */
function restRouter(): OpenApiRouter {
  const exposed = Object.entries(procedures).flatMap(([path, procedure]) => {
    const route = procedure._def.meta?.openapi;
    if (!route) return [];
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const standIn = z.looseObject(Object.fromEntries(pathParams.map((p) => [p, z.string()])));
    return [[path, { ...procedure, _def: { ...procedure._def, inputs: [standIn] } }]];
  });
  return {
    ...appRouter,
    _def: { ...appRouter._def, procedures: Object.fromEntries(exposed) },
  } as unknown as OpenApiRouter;
}

/**
 * Query values as the document types them (numbers and booleans from their usual spellings),
 * each a list as the handler expects. Anything else stays text, which the procedure's schema
 * then refuses with a field error.
 */
function typedQuery(url: URL, types: ReadonlyMap<string, string>): Record<string, unknown[]> {
  const query: Record<string, unknown[]> = {};
  for (const [key, raw] of url.searchParams) {
    const type = types.get(key);
    let value: unknown = raw;
    if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw))
      value = Number(raw);
    else if (type === 'boolean' && (raw === 'true' || raw === 'false')) value = raw === 'true';
    query[key] = [...(query[key] ?? []), value];
  }
  return query;
}

/**
 * tRPC's CSRF rules for requests that change state: a JSON body for POST/PUT/PATCH and no
 * cross-site browser origin. A DELETE has no body; a browser cannot send one cross-site without
 * a CORS preflight, which the API never grants, so only its origin is checked.
 */
function refuseMutation(req: IncomingMessage, allowedOrigins: ReadonlySet<string>) {
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  if (req.method === 'DELETE')
    return refuseCrossSite(req, allowedOrigins, {
      types: ['', 'application/json'],
      message: 'Send no body, or a JSON one',
    });
  return refuseCrossSite(req, allowedOrigins);
}

/** A refusal in the handler's error shape, with the app code tRPC clients get for it. */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: CsrfRefusal): void {
  const error = crossSiteError(refusal);
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: 'unknown',
    path: undefined,
    input: undefined,
    ctx: undefined,
  });
  // Refused before its body was read: the rest of it is still on the connection.
  closeIfBodyUnread(req, res);
  res.writeHead(refusal.status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify({ ...shape, code: error.code }));
}
