import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Agent, type IncomingMessage, request } from 'node:http';
import { CURRENCY_COOKIE } from '../lib/currency.ts';
import type { RenderedPage } from './cached-page.ts';
import { type CacheDecision, type RequestLike, RSC_HEADERS } from './page-cache-key.ts';

/**
 * Renders pages for the cache by asking this very server for them, as an anonymous visitor with
 * only the currency cookie. The request carries a per-process secret header, so the server lets
 * it through to Next.js instead of answering it from the cache; nobody else can make it do so.
 */
const FILL_HEADER = 'x-bazaar-page-fill';

export function createPageFill({
  host,
  port,
  maxBytes,
  timeoutMs = 30_000,
  concurrency = 4,
}: {
  host: string;
  port: number;
  maxBytes: number;
  timeoutMs?: number;
  /** Renders at once; more wait for a socket (the machine has few cores to render on). */
  concurrency?: number;
}) {
  const token = randomBytes(16).toString('hex');
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

  /** Whether `req` is one of our renders; removes the secret header either way. */
  function isFillRequest(req: IncomingMessage): boolean {
    const given = req.headers[FILL_HEADER];
    if (given === undefined) return false;
    delete req.headers[FILL_HEADER];
    if (typeof given !== 'string' || given.length !== token.length) return false;
    return timingSafeEqual(Buffer.from(given), Buffer.from(token));
  }

  function render(
    req: RequestLike,
    decision: Extract<CacheDecision, { cacheable: true }>,
  ): Promise<RenderedPage | null> {
    const headers: Record<string, string> = { [FILL_HEADER]: token };
    for (const name of ['host', 'user-agent', 'accept', ...RSC_HEADERS] as const) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (decision.currency) headers.cookie = `${CURRENCY_COOKIE}=${decision.currency}`;
    return new Promise((resolve, reject) => {
      const call = request(
        { host, port, path: req.url, method: 'GET', headers, agent, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              res.destroy();
              resolve(null);
            } else chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      call.on('timeout', () => call.destroy(new Error(`no page within ${timeoutMs} ms`)));
      call.on('error', reject);
      call.end();
    });
  }

  return { isFillRequest, render, close: () => agent.destroy() };
}
