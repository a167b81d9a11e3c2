/**
 * One benchmark target per process, so the load generator never shares an event loop with it.
 *   tsx bench/server.ts trpc         → Bazaar's HTTP server (stub services, real router + adapter)
 *   tsx bench/server.ts bare <file>  → bare node:http answering every request with the file's bytes
 * Prints the listening port on stdout.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { httpSecurityFor } from '../apps/api/src/app.ts';
import { loadEnv } from '../apps/api/src/env.ts';
import { createApiServer } from '../apps/api/src/http/server.ts';
import { createMediaStore } from '../apps/api/src/media/store.ts';
import { createMetrics } from '../apps/api/src/observability/metrics.ts';
import { uploadDirFor } from '../apps/api/src/paths.ts';
import { stubServices } from './stub-services.ts';

/** The API with its default configuration, as `pnpm start` would build it. */
function bazaarServer(): Server {
  const env = loadEnv({});
  return createApiServer({
    services: stubServices,
    log: pino({ level: 'silent' }),
    readiness: async () => ({ status: 'ready', checks: {} }),
    security: httpSecurityFor(env),
    media: createMediaStore(uploadDirFor(env), env.UPLOAD_MAX_MB * 1024 * 1024),
    // Counted as in production, so the benchmark includes the metrics' cost.
    metrics: createMetrics(),
  });
}

function bareServer(bodyFile: string): Server {
  const body = readFileSync(bodyFile);
  return createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
}

const [mode, bodyFile] = process.argv.slice(2);
let server: Server;
if (mode === 'trpc') server = bazaarServer();
else if (mode === 'bare' && bodyFile) server = bareServer(bodyFile);
else throw new Error('usage: server.ts trpc | bare <body-file>');

server.listen(0, '127.0.0.1', () => {
  console.log((server.address() as AddressInfo).port);
});
