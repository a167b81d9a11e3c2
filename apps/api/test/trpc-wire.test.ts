import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appRouter, createClient, MAX_BATCH_SIZE, MAX_BODY_BYTES } from '@bazaar/contracts/server';
import { createTRPCClient, httpBatchStreamLink } from '@trpc/client';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { pino } from 'pino';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context.ts';
import { cacheControlFor } from '../src/http/cache-policy.ts';
import { etagOf } from '../src/http/conditional.ts';
import { createTrpcNodeHandler } from '../src/http/trpc-node-handler.ts';
import { useTestApp } from './helpers.ts';

/**
 * The lean tRPC handler against tRPC's own Node adapter, side by side on the same router and
 * services: every request below must get the same status, body and headers from both.
 */
const app = useTestApp();
const servers: Server[] = [];
let fastUrl = '';
let stockUrl = '';

function handlerOptions() {
  return {
    router: appRouter,
    basePath: '/trpc/',
    maxBatchSize: MAX_BATCH_SIZE,
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req }: { req: IncomingMessage }) =>
      createContext(
        app().services,
        {
          requestId: 'wire',
          log: pino({ level: 'silent' }),
          client: { ip: '127.0.0.1', userAgent: null },
          cookieHeader: req.headers.cookie,
          authorization: req.headers.authorization,
          setCookie: () => {},
        },
        { secure: false },
      ),
    // The server's cache policy (its cookie and session inputs are covered by http-cache.test).
    responseMeta: (opts: {
      type: string;
      paths: readonly string[] | undefined;
      errors: unknown[];
      eagerGeneration: boolean;
    }) => ({
      headers: {
        'cache-control': cacheControlFor({
          type: opts.type,
          paths: opts.paths,
          accessOf: (path) => (path.startsWith('catalog.') ? 'public' : 'customer'),
          signedIn: false,
          failed: opts.errors.length > 0,
          streamed: opts.eagerGeneration,
          setsCookie: false,
        }),
      },
    }),
  };
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  fastUrl = await listen(createTrpcNodeHandler(handlerOptions()));
  stockUrl = await listen(createHTTPHandler(handlerOptions()));
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | undefined>;
  chunked: boolean;
}

/** A raw HTTP request (so a body can be sent without a Content-Length). */
function send(
  base: string,
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: init.method ?? 'GET', headers: init.headers });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          headers: {
            'content-type': res.headers['content-type'],
            vary: res.headers.vary,
            'cache-control': res.headers['cache-control'],
            etag: res.headers.etag,
          },
          // tRPC's adapter streams its answer; the lean handler sends it whole, with a length.
          chunked: res.headers['transfer-encoding'] === 'chunked',
        }),
      );
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

const json = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const POST = (body: string) => ({
  method: 'POST',
  body,
  headers: { 'content-type': 'application/json' },
});

const cases: [string, string, Parameters<typeof send>[2]?][] = [
  ['a query without input', '/trpc/catalog.categories'],
  ['a query with input', `/trpc/catalog.products.list?input=${json({ json: { limit: 2 } })}`],
  [
    'invalid input (field errors)',
    `/trpc/catalog.products.list?input=${json({ json: { limit: 1000 } })}`,
  ],
  ['a domain error', `/trpc/catalog.products.bySlug?input=${json({ json: { slug: 'nope' } })}`],
  ['missing input', '/trpc/catalog.products.bySlug'],
  ['input that is not JSON', '/trpc/catalog.products.list?input=%7Bnope'],
  [
    'a batch of public queries',
    `/trpc/catalog.categories,catalog.products.list?batch=1&input=${json({ 1: { json: { limit: 2 } } })}`,
  ],
  [
    'a batch with a success and a failure (207)',
    `/trpc/catalog.categories,catalog.products.bySlug?batch=1&input=${json({ 1: { json: { slug: 'nope' } } })}`,
  ],
  [
    'a batch with only failures',
    `/trpc/catalog.products.bySlug,catalog.products.bySlug?batch=1&input=%7B%7D`,
  ],
  ['a batch whose input is not an object', `/trpc/catalog.categories?batch=1&input=${json([1])}`],
  [
    'a query with a JSON content type',
    '/trpc/catalog.categories',
    { headers: { 'content-type': 'application/json' } },
  ],
  [
    'a mutation with invalid input',
    '/trpc/cart.add',
    POST(JSON.stringify({ json: { variantId: 'x', quantity: -1 } })),
  ],
  ['a mutation whose body is not JSON', '/trpc/cart.add', POST('{"json":')],
  ['a mutation with an empty body', '/trpc/cart.add', POST('')],
  [
    'a mutation its caller may not make',
    '/trpc/account.updateProfile',
    POST(JSON.stringify({ json: { name: 'x' } })),
  ],
  [
    'a batch of mutations',
    '/trpc/cart.add,account.updateProfile?batch=1',
    POST(JSON.stringify({ 0: { json: { variantId: 'x' } }, 1: { json: { name: 'x' } } })),
  ],
];
/** Requests the lean handler leaves to tRPC's own. */
const handedOver: typeof cases = [
  ['an unknown procedure', '/trpc/catalog.nothing'],
  ['a mutation by GET', '/trpc/cart.add'],
  ['a query by POST', '/trpc/catalog.categories', POST('{}')],
  [
    'an oversized batch',
    `/trpc/${Array(MAX_BATCH_SIZE + 1)
      .fill('catalog.categories')
      .join(',')}?batch=1`,
  ],
  [
    'a form post',
    '/trpc/cart.add',
    {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  ],
];

async function compare(path: string, init: Parameters<typeof send>[2]) {
  const [fast, stock] = await Promise.all([send(fastUrl, path, init), send(stockUrl, path, init)]);
  expect(fast.status).toBe(stock.status);
  expect(fast.body).toBe(stock.body);
  // tRPC's adapter streams and so has no ETag; the lean handler tags exactly what may be kept.
  const { etag, ...headers } = fast.headers;
  expect(headers).toEqual({ ...stock.headers, etag: undefined });
  expect(stock.headers.etag).toBeUndefined();
  expect(etag).toBe(
    fast.status === 200 && fast.headers['cache-control']?.startsWith('public')
      ? etagOf(stock.body)
      : undefined,
  );
  expect(stock.chunked).toBe(true);
  return fast;
}

describe('the lean tRPC handler answers exactly as tRPC’s Node adapter', () => {
  it.each(cases)('%s', async (_name, path, init) => {
    expect((await compare(path, init)).chunked).toBe(false);
  });
  it.each(handedOver)('%s (handed to tRPC’s adapter)', async (_name, path, init) => {
    expect((await compare(path, init)).chunked).toBe(true);
  });
});

describe('the lean tRPC handler', () => {
  it('refuses a body over the limit sent without a length (413) and closes the connection', async () => {
    const body = JSON.stringify({ json: { note: 'x'.repeat(MAX_BODY_BYTES) } });
    const answer = await new Promise<{ status: number; connection?: string; body: string }>(
      (resolve, reject) => {
        const req = request(`${fastUrl}/trpc/cart.add`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk;
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              connection: res.headers.connection,
              body: text,
            }),
          );
        });
        req.on('error', reject);
        req.write(body.slice(0, 1000));
        setTimeout(() => req.end(body.slice(1000)), 20);
      },
    );
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body).error.json.data.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the typed client, batched, and the streaming link through tRPC’s adapter', async () => {
    const client = createClient({ url: `${fastUrl}/trpc` });
    const [categories, page] = await Promise.all([
      client.catalog.categories.query(),
      client.catalog.products.list.query({ limit: 2 }),
    ]);
    expect(categories.length).toBeGreaterThan(0);
    expect(page.items).toHaveLength(2);

    const streaming = createTRPCClient<typeof appRouter>({
      links: [httpBatchStreamLink({ url: `${fastUrl}/trpc`, transformer: superjson })],
    });
    const streamed = await streaming.catalog.products.list.query({ limit: 2 });
    expect(streamed.items.map((p) => p.id)).toEqual(page.items.map((p) => p.id));
  });

  it('tags cacheable answers and answers 304 without a body when the client holds the tag', async () => {
    const path = `/trpc/catalog.categories,catalog.products.list?batch=1&input=${json({ 1: { json: { limit: 2 } } })}`;
    const first = await send(fastUrl, path);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d, stale-while-revalidate=/);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, `W/"a",W/${etag}`, '*']) {
      const again = await send(fastUrl, path, { headers: { 'if-none-match': ifNoneMatch } });
      expect(again.status).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
      expect(again.headers.vary).toBe(first.headers.vary);
    }
    for (const ifNoneMatch of ['"other"', `${etag.slice(0, -2)}"`, `W/"x", "y"`]) {
      const changed = await send(fastUrl, path, { headers: { 'if-none-match': ifNoneMatch } });
      expect(changed.status).toBe(200);
      expect(changed.body).toBe(first.body);
    }
  });

  it('never answers 304 to an error or a mutation, and tags neither', async () => {
    const missing = `/trpc/catalog.products.bySlug?input=${json({ json: { slug: 'nope' } })}`;
    const error = await send(fastUrl, missing, { headers: { 'if-none-match': '*' } });
    expect(error.status).toBe(404);
    expect(error.headers['cache-control']).toBe('no-store');
    expect(error.headers.etag).toBeUndefined();
    const mutation = await send(fastUrl, '/trpc/cart.add', {
      ...POST(JSON.stringify({ json: { variantId: 'x', quantity: 1 } })),
      headers: { 'content-type': 'application/json', 'if-none-match': '*' },
    });
    expect(mutation.status).toBe(400);
    expect(mutation.headers['cache-control']).toBe('no-store');
    expect(mutation.headers.etag).toBeUndefined();
  });

  it('marks a streamed answer no-store: its errors are not known when its headers are sent', async () => {
    const path = `/trpc/catalog.categories,catalog.products.bySlug?batch=1&input=${json({ 1: { json: { slug: 'nope' } } })}`;
    const streamed = await send(fastUrl, path, { headers: { 'trpc-accept': 'application/jsonl' } });
    expect(streamed.chunked).toBe(true);
    expect(streamed.headers['cache-control']).toBe('no-store');
    expect(streamed.headers.etag).toBeUndefined();
  });

  it('creates the context once for a whole batch', async () => {
    let contexts = 0;
    const url = await listen(
      createTrpcNodeHandler({
        ...handlerOptions(),
        createContext: (opts) => {
          contexts++;
          return handlerOptions().createContext(opts);
        },
      }),
    );
    const res = await fetch(
      `${url}/trpc/catalog.categories,catalog.categories,catalog.categories?batch=1`,
    );
    expect(res.status).toBe(200);
    expect(contexts).toBe(1);
  });
});
