import { schema } from '@bazaar/db';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db.ts';
import { escapeXml } from '../src/http/sitemap-xml.ts';
import { productSitemapPages } from '../src/services/catalog/sitemap.ts';
import { insertProduct } from './catalog-fixtures.ts';
import { SHOP_ORIGIN, useTestApp } from './helpers.ts';

const PER_FILE = 3;
const app = useTestApp({ config: { sitemapUrlsPerFile: PER_FILE } });

const get = (path: string, method = 'GET') => fetch(`${app().url}${path}`, { method });

async function xml(path: string): Promise<string> {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

/** `<loc>` and `<lastmod>` of each entry, as written (still XML-escaped). */
function entries(text: string): { loc: string; lastmod?: string }[] {
  return [
    ...text.matchAll(/<(?:url|sitemap)><loc>([^<]*)<\/loc>(?:<lastmod>([^<]*)<\/lastmod>)?/g),
  ].map(([, loc = '', lastmod]) => (lastmod ? { loc, lastmod } : { loc }));
}

/** What the storefront shows, worked out independently: active, a live variant with a price. */
async function shownProducts(): Promise<{ slug: string; lastmod: string }[]> {
  const result = await app().db.execute(sql`
    select p.slug, to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as lastmod
    from products p
    where p.status = 'active' and exists (
      select 1 from variants v join variant_prices vp on vp.variant_id = v.id
      where v.product_id = p.id and v.archived_at is null)
    order by p.created_at, p.id`);
  return rowsOf<{ slug: string; lastmod: string }>(result);
}

/** Every product sitemap file the index lists, read in order. */
async function productFiles() {
  const index = entries(await xml('/sitemap.xml'));
  const files = index.filter((e) => e.loc.includes('/sitemaps/products-'));
  return Promise.all(
    files.map(async (file) => ({
      ...file,
      urls: entries(await xml(new URL(file.loc).pathname)),
    })),
  );
}

describe('sitemap', () => {
  it('indexes the pages file and one file per PER_FILE shown products', async () => {
    const res = await get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const text = await res.text();
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">\n/,
    );
    const shown = await shownProducts();
    expect(shown.length).toBeGreaterThan(PER_FILE * 2);
    const fileCount = Math.ceil(shown.length / PER_FILE);
    expect(entries(text).map((e) => e.loc)).toEqual([
      `${SHOP_ORIGIN}/sitemaps/pages.xml`,
      ...Array.from(
        { length: fileCount },
        (_, i) => `${SHOP_ORIGIN}/sitemaps/products-${i + 1}.xml`,
      ),
    ]);
    expect((await get(`/sitemaps/products-${fileCount + 1}.xml`)).status).toBe(404);
    expect((await get('/sitemaps/products-0.xml')).status).toBe(404);
    expect((await get('/sitemaps/other.xml')).status).toBe(404);
  });

  it('lists exactly the shown products across its files, each with its update time', async () => {
    const db = app().db;
    const category = (
      await db.insert(schema.categories).values({ slug: 'sitemap-cat', name: 'S' }).returning()
    )[0] as { id: string };
    const variant = (sku: string, archived = false) => ({ sku, prices: { EUR: 1000 }, archived });
    await insertProduct(db, {
      slug: 'sitemap-draft',
      status: 'draft',
      variants: [variant('SM-D')],
    });
    await insertProduct(db, {
      slug: 'sitemap-archived',
      status: 'archived',
      variants: [variant('SM-A')],
    });
    await insertProduct(db, { slug: 'sitemap-no-live', variants: [variant('SM-N', true)] });
    await insertProduct(db, { slug: 'sitemap-unpriced', variants: [{ sku: 'SM-U', prices: {} }] });
    await insertProduct(db, {
      slug: 'sitemap-shown',
      categoryId: category.id,
      variants: [variant('SM-S')],
    });
    await db
      .update(schema.products)
      .set({ updatedAt: new Date('2024-05-06T07:08:09.123Z') })
      .where(eq(schema.products.slug, 'sitemap-shown'));

    const files = await productFiles();
    const urls = files.flatMap((f) => f.urls);
    const shown = await shownProducts();
    expect(urls).toEqual(
      shown.map((p) => ({ loc: `${SHOP_ORIGIN}/p/${p.slug}`, lastmod: p.lastmod })),
    );
    expect(urls).toContainEqual({
      loc: `${SHOP_ORIGIN}/p/sitemap-shown`,
      lastmod: '2024-05-06T07:08:09Z',
    });
    for (const hidden of ['draft', 'archived', 'no-live', 'unpriced']) {
      expect(urls.map((u) => u.loc)).not.toContain(`${SHOP_ORIGIN}/p/sitemap-${hidden}`);
    }
    // Split PER_FILE to a file; each file's lastmod in the index is its newest product's.
    for (const file of files) {
      expect(file.urls.length).toBeGreaterThan(0);
      expect(file.urls.length).toBeLessThanOrEqual(PER_FILE);
      expect(file.lastmod).toBe(
        file.urls
          .map((u) => u.lastmod as string)
          .sort()
          .at(-1),
      );
    }
    expect(files.slice(0, -1).every((f) => f.urls.length === PER_FILE)).toBe(true);

    // Keyset pages smaller than a file, with hidden products inside them, give the same files.
    const slugsOf = (f: (typeof files)[number]) =>
      f.urls.map((u) => u.loc.slice(`${SHOP_ORIGIN}/p/`.length));
    for (const [i, file] of files.entries()) {
      const pages = await productSitemapPages(db, i + 1, PER_FILE, 2);
      const slugs: string[] = [];
      for await (const page of pages ?? []) slugs.push(...page.map((p) => p.slug));
      expect(slugs).toEqual(slugsOf(file));
    }
  });

  it('escapes what it writes', async () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
    // The contract keeps slugs to [a-z0-9-]; a row written by SQL is not checked.
    await insertProduct(app().db, {
      slug: "o'brien&co<1>",
      variants: [{ sku: 'SM-ESC', prices: { EUR: 500 } }],
    });
    const files = await productFiles();
    const last = await xml(new URL(files.at(-1)?.loc ?? '').pathname);
    expect(last).toContain(`<loc>${SHOP_ORIGIN}/p/o&apos;brien%26co%3C1%3E</loc>`);
    expect(last).not.toContain('&co');
  });

  it('lists the home page and the categories with shown products, by their paths', async () => {
    const db = app().db;
    const [parent] = await db
      .insert(schema.categories)
      .values({ slug: 'sitemap-parent', name: 'Parent' })
      .returning();
    const [child] = await db
      .insert(schema.categories)
      .values({ slug: 'sitemap-child', name: 'Child', parentId: parent?.id })
      .returning();
    await db.insert(schema.categories).values({ slug: 'sitemap-empty', name: 'Empty' });
    await insertProduct(db, {
      slug: 'sitemap-in-child',
      categoryId: child?.id,
      variants: [{ sku: 'SM-C', prices: { EUR: 700 } }],
    });
    const locs = entries(await xml('/sitemaps/pages.xml')).map((e) => e.loc);
    expect(locs[0]).toBe(`${SHOP_ORIGIN}/`);
    expect(locs).toContain(`${SHOP_ORIGIN}/c/sitemap-parent`);
    expect(locs).toContain(`${SHOP_ORIGIN}/c/sitemap-child`);
    expect(locs).not.toContain(`${SHOP_ORIGIN}/c/sitemap-empty`);
    // The demo's categories with products, and no others.
    const demo = rowsOf<{ slug: string }>(
      await db.execute(sql`select distinct c.slug from categories c join products p
        on p.category_id = c.id where p.status = 'active' and c.slug not like 'sitemap-%'
        and c.slug not like 'fixture-%'`),
    );
    for (const { slug } of demo) expect(locs).toContain(`${SHOP_ORIGIN}/c/${slug}`);
  });

  it('answers HEAD without a body, and only GET and HEAD', async () => {
    const head = await get('/sitemap.xml', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await head.text()).toBe('');
    expect((await get('/sitemap.xml', 'POST')).status).toBe(404);
  });
});
