import { describe, expect, it } from 'vitest';
import { PASSWORD, SHOP_ORIGIN, uniqueEmail, useTestApp } from './helpers.ts';

/** HTTP caching of tRPC answers through the real server: Cache-Control, ETag and 304. */
const app = useTestApp();

const input = (value: unknown) => encodeURIComponent(JSON.stringify({ json: value }));
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app().url}${path}`, { headers: { origin: SHOP_ORIGIN, ...headers } });
const LIST = `/trpc/catalog.products.list?input=${input({ limit: 3 })}`;

async function signedInCookie() {
  const browser = app().browser();
  await browser.client.auth.signUp.mutate({
    name: 'C',
    email: uniqueEmail('hc'),
    password: PASSWORD,
  });
  return `bazaar_session=${browser.cookie()}`;
}

describe('public catalog reads by anonymous visitors', () => {
  it('are cacheable for a few seconds, tagged, and 304 when the tag still matches', async () => {
    const first = await get(LIST);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=3, stale-while-revalidate=60');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const body = await first.text();

    const again = await get(LIST, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));

    // The same answer gets the same tag (another instance would compute the same one too).
    const plain = await get(LIST);
    expect(plain.headers.get('etag')).toBe(etag);
    expect(await plain.text()).toBe(body);
    // Another answer, another tag.
    const other = await get(`/trpc/catalog.products.list?input=${input({ limit: 4 })}`, {
      'if-none-match': etag,
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('batched public reads are cacheable too; a batch with any other call is not', async () => {
    const batch = await get(
      `/trpc/catalog.currencies,catalog.categories?batch=1&input=${encodeURIComponent('{}')}`,
    );
    expect(batch.status).toBe(200);
    expect(batch.headers.get('cache-control')).toMatch(/^public/);
    expect(batch.headers.get('etag')).not.toBeNull();
    const mixed = await get(`/trpc/catalog.categories,cart.get?batch=1&input=%7B%7D`);
    expect(mixed.status).toBe(200);
    expect(mixed.headers.get('cache-control')).toBe('no-store');
    expect(mixed.headers.get('etag')).toBeNull();
  });
});

describe('answers no cache may keep', () => {
  it('a signed-in caller gets no-store, no tag and never a 304 for a tag an anonymous answer had', async () => {
    const anonymous = await get(LIST);
    const etag = anonymous.headers.get('etag') as string;
    const cookie = await signedInCookie();
    const mine = await get(LIST, { cookie, 'if-none-match': etag });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('no-store');
    expect(mine.headers.get('etag')).toBeNull();
    expect(await mine.text()).toBe(await anonymous.text());
  });

  it('a stale session cookie (cleared in the answer) makes the answer no-store', async () => {
    const res = await get(LIST, { cookie: 'bazaar_session=not-a-session' });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join()).toMatch(/bazaar_session=;/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
  });

  it('public reads of the caller’s own things: the guest cart, an order lookup', async () => {
    const cart = await get('/trpc/cart.get');
    expect(cart.status).toBe(200);
    expect(cart.headers.get('cache-control')).toBe('no-store');
    const lookup = await get(
      `/trpc/orders.lookup?input=${input({ number: 'BZ-000000', email: 'x@example.com' })}`,
    );
    expect(lookup.headers.get('cache-control')).toBe('no-store');
    expect(lookup.headers.get('etag')).toBeNull();
  });

  it('errors and mutations, even with If-None-Match', async () => {
    const missing = await get(`/trpc/catalog.products.bySlug?input=${input({ slug: 'nope' })}`, {
      'if-none-match': '*',
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(missing.headers.get('etag')).toBeNull();
    const invalid = await get(`/trpc/catalog.products.list?input=${input({ limit: 1000 })}`);
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('cache-control')).toBe('no-store');
    const mutation = await fetch(`${app().url}/trpc/auth.signOut`, {
      method: 'POST',
      headers: { origin: SHOP_ORIGIN, 'content-type': 'application/json', 'if-none-match': '*' },
      body: '{}',
    });
    expect(mutation.status).toBe(200);
    expect(mutation.headers.get('cache-control')).toBe('no-store');
    expect(mutation.headers.get('etag')).toBeNull();
  });
});
