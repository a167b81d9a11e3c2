import { createClient, MAX_BATCH_SIZE, MAX_BODY_BYTES } from '@bazaar/contracts/server';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers.ts';

let calls = 0;
const app = useTestApp({
  wrap: (real) => ({
    ...real,
    catalog: {
      ...real.catalog,
      listCategories: (input) => {
        calls++;
        return real.catalog.listCategories(input);
      },
      productBySlug: async (input) => {
        if (input.slug === 'explode')
          throw new Error('connection to 10.0.0.7 refused: secret detail');
        return real.catalog.productBySlug(input);
      },
    },
  }),
});

const client = () => createClient({ url: `${app().url}/trpc` });

/** The `data` of a tRPC error answer (the first call's, for a batch), with its app code. */
async function trpcErrorData(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as unknown;
  const envelope = (Array.isArray(body) ? body[0] : body) as {
    error: { json: { data: Record<string, unknown> } };
  };
  const { data } = envelope.error.json;
  expect(typeof data.appCode).toBe('string');
  return data;
}

describe('typed client over HTTP', () => {
  it('lists products and fetches one by slug', async () => {
    const page = await client().catalog.products.list.query({ limit: 3 });
    expect(page.items).toHaveLength(3);
    const first = page.items[0];
    if (!first) throw new Error('empty page');
    const product = await client().catalog.products.bySlug.query({ slug: first.slug });
    expect(product.id).toBe(first.id);
  });

  it('reports limit 1000 as BAD_REQUEST with a field error on limit', async () => {
    const error = await client()
      .catalog.products.list.query({ limit: 1000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const { data } = error as TRPCClientError<import('@bazaar/contracts').AppRouter>;
    expect(data?.code).toBe('BAD_REQUEST');
    expect(data?.httpStatus).toBe(400);
    expect(Object.keys(data?.fieldErrors ?? {})).toEqual(['limit']);
  });

  it('reports an unknown slug as NOT_FOUND (404)', async () => {
    const error = (await client()
      .catalog.products.bySlug.query({ slug: 'no-such-product' })
      .catch((e: unknown) => e)) as TRPCClientError<import('@bazaar/contracts').AppRouter>;
    expect(error.data?.code).toBe('NOT_FOUND');
    expect(error.data?.httpStatus).toBe(404);
  });

  it('hides unknown failures behind a generic 500 and logs them with stack and request id', async () => {
    const res = await fetch(
      `${app().url}/trpc/catalog.products.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: 'explode' } }))}`,
      { headers: { 'x-request-id': 'req-explode-1' } },
    );
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain('secret detail');
    expect(body).not.toContain('10.0.0.7');
    expect(body).toContain('Internal server error');
    const logged = app()
      .lines()
      .find((l) => l.msg === 'procedure failed' && l.reqId === 'req-explode-1');
    expect(logged?.reqId).toBe('req-explode-1');
    expect(JSON.stringify(logged?.err)).toContain('secret detail');
    expect((logged?.err as { stack?: string } | undefined)?.stack).toMatch(/at /);
  });
});

describe('malformed requests', () => {
  it('answers garbage query input with 400, not 500', async () => {
    const res = await fetch(`${app().url}/trpc/catalog.products.list?input=%7Bnot-json`);
    expect(res.status).toBe(400);
  });

  it('answers a garbage POST body with a 4xx', async () => {
    const res = await fetch(`${app().url}/trpc/catalog.products.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"json": [nope',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('refuses a batch larger than the limit before running any procedure', async () => {
    const before = calls;
    const paths = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => 'catalog.categories').join(',');
    const res = await fetch(`${app().url}/trpc/${paths}?batch=1&input=%7B%7D`);
    expect(res.status).toBe(400);
    expect(await trpcErrorData(res)).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(calls).toBe(before);
    const ok = await fetch(
      `${app().url}/trpc/catalog.categories,catalog.categories?batch=1&input=%7B%7D`,
    );
    expect(ok.status).toBe(200);
    expect(calls).toBe(before + 2);
  });

  it('refuses an oversized body with a 4xx before running any procedure', async () => {
    const before = calls;
    const res = await fetch(`${app().url}/trpc/catalog.categories`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: 'x'.repeat(MAX_BODY_BYTES + 1) }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    // In tRPC's error shape, so a client reports it with its code.
    expect(await trpcErrorData(res)).toMatchObject({ httpStatus: res.status });
    expect(calls).toBe(before);
  });

  it('answers unknown paths with 404 JSON', async () => {
    const res = await fetch(`${app().url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not found' });
  });
});

describe('request ids', () => {
  it('echoes a given x-request-id and uses it in every log line of the request', async () => {
    const res = await fetch(`${app().url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const lines = app()
      .lines()
      .filter((l) => l.reqId === 'abc-123');
    expect(lines.map((l) => l.msg)).toContain('request');
  });

  it('makes one when absent or unsafe', async () => {
    const res = await fetch(`${app().url}/healthz`, {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health', () => {
  it('serves liveness and readiness', async () => {
    expect((await fetch(`${app().url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app().url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('reports not ready when the database is unreachable', async () => {
    const down = await app().serve({ ping: async () => false });
    expect((await fetch(`${down.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${down.url}/healthz`)).status).toBe(200);
  });
});

describe('demo media', () => {
  it('serves generated SVG for a product image URL', async () => {
    const { items } = await client().catalog.products.list.query({ limit: 1 });
    const url = items[0]?.image?.url;
    if (!url) throw new Error('no image');
    const res = await fetch(`${app().url}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(await res.text()).toContain('<svg');
  });

  it('serves the same picture as PNG for link previews, and 404 for an unknown one', async () => {
    const { items } = await client().catalog.products.list.query({ limit: 1 });
    const url = items[0]?.image?.url;
    if (!url?.endsWith('.svg')) throw new Error('no demo image');
    const res = await fetch(`${app().url}${url.replace(/\.svg$/, '.png')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.readUInt32BE(16)).toBe(items[0]?.image?.width);
    expect(png.readUInt32BE(20)).toBe(items[0]?.image?.height);
    expect((await fetch(`${app().url}/media/demo/no-such-picture.png`)).status).toBe(404);
  });

  it('draws one PNG at a time and turns a flood of new ones away with 503 and Retry-After', async () => {
    // Any well-formed key draws a picture: 20 new ones at once must not all be drawn at once.
    const keys = Array.from({ length: 20 }, (_, i) => `flood-${i}-${Date.now()}-1`);
    const answers = await Promise.all(keys.map((k) => fetch(`${app().url}/media/demo/${k}.png`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(10);
    expect(answers.find((r) => r.status === 503)?.headers.get('retry-after')).toBe('1');
    const drawn = keys[statuses.indexOf(200)];
    const again = await fetch(`${app().url}/media/demo/${drawn}.png`);
    expect(again.status).toBe(200);
  });
});
