import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  type Actor,
  appRouter,
  type Context,
  MAX_BATCH_SIZE,
  MAX_BODY_BYTES,
  type ProcedureMeta,
} from '@bazaar/contracts/server';
import { renderDemoImage } from '@bazaar/db/seed';
import { TRPCError } from '@trpc/server';
import { createContext } from '../context.ts';
import type { Logger } from '../logger.ts';
import { demoImagePng } from '../media/demo-png.ts';
import type { MediaStore } from '../media/store.ts';
import { metricsReader } from '../observability/instance-metrics.ts';
import type { AppMetrics } from '../observability/metrics.ts';
import type { ReadinessReport } from '../observability/readiness.ts';
import type { TrustProxy } from '../security/client-ip.ts';
import type { CookieConfig } from '../security/cookies.ts';
import { crossSiteError, refuseCrossSite } from '../security/csrf.ts';
import type { ServerServices } from '../services/index.ts';
import { cacheControlFor, withCredentials } from './cache-policy.ts';
import { receiveCatalogCsv, sendCatalogCsv } from './catalog-csv.ts';
import { serveDocs } from './docs-page.ts';
import { endAfterReads } from './end-after-reads.ts';
import { trackAnswers } from './graceful-close.ts';
import { metricsEndpoint } from './metrics-endpoint.ts';
import { createOpenApiDocument, OPENAPI_JSON_PATH, REST_BASE } from './openapi-document.ts';
import { receivePaymentWebhook } from './payment-webhooks.ts';
import { procedureLabels, UNKNOWN } from './procedure-labels.ts';
import { requestIdOf } from './request-id.ts';
import { createRestApi } from './rest-api.ts';
import { retryAfterOf } from './retry-after.ts';
import { keepServed, ServedRequest, servedOf } from './served-request.ts';
import { isSitemapPath, serveSitemap } from './sitemaps.ts';
import { createTrpcNodeHandler } from './trpc-node-handler.ts';
import { closeIfBodyUnread } from './unread-body.ts';
import { receiveUpload, serveUpload, UPLOAD_CONTENT_TYPES } from './uploads.ts';

export interface HttpSecurity {
  /** Origins whose pages may send mutations: the shop's own public origin. */
  allowedOrigins: ReadonlySet<string>;
  cookie: CookieConfig;
  /** Hops whose X-Forwarded-For is believed (the web app's rewrite proxy). */
  trustProxy: TrustProxy;
  /** Send Strict-Transport-Security: the shop is served over HTTPS. */
  hsts: boolean;
}

export interface ApiServerDeps {
  services: ServerServices;
  log: Logger;
  /** `/readyz`: the database, Redis and the job queue, as configured. */
  readiness: () => Promise<ReadinessReport>;
  security: HttpSecurity;
  /** Uploaded catalog images. */
  media: MediaStore;
  /** Request, error and shop metrics; `/metrics` serves them to callers with `metricsToken`. */
  metrics?: AppMetrics;
  /** `METRICS_TOKEN`; without it `/metrics` answers 404. */
  metricsToken?: string;
}

const TRPC_BASE = '/trpc/';

const HSTS = 'max-age=63072000; includeSubDomains';

const accessKinds = new Map(
  Object.entries(appRouter._def.procedures).map(([path, procedure]) => [
    path,
    (procedure as unknown as { _def: { meta?: ProcedureMeta } })._def.meta?.access.kind,
  ]),
);

export function createApiServer(deps: ApiServerDeps): Server {
  const { services, log, readiness, security, media, metrics } = deps;
  // Only a configured endpoint asks the other instances (when there are several) for theirs.
  const serveMetrics =
    metrics &&
    metricsEndpoint(
      metrics.registry,
      deps.metricsToken,
      deps.metricsToken ? metricsReader(metrics.registry) : undefined,
    );
  const contextFor = (req: IncomingMessage): Promise<Context> => {
    const served = servedOf(req);
    if (!served) return Promise.reject(new Error('request state missing'));
    return createContext(services, served, security.cookie).then((ctx) => {
      noteCaller(served, ctx.actor);
      keepServed(ctx, served);
      return ctx;
    });
  };
  const setsCookie = (ctx: object | undefined) => servedOf(ctx)?.setsCookie ?? false;
  const logFailure = (error: TRPCError, path: string | undefined, req: IncomingMessage) => {
    metrics?.http.procedureError(path && accessKinds.has(path) ? path : UNKNOWN, error.code);
    const reqLog = servedOf(req)?.log ?? log;
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      reqLog.error({ err: error.cause ?? error, path }, 'procedure failed');
    } else {
      reqLog.info({ code: error.code, path, msg: error.message }, 'procedure rejected');
    }
  };
  const trpc = createTrpcNodeHandler({
    router: appRouter,
    basePath: TRPC_BASE,
    maxBatchSize: MAX_BATCH_SIZE,
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req }) => contextFor(req),
    responseMeta: ({ errors, paths, type, ctx, eagerGeneration }) => {
      const headers: Record<string, string> = {};
      // Rate-limited callers learn when to come back, in the body (data) and the standard header.
      const retryAfter = errors.length ? retryAfterOf(errors) : undefined;
      if (retryAfter) headers['retry-after'] = retryAfter;
      headers['cache-control'] = cacheControlFor({
        type,
        paths,
        accessOf: (path) => accessKinds.get(path),
        signedIn: withCredentials(ctx),
        failed: errors.length > 0,
        streamed: eagerGeneration,
        setsCookie: setsCookie(ctx),
      });
      return { headers };
    },
    // tRPC takes mutations only by POST (a GET to one is 405), so POST is what needs guarding.
    refuse: (req) => {
      const refusal = req.method === 'POST' ? refuseCrossSite(req, security.allowedOrigins) : null;
      return refusal && crossSiteError(refusal);
    },
    onError: ({ error, path, req }) => logFailure(error, path, req),
    // Known procedures only, so they are the labels procedureLabels would find in the URL.
    planned: (req, paths) => {
      const served = servedOf(req);
      if (served) served.procedures = paths;
    },
  });
  // Made once: the document describes the contract, which does not change while the API runs.
  const openApiDocument = createOpenApiDocument(security.cookie);
  const openApiJson = JSON.stringify(openApiDocument);
  const rest = createRestApi({
    document: openApiDocument,
    allowedOrigins: security.allowedOrigins,
    createContext: contextFor,
    setsCookie,
    onError: ({ error, path, req }) => logFailure(error, path, req),
  });

  const server = createServer();
  const answering = trackAnswers(server);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    answering(req, res);
    const requestId = requestIdOf(req);
    res.setHeader('x-content-type-options', 'nosniff');
    if (security.hsts) res.setHeader('strict-transport-security', HSTS);
    const served = new ServedRequest(requestId, req, res, log, security.trustProxy);
    keepServed(req, served);
    res.setHeader('x-request-id', requestId);
    const logging = log.isLevelEnabled('info');
    if (logging || metrics)
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const procedures =
          served.route === 'trpc'
            ? (served.procedures ??
              procedureLabels(req.url ?? '', TRPC_BASE, accessKinds, MAX_BATCH_SIZE))
            : undefined;
        if (metrics)
          for (const label of procedures ?? [served.route])
            metrics.http.request(label, res.statusCode, ms / 1e3);
        if (!logging) return;
        // Never the query string (tRPC queries carry their input there) nor headers or bodies.
        served.log.info(
          {
            method: req.method,
            url: req.url?.split('?')[0],
            ...(procedures ? { procedures } : { route: served.route }),
            status: res.statusCode,
            ms,
            userId: served.userId,
            apiKeyId: served.apiKeyId,
          },
          'request',
        );
      });
    // tRPC, most of the traffic, is sent on before the other routes' (larger) async function.
    const answered = isTrpcPath(req.url ?? '/') ? trpcRoute(req, res, served) : route(req, res);
    answered.catch((err: unknown) => {
      served.log.error({ err }, 'unhandled request failure');
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error' });
      else res.destroy();
    });
  });
  // The web app's rewrite proxy reuses keep-alive connections. If the API closed an idle one at
  // the moment the proxy reused it, the shopper would get a 500; so the API keeps idle
  // connections longer than proxies do (Node's 5 s default is shorter than most), and the web
  // server lets its own go well before the `Keep-Alive: timeout=65` announced here
  // (apps/web/src/server/keep-alive-hint.ts).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;

  function trpcRoute(req: IncomingMessage, res: ServerResponse, served: ServedRequest) {
    served.route = 'trpc';
    return trpc(req, res);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const served = servedOf(req) as ServedRequest;
    if (path === OPENAPI_JSON_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      served.route = OPENAPI_JSON_PATH;
      res.setHeader('cache-control', 'no-cache');
      return sendJson(res, 200, openApiDocument, openApiJson);
    }
    if (path.startsWith(`${REST_BASE}/`)) {
      served.route = REST_BASE;
      return rest(req, res);
    }
    if ((path === '/docs' || path.startsWith('/docs/')) && (await serveDocs(req, res, path))) {
      served.route = '/docs';
      return;
    }
    const webhook = /^\/webhooks\/payments\/([a-z]+)$/.exec(path);
    if (webhook?.[1]) {
      served.route = '/webhooks/payments/:provider';
      return receivePaymentWebhook(
        req,
        services.payments,
        webhook[1],
        served.log,
        (status, body) => {
          res.setHeader('cache-control', 'no-store');
          sendJson(res, status, body);
        },
      );
    }
    if (path === '/healthz') {
      served.route = '/healthz';
      return sendJson(res, 200, { status: 'ok' });
    }
    if (path === '/readyz') {
      served.route = '/readyz';
      const report = await readiness();
      res.setHeader('cache-control', 'no-store');
      return sendJson(res, report.status === 'ready' ? 200 : 503, report);
    }
    if (path === '/metrics' && serveMetrics) {
      served.route = '/metrics';
      return serveMetrics(req, res, (status, body) => sendJson(res, status, body));
    }
    if (path === '/files/products.csv') {
      served.route = '/files/products.csv';
      if (req.method === 'POST') return importCsv(req, res);
      if (req.method !== 'GET')
        return sendJson(res, 405, { error: 'Download with GET, import with POST' });
      if (!(await catalogEditor(req, res))) return;
      return sendCatalogCsv(res, services.catalogCsv());
    }
    if (path === '/media/uploads') {
      served.route = '/media/uploads';
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'Upload with POST' });
      return upload(req, res);
    }
    const stored = /^\/media\/uploads\/([^/]+)\/([^/]+)$/.exec(path);
    if (stored?.[1] && stored[2] && (req.method === 'GET' || req.method === 'HEAD')) {
      served.route = '/media/uploads/:id/:name';
      if (await serveUpload(req, res, media, stored[1], stored[2])) return;
      return sendJson(res, 404, { error: 'Not found' });
    }
    if (isSitemapPath(path) && (req.method === 'GET' || req.method === 'HEAD')) {
      served.route = '/sitemap';
      if (await serveSitemap(req, res, path, services.sitemaps)) return;
    }
    const demo = /^\/media\/demo\/([a-z0-9_-]+)\.(svg|png)$/.exec(path);
    if (demo?.[1] && (req.method === 'GET' || req.method === 'HEAD')) {
      served.route = '/media/demo/:image';
      const head = req.method === 'HEAD';
      if (demo[2] === 'png') {
        const png = await demoImagePng(demo[1]);
        if (png === 'busy') {
          res.setHeader('retry-after', '1');
          return sendJson(res, 503, { error: 'Busy drawing pictures; try again' });
        }
        if (png !== 'unknown') {
          res.writeHead(200, {
            'content-type': 'image/png',
            'content-length': png.length,
            'cache-control': 'public, max-age=86400',
          });
          res.end(head ? undefined : png);
          return;
        }
      } else {
        const svg = renderDemoImage(demo[1]);
        if (svg) {
          res.writeHead(200, {
            'content-type': 'image/svg+xml; charset=utf-8',
            'cache-control': 'public, max-age=86400',
            'x-content-type-options': 'nosniff',
            'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          });
          res.end(head ? undefined : svg);
          return;
        }
      }
    }
    sendJson(res, 404, { error: 'Not found' });
  }

  /** A catalog image from staff who may edit the catalog; the same CSRF rules as mutations. */
  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.setHeader('cache-control', 'no-store');
      sendJson(res, status, body);
    };
    const refusal = refuseCrossSite(req, security.allowedOrigins, {
      types: UPLOAD_CONTENT_TYPES,
      message:
        'Upload the image itself as the body (content-type: image/… or application/octet-stream)',
    });
    if (refusal) return reply(refusal.status, { error: refusal.message });
    if (!(await catalogEditor(req, res))) return;
    await receiveUpload(req, media, reply);
  }

  /** A CSV import: checked as a whole here, applied row by row in the background (202 + id). */
  async function importCsv(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    const refusal = refuseCrossSite(req, security.allowedOrigins, {
      types: ['text/csv'],
      message: 'Send the CSV file itself as the body (content-type: text/csv)',
    });
    if (refusal) return sendJson(res, refusal.status, { error: refusal.message });
    const actorId = await catalogEditor(req, res);
    if (!actorId) return;
    await receiveCatalogCsv(
      req,
      actorId,
      services.catalogImport,
      (status, body) => sendJson(res, status, body),
      servedOf(req)?.log ?? log,
    );
  }

  /** Whether the caller's session is a staff member with `catalog:write`; answers 401/403 if not. */
  async function catalogEditor(req: IncomingMessage, res: ServerResponse): Promise<string | false> {
    res.setHeader('cache-control', 'no-store');
    let actor: Actor;
    try {
      ({ actor } = await contextFor(req));
    } catch (err) {
      if (!(err instanceof TRPCError) || err.code !== 'UNAUTHORIZED') throw err;
      sendJson(res, 401, { error: err.message });
      return false;
    }
    if (actor.kind === 'anonymous') {
      sendJson(res, 401, { error: 'Sign in required' });
      return false;
    }
    if (actor.kind === 'customer' || !actor.permissions.has('catalog:write')) {
      sendJson(res, 403, { error: 'Requires permission catalog:write' });
      return false;
    }
    return actor.userId;
  }
}

/** `/trpc` and everything under `/trpc/`, whatever the query string. */
function isTrpcPath(url: string): boolean {
  return url.startsWith(TRPC_BASE) || url === '/trpc' || url.startsWith('/trpc?');
}

/** Who the request log line names. */
function noteCaller(state: ServedRequest, actor: Actor): void {
  if (actor.kind === 'anonymous') return;
  state.userId = actor.userId;
  if (actor.kind === 'apiKey') state.apiKeyId = actor.keyId;
}

function sendJson(res: ServerResponse, status: number, body: unknown, json?: string): void {
  // Answered before the request body was read (a 413): the rest of it is still on the
  // connection, so it must not be reused (the web app's proxy would send the next request into
  // it and answer that one 500).
  closeIfBodyUnread(res.req, res);
  res.writeHead(status, { 'content-type': 'application/json' });
  endAfterReads(res, json ?? JSON.stringify(body));
}
