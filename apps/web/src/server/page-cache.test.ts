import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RenderedPage } from './cached-page';
import { PageCache } from './page-cache';

const OLD = 'T0xEbm9uY2VPTERub25jZQ==';

function rendered(text: string, headers: IncomingHttpHeaders = {}, status = 200): RenderedPage {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `script-src 'nonce-${OLD}' 'strict-dynamic'`,
      link: `</a.css>; rel=preload; nonce="${OLD}"`,
      'cache-control': 'private, no-cache',
      ...headers,
    },
    body: Buffer.from(`<script nonce="${OLD}">go()</script><p>${text}</p><i>${OLD}</i>`),
  };
}

let clock = 0;
let renders: string[] = [];
let next: () => RenderedPage | Promise<RenderedPage> = () => rendered('v1');
const after20ms = () => new Promise((r) => setTimeout(r, 20));
/** When a render finishes, once started: 20 ms later unless a test holds it longer. */
let rendering: () => Promise<unknown>;
/** Called as each request reaches the server, before the cache sees it. */
let onArrival: (count: number) => void;
let cache: PageCache;
let server: Server;
let origin = '';

beforeEach(async () => {
  clock = 1_000;
  renders = [];
  next = () => rendered('v1');
  rendering = after20ms;
  onArrival = () => {};
  let arrivals = 0;
  cache = new PageCache({
    maxBytes: 1024 * 1024,
    freshMs: 2000,
    staleMs: 2000,
    now: () => clock,
    render: async (req) => {
      renders.push(req.url ?? '');
      await rendering();
      return next();
    },
  });
  server = createServer((req, res) => {
    onArrival(++arrivals);
    void cache.serve(req, res, () => res.end('from next.js'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => new Promise<void>((r) => server.close(() => r())));

async function get(path = '/', headers: Record<string, string> = {}) {
  const res = await fetch(origin + path, {
    headers: { 'accept-encoding': 'identity', ...headers },
  });
  return { state: res.headers.get('x-page-cache'), res, text: await res.text() };
}
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

describe('page cache', () => {
  it('makes one render for 50 concurrent misses, and hands each a nonce of its own', async () => {
    // The render ends once all 50 are waiting for it, however slowly they arrive.
    const allArrived = new Promise<void>((resolve) => {
      onArrival = (count) => count === 50 && resolve();
    });
    rendering = () => allArrived;
    const all = await Promise.all(Array.from({ length: 50 }, () => get('/')));
    expect(renders).toEqual(['/']);
    expect(all.every((r) => r.state === 'MISS' && r.text.includes('<p>v1</p>'))).toBe(true);
    const nonces = all.map((r) => nonceOf(r.res.headers.get('content-security-policy')));
    expect(new Set(nonces).size).toBe(50);
    for (const [i, r] of all.entries()) {
      expect(r.text).not.toContain(OLD);
      expect(r.text).toBe(`<script nonce="${nonces[i]}">go()</script><p>v1</p><i>${nonces[i]}</i>`);
      expect(r.res.headers.get('link')).toBe(`</a.css>; rel=preload; nonce="${nonces[i]}"`);
    }
  });

  it('serves fresh pages, then stale ones while one refresh runs, then waits for a render', async () => {
    await get('/');
    clock += 1999;
    expect((await get('/')).state).toBe('HIT');
    next = () => rendered('v2');
    // The refresh ends once the three have been answered.
    let finishRefresh = () => {};
    rendering = () => new Promise<void>((resolve) => (finishRefresh = resolve));
    clock += 1;
    const stale = await Promise.all([get('/'), get('/'), get('/')]);
    finishRefresh();
    rendering = after20ms;
    expect(stale.map((r) => [r.state, r.text.includes('v1')])).toEqual([
      ['STALE', true],
      ['STALE', true],
      ['STALE', true],
    ]);
    await new Promise((r) => setTimeout(r, 50));
    expect(renders).toHaveLength(2);
    expect((await get('/')).text).toContain('v2');
    // Nobody asks for a while: the page is too old to serve at all.
    next = () => rendered('v3');
    clock += 4000;
    const late = await get('/');
    expect([late.state, late.text.includes('v3')]).toEqual(['MISS', true]);
  });

  it('never keeps a page that is not a 200 meant for anyone, and passes the key for a while', async () => {
    for (const page of [
      rendered('gone', {}, 404),
      rendered('cookie', { 'set-cookie': ['a=1'] }),
      rendered('private', { 'cache-control': 'no-store' }),
      rendered('gzip', { 'content-encoding': 'gzip' }),
    ]) {
      renders = [];
      next = () => page;
      clock += 10_000;
      expect((await get('/p/x')).text).toBe('from next.js');
      const again = await get('/p/x');
      expect([again.state, again.text]).toEqual(['PASS', 'from next.js']);
      expect(renders).toHaveLength(1);
    }
  });

  it('stops serving a page once its refresh is no longer a 200 (a product taken down)', async () => {
    await get('/p/x');
    next = () => rendered('gone', {}, 404);
    clock += 2500;
    expect((await get('/p/x')).state).toBe('STALE');
    await new Promise((r) => setTimeout(r, 50));
    expect(await get('/p/x')).toMatchObject({ state: 'PASS', text: 'from next.js' });
  });

  it('passes visitors with a session straight to Next.js, even with a cart', async () => {
    for (const cookie of ['bazaar_session=a.b', 'bazaar_cart=c; __Host-bazaar_session=a.b']) {
      expect(await get('/', { cookie })).toMatchObject({ state: 'BYPASS', text: 'from next.js' });
    }
    expect(renders).toEqual([]);
  });

  it('serves guests with a cart the page everyone gets', async () => {
    const anyone = await get('/p/x');
    const guest = await get('/p/x', { cookie: 'bazaar_cart=c' });
    expect([anyone.state, guest.state]).toEqual(['MISS', 'HIT']);
    const strip = (r: typeof guest) =>
      r.text.replaceAll(nonceOf(r.res.headers.get('content-security-policy')) ?? '', '');
    expect(strip(guest)).toBe(strip(anyone));
    expect(renders).toEqual(['/p/x']);
  });

  it('gzips for clients that take it, the same page with its own nonce', async () => {
    await get('/');
    const res = await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve) => {
      const u = new URL(origin);
      import('node:http').then(({ get: httpGet }) =>
        httpGet(
          { host: u.hostname, port: u.port, path: '/', headers: { 'accept-encoding': 'br, gzip' } },
          (r) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => resolve({ headers: r.headers, body: Buffer.concat(chunks) }));
          },
        ),
      );
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    const nonce = nonceOf(String(res.headers['content-security-policy']));
    expect(gunzipSync(res.body).toString()).toBe(
      `<script nonce="${nonce}">go()</script><p>v1</p><i>${nonce}</i>`,
    );
  });

  it('keeps its memory bound, evicting the least recently used pages', async () => {
    const small = new PageCache({
      maxBytes: 40_000,
      freshMs: 2000,
      staleMs: 2000,
      now: () => clock,
      render: async (req) => rendered(`${req.url} ${'x'.repeat(3000)}`),
    });
    server.removeAllListeners('request');
    server.on('request', (req, res) => void small.serve(req, res, () => res.end('from next.js')));
    for (let i = 0; i < 20; i++) await get(`/p/p${i}`);
    expect((await get('/p/p19')).state).toBe('HIT');
    expect((await get('/p/p0')).state).toBe('MISS');
  });

  it('passes a page too large to keep rather than rendering it for every visitor', async () => {
    const tiny = new PageCache({
      maxBytes: 8000,
      freshMs: 2000,
      staleMs: 2000,
      now: () => clock,
      render: async () => rendered('x'.repeat(5000)),
    });
    server.removeAllListeners('request');
    server.on('request', (req, res) => void tiny.serve(req, res, () => res.end('from next.js')));
    expect((await get('/')).text).toBe('from next.js');
    expect((await get('/')).state).toBe('PASS');
    expect(tiny.stats.renders).toBe(1);
  });
});
