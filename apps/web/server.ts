/**
 * The web app's HTTP server: Next.js behind node:http, so that each request's forwarding headers
 * are fixed before Next.js (and its rewrite proxy to the API) sees them, and so that a taken port
 * or a signal is handled the way the API handles it.
 *
 * `pnpm dev` runs this file with tsx and `--dev`; `pnpm build` bundles it to dist/server.js, which
 * `pnpm start` runs with node (a production build must exist: `next build`).
 */

import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { basename, dirname, join } from 'node:path';

const dev = process.argv.includes('--dev');
// Before Next.js (and React) are loaded: they pick their development or production build by it.
// (Next.js types NODE_ENV as read-only.)
const processEnv: Record<string, string | undefined> = process.env;
processEnv.NODE_ENV ??= dev ? 'development' : 'production';
processEnv.NEXT_TELEMETRY_DISABLED ??= '1';

const { env, isHttps } = await import('./src/env.ts').catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
const { setClientAddress, trustProxies } = await import('./src/security/client-address.ts');
const { STRICT_TRANSPORT_SECURITY } = await import('./src/security/content-security-policy.ts');
const { PageCache } = await import('./src/server/page-cache.ts');
const { createPageFill } = await import('./src/server/page-fill.ts');
const { applyPageCacheControl } = await import('./src/server/page-cache-control.ts');
const { honourKeepAliveHints } = await import('./src/server/keep-alive-hint.ts');
// Before Next.js's rewrite proxy keeps its first connection to the API.
honourKeepAliveHints();
const { default: next } = await import('next');

// This file runs from apps/web (tsx) or apps/web/dist (built); Next.js wants apps/web.
const here = import.meta.dirname;
const appDir = basename(here) === 'dist' ? dirname(here) : here;

if (!dev) checkBuiltApiUrl();

const server = createServer();
// A client or load balancer that reuses an idle keep-alive connection at the moment the server
// closes it gets a reset instead of a page. Node's 5 s default is shorter than what load balancers
// (60 s) and browsers keep; the API does the same.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
const app = next({
  dev,
  dir: appDir,
  hostname: env.WEB_HOST,
  port: env.WEB_PORT,
  httpServer: server,
});
const handle = app.getRequestHandler();
const trust = trustProxies(env.WEB_TRUSTED_PROXIES);

server.on('error', (err: NodeJS.ErrnoException) => {
  const where = `${env.WEB_HOST}:${env.WEB_PORT}`;
  if (err.code === 'EADDRINUSE') {
    console.error(`Bazaar web: port ${where} is already in use; set WEB_PORT to a free port.`);
  } else if (err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
    console.error(
      `Bazaar web: cannot listen on ${where} (${err.code}); check WEB_HOST and WEB_PORT.`,
    );
  } else {
    console.error('Bazaar web: server error', err);
  }
  process.exit(1);
});

const listening = new Promise<void>((resolve) =>
  server.listen(env.WEB_PORT, env.WEB_HOST, resolve),
);
const ready = listening.then(() => app.prepare());

// Public pages for anonymous visitors (src/server/page-cache.ts); not under `next dev`.
const cacheBytes = dev ? 0 : Math.floor(env.PAGE_CACHE_MB * 1024 * 1024);
const fill =
  cacheBytes > 0
    ? listening.then(() => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : env.WEB_PORT;
        const host = ['0.0.0.0', '::'].includes(env.WEB_HOST) ? 'localhost' : env.WEB_HOST;
        return createPageFill({ host, port, maxBytes: Math.floor(cacheBytes / 8) });
      })
    : undefined;
const pageCache = fill
  ? new PageCache({
      maxBytes: cacheBytes,
      freshMs: env.PAGE_CACHE_FRESH_MS,
      staleMs: env.PAGE_CACHE_STALE_MS,
      render: async (req, decision) => (await fill).render(req, decision),
    })
  : undefined;

server.on('request', (req, res) => {
  setClientAddress(req, trust);
  // Set before Next.js starts writing the response (it would drop later headers).
  if (isHttps) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  applyPageCacheControl(req, res);
  const render = () => handle(req, res);
  ready
    .then(async () => {
      const filling = fill ? (await fill).isFillRequest(req) : false;
      if (!pageCache || filling) return render();
      return pageCache.serve(req, res, render);
    })
    .catch((err: unknown) => failed(res, err));
});

// Upgraded connections (hot reload in development) are not closed by server.close().
const upgraded = new Set<Socket>();
server.on('upgrade', (_req, socket: Socket) => {
  upgraded.add(socket);
  socket.once('close', () => upgraded.delete(socket));
});

ready.then(
  () => {
    if (['warn', 'error', 'fatal', 'silent'].includes(env.LOG_LEVEL)) return;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.WEB_PORT;
    const host = ['0.0.0.0', '::'].includes(env.WEB_HOST) ? 'localhost' : env.WEB_HOST;
    const mode = dev ? 'development' : 'production';
    console.log(`Bazaar web listening on http://${host}:${port} (${mode}, API at ${env.API_URL})`);
  },
  (err: Error) => {
    console.error(`Bazaar web: Next.js could not start: ${err.message}`);
    process.exit(1);
  },
);

function failed(res: ServerResponse, err: unknown) {
  console.error('Bazaar web: request failed', err);
  if (!res.headersSent) res.statusCode = 500;
  res.end();
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Repeats are ignored: Ctrl-C under `pnpm start` arrives from the terminal and from pnpm.
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void shutdown();
  });
}

/** Stop accepting, let in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS), then exit 0. */
async function shutdown() {
  const timeout = new Promise<void>((resolve) =>
    setTimeout(resolve, env.SHUTDOWN_TIMEOUT_MS).unref(),
  );
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // The page cache's own keep-alive connections to this server.
  if (fill) (await fill).close();
  server.closeIdleConnections();
  for (const socket of upgraded) socket.destroy();
  await Promise.race([closed, timeout]);
  await Promise.race([app.close(), timeout]);
  process.exit(0);
}

/**
 * Next.js fixes its rewrites (`/trpc`, `/media` → the API) at build time. A build made for another
 * API_URL would send every API call elsewhere; refuse to start with it, saying what to do.
 */
function checkBuiltApiUrl() {
  let manifest: { rewrites?: { afterFiles?: { source: string; destination: string }[] } };
  try {
    manifest = JSON.parse(readFileSync(join(appDir, '.next', 'routes-manifest.json'), 'utf8'));
  } catch {
    return; // No build: Next.js itself says so when it prepares.
  }
  const trpc = manifest.rewrites?.afterFiles?.find((r) => r.source === '/trpc/:path*');
  const built = trpc?.destination.replace(/\/trpc\/:path\*$/, '');
  if (built && built !== env.API_URL) {
    console.error(
      `Bazaar web: this build sends API calls to ${built}, but API_URL is ${env.API_URL}; ` +
        'build again with the same API_URL (or PORT): pnpm build.',
    );
    process.exit(1);
  }
}
