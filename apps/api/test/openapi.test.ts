import SwaggerParser from '@apidevtools/swagger-parser';
import { appRouter, type ProcedureMeta } from '@bazaar/contracts/server';
import { describe, expect, it } from 'vitest';
import { PASSWORD, SHOP_ORIGIN, uniqueEmail, useTestApp } from './helpers.ts';

const app = useTestApp();
const api = (path: string) => `${app().url}/api/v1${path}`;

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; tags?: string[] }>>;
}

async function fetchDocument(): Promise<OpenApiDoc> {
  const res = await fetch(api('/openapi.json'));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as OpenApiDoc;
}

const operationsOf = (doc: OpenApiDoc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(api(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** A product of the demo catalog that can be bought: its slug and a variant in stock. */
async function buyableProduct() {
  const page = await (await postJson('/products/search', { inStock: true, limit: 1 })).json();
  const slug = page.items[0].slug as string;
  const detail = await (await fetch(api(`/products/${slug}`))).json();
  const variant = detail.variants.find((v: { stock: number }) => v.stock > 0);
  return { slug, variantId: variant.id as string };
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('describes the public and customer routes and nothing of staff', async () => {
    const operations = operationsOf(await fetchDocument());
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /products/search',
        'GET /products/{slug}',
        'GET /categories',
        'GET /search/suggestions',
        'GET /cart',
        'POST /cart/items',
        'DELETE /cart/items/{lineId}',
        'GET /checkout/quote',
        'POST /orders',
        'GET /orders',
        'GET /orders/{number}',
        'POST /auth/sign-in',
        'GET /account/addresses',
      ]),
    );
    expect(operations.filter((op) => /admin|staff|settings|roles/i.test(op))).toEqual([]);
    // Exactly the procedures that declare a route; none of them is a staff procedure.
    const routed = Object.values(appRouter._def.procedures).flatMap((procedure) => {
      const meta = (procedure as unknown as { _def: { meta?: ProcedureMeta } })._def.meta;
      return meta?.openapi ? [{ ...meta.openapi, access: meta.access.kind }] : [];
    });
    expect(routed.map((r) => r.access)).not.toContain('staff');
    expect(operations.sort()).toEqual(routed.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('asks for the session cookie exactly where the procedure needs a signed-in caller', async () => {
    const doc = await fetchDocument();
    expect(doc.paths['/orders']?.get?.security).toEqual([{ session: [] }]);
    expect(doc.paths['/account/addresses']?.get?.security).toEqual([{ session: [] }]);
    expect(doc.paths['/cart']?.get?.security ?? []).toEqual([]);
    expect(doc.paths['/products/{slug}']?.get?.security ?? []).toEqual([]);
  });

  it('says which strings are moments in time', async () => {
    const doc = (await fetchDocument()) as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const ok = doc.paths['/account/sessions']?.get?.responses['200'] as {
      content: {
        'application/json': { schema: { items: { properties: Record<string, object> } } };
      };
    };
    const session = ok.content['application/json'].schema.items.properties;
    expect(session.createdAt).toEqual({ type: 'string', format: 'date-time' });
  });
});

describe('REST routes', () => {
  it('lists products as plain JSON', async () => {
    const res = await postJson('/products/search', { limit: 2 });
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect(typeof page.items[0].priceMin.amount).toBe('number');
    expect(page.json).toBeUndefined(); // no superjson envelope
  });

  it('reads one product by slug, and answers 404 in the error shape for an unknown one', async () => {
    const { slug } = await buyableProduct();
    const found = await fetch(api(`/products/${slug}`));
    expect(found.status).toBe(200);
    expect((await found.json()).slug).toBe(slug);

    const missing = await fetch(api('/products/no-such-product-anywhere'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await missing.json();
    expect(body.code).toBe('NOT_FOUND');
    expect(body.data.appCode).toBe('NOT_FOUND');
    expect(body.message).toEqual(expect.any(String));
  });

  it('answers bad input 400 with field errors, in the body and in the query string', async () => {
    const res = await postJson('/products/search', { limit: 0, priceMin: 'cheap' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('BAD_REQUEST');
    expect(Object.keys(body.data.fieldErrors).sort()).toEqual(['limit', 'priceMin']);
    expect(body.data.stack).toBeUndefined();

    const query = await fetch(api('/search/suggestions?q=jacket&limit=many'));
    expect(query.status).toBe(400);
    expect(Object.keys((await query.json()).data.fieldErrors)).toEqual(['limit']);
  });

  it('types query parameters by the document: a number from its digits', async () => {
    const res = await fetch(api('/search/suggestions?q=a&limit=2'));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.products.length).toBeLessThanOrEqual(2);
  });

  it('adds to the cart and reads it back with the cookie it set', async () => {
    const { variantId } = await buyableProduct();
    const added = await postJson('/cart/items', { variantId, quantity: 2 });
    expect(added.status).toBe(200);
    expect(added.headers.get('cache-control')).toBe('no-store');
    const cookie = added.headers.getSetCookie().find((c) => c.startsWith('bazaar_cart='));
    expect(cookie).toBeDefined();
    const pair = cookie?.split(';')[0] ?? '';

    const read = await fetch(api('/cart'), { headers: { cookie: pair } });
    expect(read.status).toBe(200);
    const cart = await read.json();
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0].quantity).toBe(2);

    const removed = await fetch(api(`/cart/items/${cart.lines[0].id}`), {
      method: 'DELETE',
      headers: { cookie: pair },
    });
    expect(removed.status).toBe(200);
    expect((await removed.json()).lines).toHaveLength(0);

    const stranger = await (await fetch(api('/cart'))).json();
    expect(stranger.lines).toHaveLength(0);
  });

  it('keeps the CSRF rules of tRPC for mutations', async () => {
    const { variantId } = await buyableProduct();
    const crossSite = await postJson(
      '/cart/items',
      { variantId, quantity: 1 },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    const body = await crossSite.json();
    expect(body.code).toBe('FORBIDDEN');
    expect(body.data.appCode).toBe('CROSS_SITE_REFUSED');
    expect(crossSite.headers.getSetCookie()).toEqual([]);

    const form = await fetch(api('/cart/items'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ variantId, quantity: 1 }),
    });
    expect(form.status).toBe(415);
    expect((await form.json()).code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const sameSite = await postJson(
      '/cart/items',
      { variantId, quantity: 1 },
      { origin: SHOP_ORIGIN },
    );
    expect(sameSite.status).toBe(200);
  });

  it('refuses customer routes to a caller without a session', async () => {
    const res = await fetch(api('/orders'));
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('UNAUTHORIZED');
  });

  it('signs a customer up and reads their own account and orders with the session cookie', async () => {
    const email = uniqueEmail('rest');
    const signUp = await postJson('/auth/sign-up', {
      name: 'Rest Client',
      email,
      password: PASSWORD,
    });
    expect(signUp.status).toBe(200);
    expect((await signUp.json()).status).toBe('signed-in');
    const session = signUp.headers.getSetCookie().find((c) => c.startsWith('bazaar_session='));
    const cookie = session?.split(';')[0] ?? '';
    expect(cookie).not.toBe('');

    const who = await (await fetch(api('/auth/session'), { headers: { cookie } })).json();
    expect(who.user.email).toBe(email);
    const orders = await fetch(api('/orders'), { headers: { cookie } });
    expect(orders.status).toBe(200);
    expect(orders.headers.get('cache-control')).toBe('no-store');
    expect(await orders.json()).toEqual({ items: [], nextCursor: null });
    const addresses = await fetch(api('/account/addresses'), { headers: { cookie } });
    expect(addresses.status).toBe(200);
    expect(await addresses.json()).toEqual([]);
    const sessions = await (await fetch(api('/account/sessions'), { headers: { cookie } })).json();
    expect(sessions).toHaveLength(1);
    expect(Date.parse(sessions[0].createdAt)).not.toBeNaN();
  });

  it('answers an unknown route 404 in the same shape', async () => {
    const res = await fetch(api('/admin/products'));
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('NOT_FOUND');
  });

  it('leaves tRPC validation as strict as it was after REST calls', async () => {
    const { variantId } = await buyableProduct();
    expect((await postJson('/cart/items', { variantId, quantity: 1 })).status).toBe(200);
    // A number sent as text: the REST layer must not have made the contract's schema coerce it.
    const res = await fetch(`${app().url}/trpc/cart.add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { variantId, quantity: '1' } }),
    });
    expect(res.status).toBe(400);
  });
});

describe('the docs page', () => {
  it('is HTML whose assets are all on the same origin, and load', async () => {
    const res = await fetch(`${app().url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const html = await res.text();
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThanOrEqual(3);
    for (const ref of refs) {
      expect(ref).toMatch(/^\/(?!\/)/); // a path on this origin, not another host
      const asset = await fetch(`${app().url}${ref}`);
      expect(asset.status, ref).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, ref).toBeGreaterThan(0);
    }
    const init = await (await fetch(`${app().url}/docs/assets/init.js`)).text();
    expect(init).toContain('/api/v1/openapi.json');
    expect(init).toContain('validatorUrl: null');
  });
});
