import { randomBytes } from 'node:crypto';
import type { Database } from '@bazaar/db';
import { expect } from 'vitest';
import { oneVariantProduct } from './catalog-fixtures.ts';
import { staffMember } from './fixtures.ts';
import { browserClient, PASSWORD, SHOP_ORIGIN } from './helpers.ts';

/**
 * What several API instances on one database must agree on, checked over HTTP against their
 * URLs (in-process apps or separate processes alike).
 */

/** An API instance as a test reaches it. */
export interface InstanceUrl {
  url: string;
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify({ json: value }));

/** What a shopper's browser asks for: an anonymous GET, revalidating what it holds. */
export async function storefront(base: string, path: string, etag?: string) {
  const res = await fetch(`${base}${path}`, {
    headers: { origin: SHOP_ORIGIN, ...(etag ? { 'if-none-match': etag } : {}) },
  });
  const text = await res.text();
  return {
    status: res.status,
    etag: res.headers.get('etag') ?? undefined,
    data:
      res.status === 200
        ? (JSON.parse(text) as { result: { data: { json: unknown } } }).result.data.json
        : null,
  };
}

export async function within<T>(
  ms: number,
  probe: () => Promise<T | undefined>,
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, ms: Date.now() - started };
    if (Date.now() - started > ms) throw new Error(`not seen within ${ms} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * A catalog editor changes a product's title and price through A, which both instances had cached
 * (page and search): B serves the change within 5 seconds, to a browser revalidating its copy.
 */
export async function editThroughAThenReadOnB(db: Database, a: InstanceUrl, b: InstanceUrl) {
  const person = await staffMember(db, 'Catalog editor');
  const staff = browserClient(a);
  expect(
    (await staff.client.auth.signIn.mutate({ email: person.email, password: PASSWORD })).status,
  ).toBe('signed-in');
  const admin = staff.client.admin.catalog;
  const [category] = await admin.categories.list.query();
  // Letters only: a search word like "43e63a" would be read as a number by the text search.
  const word = [...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  const sku = `INST-${word}`;
  const product = oneVariantProduct({
    title: `Instance Lamp ${word}`,
    sku,
    categoryId: category?.id as string,
    amount: 4000,
    onHand: 3,
  });
  const created = await admin.products.create.mutate(product);
  const page = `/trpc/catalog.products.bySlug?input=${input({ slug: created.slug, currency: 'EUR' })}`;
  const search = `/trpc/catalog.products.list?input=${input({ q: word, currency: 'EUR' })}`;

  // Both instances have the product page and the search cached (asked twice: the second is a hit).
  const before: Record<string, string | undefined> = {};
  for (const base of [a.url, b.url])
    for (const path of [page, search]) {
      await storefront(base, path);
      const seen = await storefront(base, path);
      expect(seen.status).toBe(200);
      before[base + path] = seen.etag;
    }
  expect((await storefront(b.url, page)).data).toMatchObject({ title: product.title });
  expect((await storefront(b.url, search)).data).toMatchObject({
    items: [{ title: product.title }],
  });

  const edited = await admin.products.update.mutate({
    ...created,
    title: `${product.title}, renamed`,
    variants: created.variants.map((v) => ({
      ...v,
      prices: [{ currency: 'EUR', amount: 4500, compareAt: null }],
    })),
  });
  expect(edited.title).toBe(`${product.title}, renamed`);

  // A shows its own edit at once; B within 5 s, to a browser revalidating what it held.
  expect((await storefront(a.url, page)).data).toMatchObject({ title: edited.title });
  const onPage = await within(5_000, async () => {
    const res = await storefront(b.url, page, before[b.url + page]);
    return res.status === 200 && (res.data as { title: string }).title === edited.title
      ? res
      : undefined;
  });
  const inList = await within(5_000, async () => {
    const res = await storefront(b.url, search, before[b.url + search]);
    const items = (res.data as { items: { title: string; priceMin: { amount: number } }[] } | null)
      ?.items;
    return items?.[0]?.priceMin.amount === 4500 ? items[0] : undefined;
  });
  expect(inList.value.title).toBe(edited.title);
  expect(onPage.ms).toBeLessThan(5_000);
  expect(inList.ms).toBeLessThan(5_000);
  return { created, edited };
}
