import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `/metrics` for Prometheus, to callers that send `Authorization: Bearer <METRICS_TOKEN>`. Without
 * a token configured it does not exist (404), so it is never public by accident. The token is
 * compared by its hash in constant time: neither its content nor its length leaks through timing.
 */
export function metricsEndpoint(
  registry: Registry,
  token: string | undefined,
  read: () => Promise<string> = () => registry.metrics(),
) {
  const expected = token === undefined ? undefined : digest(token);
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    reply: (status: number, body: unknown) => void,
  ): Promise<void> => {
    if (!expected) return reply(404, { error: 'Not found' });
    res.setHeader('cache-control', 'no-store');
    const given = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      return reply(401, { error: 'Metrics need the bearer token METRICS_TOKEN' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return reply(405, { error: 'Read metrics with GET' });
    }
    const body = await read();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
