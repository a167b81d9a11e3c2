import { randomUUID } from 'node:crypto';
import type { ProductPage } from '@bazaar/contracts/server';
import { createDb, schema } from '@bazaar/db';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db.ts';
import { startListingSweeper } from '../src/jobs/listing-sweeper.ts';
import { createCatalogService } from '../src/services/catalog/catalog-service.ts';
import { editDistance } from '../src/services/catalog/search-words.ts';
import { insertProduct, type ProductFixture } from './catalog-fixtures.ts';
import { capturingLogger, rejection, useTestApp } from './helpers.ts';

const { products, categories, inventoryLevels, variantPrices, variants } = schema;
const app = useTestApp();
const caller = () => app().caller();

type ListInput = Parameters<ReturnType<typeof caller>['catalog']['products']['list']>[0];

interface SearchFixture extends Omit<ProductFixture, 'slug' | 'variants'> {
  title: string;
  description?: string;
  price?: number;
  stock?: number;
  variants?: ProductFixture['variants'];
}

let made = 0;

/** A product with a real title and description (the fixture names products after their slug). */
async function product(spec: SearchFixture) {
  const slug = `s-${++made}-${randomUUID().slice(0, 8)}`;
  const { title, description, price, stock, ...rest } = spec;
  const inserted = await insertProduct(app().db, {
    ...rest,
    slug,
    variants: spec.variants ?? [
      { sku: `${slug}-1`, prices: { EUR: price ?? 1000 }, stock: stock ?? 5 },
    ],
  });
  await app()
    .db.update(products)
    .set({ title, description: description ?? '' })
    .where(eq(products.id, inserted.id));
  return { ...inserted, slug, title };
}

async function category(name: string, parentId: string | null = null) {
  const [row] = await app()
    .db.insert(categories)
    .values({
      slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 8)}`,
      name,
      parentId,
    })
    .returning();
  if (!row) throw new Error('no category');
  return row;
}

async function allPages(input: ListInput): Promise<ProductPage['items']> {
  const seen: ProductPage['items'] = [];
  let cursor = input.cursor ?? null;
  for (let page = 0; page < 100; page++) {
    const result: ProductPage = await caller().catalog.products.list({ ...input, cursor });
    seen.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('pagination did not end');
}

const titles = (page: { items: { title: string }[] }) => page.items.map((p) => p.title);

describe('search', () => {
  it('corrects a misspelt word to the catalog’s nearest word and says so', async () => {
    await product({ title: 'Quokka Storm Jacket' });
    const page = await caller().catalog.products.list({ q: 'quokka jakcet' });
    expect(page.searchedFor).toBe('quokka jacket');
    expect(titles(page)).toEqual(['Quokka Storm Jacket']);
    expect(page.sort).toBe('relevance');
  });

  it('corrects to the word fewest edits away, not the shorter one sharing more trigrams', async () => {
    await product({ title: 'Phascogale Wool Blanket' });
    await product({ title: 'Phascogale Blank Notebook' });
    // Trigrams alone prefer "blank" (0.56) to "blanket" (0.45); one swap away is blanket.
    const page = await caller().catalog.products.list({ q: 'phascogale blankte' });
    expect(page.searchedFor).toBe('phascogale blanket');
    expect(titles(page)).toEqual(['Phascogale Wool Blanket']);
    expect(editDistance('blankte', 'blanket')).toBe(1);
    expect(editDistance('blankte', 'blank')).toBe(2);
    expect(editDistance('jakcet', 'jacket')).toBe(1);
    expect(editDistance('', 'tee')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('finds a hyphenated title written as one word, and stems plurals', async () => {
    await product({ title: 'Wombat Graphic T-Shirt' });
    await product({ title: 'Wombat Rain Jacket' });
    expect(titles(await caller().catalog.products.list({ q: 'wombat tshirt' }))).toEqual([
      'Wombat Graphic T-Shirt',
    ]);
    expect(titles(await caller().catalog.products.list({ q: 'wombat t-shirt' }))).toEqual([
      'Wombat Graphic T-Shirt',
    ]);
    const plural = await caller().catalog.products.list({ q: 'wombat jackets' });
    expect(titles(plural)).toEqual(['Wombat Rain Jacket']);
    expect(plural.searchedFor).toBeNull();
  });

  it('ranks a match in the title above one only in the description', async () => {
    await product({ title: 'Plain Mug', description: '<p>Pairs well with the numbat teapot.</p>' });
    await product({ title: 'Numbat Teapot', description: '<p>Stoneware.</p>' });
    const page = await caller().catalog.products.list({ q: 'numbat' });
    expect(titles(page)).toEqual(['Numbat Teapot', 'Plain Mug']);
    expect(page.total).toBe(2);
  });

  it('takes a word that begins catalog words as a prefix', async () => {
    await product({ title: 'Bilbyesque Lantern' });
    expect(titles(await caller().catalog.products.list({ q: 'bilbyes' }))).toEqual([
      'Bilbyesque Lantern',
    ]);
  });

  it('finds nothing for a word unlike any in the catalog, and treats query syntax as text', async () => {
    const none = await caller().catalog.products.list({ q: 'xqzvvkj' });
    expect(none).toMatchObject({ items: [], total: 0, nextCursor: null });
    for (const q of ["'; drop table products; --", 'a & | ! ( ) :* <->', '\\', '  ']) {
      const page = await caller().catalog.products.list({ q });
      expect(page.total, q).toBeGreaterThanOrEqual(0);
    }
  });

  it('never lists or suggests words of draft products', async () => {
    await product({ title: 'Dunnartine Secret Launch', status: 'draft' });
    expect((await caller().catalog.products.list({ q: 'dunnartine' })).total).toBe(0);
    const suggestions = await caller().catalog.products.suggest({ q: 'dunnart' });
    expect(suggestions.products).toEqual([]);
    const [term] = await app()
      .db.select()
      .from(schema.searchTerms)
      .where(eq(schema.searchTerms.term, 'dunnartine'));
    expect(term).toBeUndefined();
  });

  it('suggests products as the last word is typed, and matching categories', async () => {
    await product({ title: 'Potoroo Wool Blanket', price: 4500 });
    const cat = await category('Potoroo Corner');
    const suggestions = await caller().catalog.products.suggest({ q: 'potoroo bla' });
    expect(suggestions.products.map((p) => p.title)).toEqual(['Potoroo Wool Blanket']);
    expect(suggestions.products[0]?.priceMin).toEqual({ amount: 4500, currency: 'EUR' });
    const byCategory = await caller().catalog.products.suggest({ q: 'potoroo cor' });
    expect(byCategory.categories).toContainEqual({ slug: cat.slug, name: 'Potoroo Corner' });
  });

  it('does not swap a half-typed word for a short catalog word while typing', async () => {
    await product({ title: 'Wallaby Jacket' });
    await product({ title: 'Wallaby Jar' });
    const typing = await caller().catalog.products.suggest({ q: 'wallaby jakc' });
    expect(typing.products.map((p) => p.title)).not.toContain('Wallaby Jar');
    const typed = await caller().catalog.products.suggest({ q: 'wallaby jakcet' });
    expect(typed.products.map((p) => p.title)).toEqual(['Wallaby Jacket']);
    expect(typed.searchedFor).toBe('wallaby jacket');
  });
});

describe('sorting and keyset pagination', () => {
  async function sortFixture() {
    const cat = await category('Sorting');
    const specs = [
      ['Echidna Bowl', 3000],
      ['apple Crate', 1000],
      ['Banksia Vase', 3000],
      ['Cassowary Print', 500],
      ['dingo Lamp', 7000],
    ] as const;
    for (const [i, [title, price]] of specs.entries()) {
      await product({
        title,
        price,
        categoryId: cat.id,
        createdAt: `2026-01-0${i + 1} 10:00:00+00`,
      });
    }
    return cat;
  }

  it('orders by price both ways (cheapest live variant), name and newest, across pages', async () => {
    const cat = await sortFixture();
    const byPrice = await allPages({ categorySlug: cat.slug, sort: 'price_asc', limit: 2 });
    expect(byPrice.map((p) => p.priceMin.amount)).toEqual([500, 1000, 3000, 3000, 7000]);
    const down = await allPages({ categorySlug: cat.slug, sort: 'price_desc', limit: 2 });
    expect(down.map((p) => p.priceMin.amount)).toEqual([7000, 3000, 3000, 1000, 500]);
    expect(down.map((p) => p.id)).toEqual([...byPrice].reverse().map((p) => p.id));
    const byName = await allPages({ categorySlug: cat.slug, sort: 'name', limit: 2 });
    expect(byName.map((p) => p.title)).toEqual([
      'apple Crate',
      'Banksia Vase',
      'Cassowary Print',
      'dingo Lamp',
      'Echidna Bowl',
    ]);
    const newest = await allPages({ categorySlug: cat.slug, limit: 2 });
    expect(newest.map((p) => p.title)).toEqual([
      'dingo Lamp',
      'Cassowary Print',
      'Banksia Vase',
      'apple Crate',
      'Echidna Bowl',
    ]);
  });

  it('pages by relevance without repeats or gaps', async () => {
    for (let i = 0; i < 7; i++) {
      await product({
        title: i % 2 ? `Bandicoot Tray ${i}` : `Tray ${i}`,
        description: `<p>${'bandicoot '.repeat(i % 3)} tray</p>`,
      });
    }
    const all = await caller().catalog.products.list({ q: 'bandicoot', limit: 100 });
    const paged = await allPages({ q: 'bandicoot', limit: 2 });
    expect(paged.map((p) => p.id)).toEqual(all.items.map((p) => p.id));
    expect(paged.length).toBe(all.total);
  });

  it('stays correct while products are added between pages, and keeps the total current', async () => {
    const cat = await category('Growing');
    for (let i = 0; i < 6; i++) await product({ title: `Growing ${i}`, categoryId: cat.id });
    const first = await caller().catalog.products.list({ categorySlug: cat.slug, limit: 3 });
    expect(first.total).toBe(6);
    // Newer products arrive (they sort before the cursor): the next page neither repeats nor skips.
    for (let i = 0; i < 4; i++) await product({ title: `Arrived ${i}`, categoryId: cat.id });
    const rest = await allPages({
      categorySlug: cat.slug,
      limit: 3,
      cursor: first.nextCursor,
    } as ListInput);
    const seen = [...first.items, ...rest].map((p) => p.title);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((t) => t.startsWith('Growing')).sort()).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `Growing ${i}`),
    );
    expect((await caller().catalog.products.list({ categorySlug: cat.slug })).total).toBe(10);
  });

  it('refuses a cursor of another sort, or a forged one, with a field error', async () => {
    const cat = await sortFixture();
    const page = await caller().catalog.products.list({ categorySlug: cat.slug, limit: 1 });
    const other = await rejection(
      caller().catalog.products.list({
        categorySlug: cat.slug,
        sort: 'price_asc',
        cursor: page.nextCursor,
      }),
    );
    expect(other.code).toBe('BAD_REQUEST');
    const forged = Buffer.from(
      JSON.stringify({ s: 'price_asc', p: '1; drop table x', i: randomUUID() }),
    ).toString('base64url');
    const error = await rejection(
      caller().catalog.products.list({ sort: 'price_asc', cursor: forged }),
    );
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('falls back to newest when relevance is asked for without words', async () => {
    const page = await caller().catalog.products.list({ sort: 'relevance', limit: 1 });
    expect(page.sort).toBe('newest');
  });
});

describe('facets', () => {
  async function facetFixture() {
    const root = await category('Facet Root');
    const child = await category('Facet Child', root.id);
    const other = await category('Facet Other', root.id);
    const shirt = (title: string, categoryId: string, sizes: string[], price: number, stock = 5) =>
      product({
        title,
        categoryId,
        options: [{ name: 'Size', values: sizes }],
        variants: sizes.map((size, i) => ({
          sku: `${randomUUID()}`,
          options: { Size: size },
          prices: { EUR: price + i * 100, USD: price },
          stock,
        })),
      });
    await shirt('Quoll Shirt A', child.id, ['S', 'M'], 2000);
    await shirt('Quoll Shirt B', child.id, ['M', 'L'], 4000);
    await shirt('Quoll Shirt C', other.id, ['L'], 6000, 0);
    return { root, child, other };
  }

  it('counts each facet with every other filter applied', async () => {
    const { root, child, other } = await facetFixture();
    const facets = await caller().catalog.products.facets({
      q: 'quoll',
      categorySlug: child.slug,
      options: { Size: ['L'] },
    });
    expect(facets.total).toBe(1);
    // Categories ignore the category filter but keep Size = L: B (child) and C (other).
    expect(facets.categories).toEqual(
      expect.arrayContaining([
        { slug: root.slug, name: 'Facet Root', parentSlug: null, count: 2 },
        { slug: child.slug, name: 'Facet Child', parentSlug: root.slug, count: 1 },
        { slug: other.slug, name: 'Facet Other', parentSlug: root.slug, count: 1 },
      ]),
    );
    // Sizes ignore the Size filter but keep the category: A and B.
    expect(facets.options).toEqual([
      {
        name: 'Size',
        values: [
          { value: 'S', count: 1 },
          { value: 'M', count: 2 },
          { value: 'L', count: 1 },
        ],
      },
    ]);
    expect(facets.price).toEqual({
      min: { amount: 4000, currency: 'EUR' },
      max: { amount: 4000, currency: 'EUR' },
    });
    expect(facets.inStock).toBe(1);

    const all = await caller().catalog.products.facets({ q: 'quoll', inStock: true });
    expect(all.total).toBe(2);
    expect(all.inStock).toBe(2);
    expect(all.categories.find((c) => c.slug === other.slug)).toBeUndefined();
    const price = await caller().catalog.products.facets({ q: 'quoll', priceMin: 3000 });
    expect(price.total).toBe(2);
    expect(price.price).toEqual({
      min: { amount: 2000, currency: 'EUR' },
      max: { amount: 6000, currency: 'EUR' },
    });
    // A (2000, sizes S and M) is below the range: S is not offered, M counts B alone.
    expect(price.options).toEqual([
      {
        name: 'Size',
        values: [
          { value: 'M', count: 1 },
          { value: 'L', count: 2 },
        ],
      },
    ]);
    expect(price.categories.find((c) => c.slug === child.slug)?.count).toBe(1);
  });

  it('gives the same total as the listing for the same filters, in another currency too', async () => {
    const { root } = await facetFixture();
    for (const filters of [
      { categorySlug: root.slug },
      { categorySlug: root.slug, options: { Size: ['M', 'S'] } },
      { categorySlug: root.slug, priceMin: 2000, priceMax: 4000, currency: 'USD' },
      { categorySlug: root.slug, inStock: true, q: 'shirt' },
    ]) {
      const [list, facets] = await Promise.all([
        caller().catalog.products.list({ ...filters, limit: 100 }),
        caller().catalog.products.facets(filters),
      ]);
      expect(facets.total, JSON.stringify(filters)).toBe(list.total);
      expect(list.items.length).toBe(list.total);
    }
  });

  it('filters on price range in the chosen currency', async () => {
    const { root } = await facetFixture();
    const eur = await caller().catalog.products.list({
      categorySlug: root.slug,
      priceMin: 3500,
      priceMax: 6000,
      sort: 'price_asc',
    });
    expect(titles(eur)).toEqual(['Quoll Shirt B', 'Quoll Shirt C']);
    const usd = await caller().catalog.products.list({
      categorySlug: root.slug,
      priceMax: 2000,
      currency: 'USD',
    });
    expect(titles(usd)).toEqual(['Quoll Shirt A']);
    expect(usd.items[0]?.priceMin).toEqual({ amount: 2000, currency: 'USD' });
  });

  it('answers NOT_FOUND for a category that does not exist, as the listing does', async () => {
    for (const call of [
      () => caller().catalog.products.facets({ categorySlug: 'no-such-category' }),
      () => caller().catalog.products.list({ categorySlug: 'no-such-category' }),
    ]) {
      expect((await rejection(call())).code).toBe('NOT_FOUND');
    }
  });

  it('refuses a price range upside down and control characters in option filters', async () => {
    const range = await rejection(
      caller().catalog.products.list({ priceMin: 5000, priceMax: 100 }),
    );
    expect(range.code).toBe('BAD_REQUEST');
    const control = await rejection(
      caller().catalog.products.facets({ options: { 'Size\u001fM': ['L'] } }),
    );
    expect(control.code).toBe('BAD_REQUEST');
  });
});

describe('the listing read model', () => {
  it('follows price, stock, archive and status changes made by any writer', async () => {
    const cat = await category('Read Model');
    const made = await product({
      title: 'Read Model Item',
      categoryId: cat.id,
      price: 1500,
      stock: 1,
    });
    const list = () => caller().catalog.products.list({ categorySlug: cat.slug });
    expect((await list()).items[0]).toMatchObject({ priceMin: { amount: 1500 }, inStock: true });

    const variantId = Object.values(made.variantIds)[0] as string;
    await app()
      .db.update(variantPrices)
      .set({ amount: 1200 })
      .where(eq(variantPrices.variantId, variantId));
    expect((await list()).items[0]?.priceMin.amount).toBe(1200);

    await app()
      .db.update(inventoryLevels)
      .set({ reserved: 1 })
      .where(eq(inventoryLevels.variantId, variantId));
    expect((await list()).items[0]?.inStock).toBe(false);
    const inStockOnly = await caller().catalog.products.list({
      categorySlug: cat.slug,
      inStock: true,
    });
    expect(inStockOnly.total).toBe(0);

    await app()
      .db.update(variants)
      .set({ archivedAt: new Date() })
      .where(eq(variants.id, variantId));
    expect((await list()).total).toBe(0);
    await app().db.update(variants).set({ archivedAt: null }).where(eq(variants.id, variantId));
    expect((await list()).total).toBe(1);
    // A renamed or redescribed product is searched by its new words (the listing keeps a copy).
    const search = (q: string) => caller().catalog.products.list({ q, categorySlug: cat.slug });
    await app()
      .db.update(products)
      .set({ title: 'Renamed Echidna Lamp', description: '<p>Glows like a quoll.</p>' })
      .where(eq(products.id, made.id));
    expect((await search('echidna')).total).toBe(1);
    expect((await search('quoll')).total).toBe(1);
    expect((await search('model')).total).toBe(0);

    await app().db.update(products).set({ status: 'draft' }).where(eq(products.id, made.id));
    expect((await list()).total).toBe(0);
  });

  it('stays consistent when 50 concurrent transactions change one product’s prices and stock', async () => {
    const cat = await category('Concurrent');
    const made = await product({
      title: 'Concurrent Item',
      categoryId: cat.id,
      options: [{ name: 'Size', values: ['S', 'M'] }],
      variants: [
        { sku: `${randomUUID()}`, options: { Size: 'S' }, prices: { EUR: 1000 }, stock: 1 },
        { sku: `${randomUUID()}`, options: { Size: 'M' }, prices: { EUR: 2000 }, stock: 1 },
      ],
    });
    const [small, medium] = Object.values(made.variantIds) as [string, string];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        app().db.transaction(async (tx) => {
          await tx
            .update(variantPrices)
            .set({ amount: 1000 + i })
            .where(eq(variantPrices.variantId, i % 2 ? small : medium));
          await tx
            .update(inventoryLevels)
            .set({ onHand: i % 3 })
            .where(eq(inventoryLevels.variantId, i % 2 ? medium : small));
        }),
      ),
    );
    // What a writer could not refresh (another held the product) is queued; the sweeper does it.
    const sweeper = startListingSweeper(app().db, capturingLogger().log, 60_000);
    await sweeper.sweepOnce();
    await sweeper.stop();
    const result = await app().db.execute(sql`
      select min(vp.amount)::text as min, bool_or(l.on_hand - l.reserved > 0) as stock
      from variants v join variant_prices vp on vp.variant_id = v.id
      join inventory_levels l on l.variant_id = v.id where v.product_id = ${made.id}`);
    const [expected] = rowsOf<{ min: string; stock: boolean }>(result);
    const item = (await caller().catalog.products.list({ categorySlug: cat.slug })).items[0];
    expect(item?.priceMin.amount).toBe(Number(expected?.min));
    expect(item?.inStock).toBe(expected?.stock);
  });
});

/** A database handle of its own on the test database, recording the statements it sends. */
async function recordingDb(maxConnections: number) {
  const statements: string[] = [];
  const handle = await createDb({
    databaseUrl: app().testDb.url,
    maxConnections,
    // postgres.js looks up array types once per connection: the driver's, not the listing's.
    onQuery: (query) => {
      if (!query.includes('pg_catalog.pg_type')) statements.push(query);
    },
  });
  return { handle, statements };
}

describe('SQL statements per listing page', () => {
  it('is the same for 20 and 100 items, at most 3, for a search with filters too', async () => {
    const { handle, statements } = await recordingDb(2);
    try {
      const catalog = createCatalogService(handle.db);
      const cat = await category('Counted');
      for (let i = 0; i < 110; i++) {
        await product({
          title: `Counted Quenda ${i}`,
          categoryId: cat.id,
          options: [{ name: 'Colour', values: ['Red'] }],
          variants: [
            {
              sku: `${randomUUID()}`,
              options: { Colour: 'Red' },
              prices: { EUR: 100 + i },
              stock: 1,
            },
          ],
        });
      }
      const count = async (input: Parameters<typeof catalog.listProducts>[0]) => {
        statements.length = 0;
        const page = await catalog.listProducts(input);
        return { statements: statements.length, items: page.items.length };
      };
      for (const input of [
        { categorySlug: cat.slug },
        { q: 'quenda', options: { Colour: ['Red'] }, sort: 'price_asc' as const, inStock: true },
      ]) {
        const small = await count({ ...input, limit: 20 });
        const large = await count({ ...input, limit: 100 });
        expect(small.items).toBe(20);
        expect(large.items).toBe(100);
        expect(large.statements).toBe(small.statements);
        expect(small.statements).toBeLessThanOrEqual(3);
      }
    } finally {
      await handle.close();
    }
  });
});

describe('a listing page is planned once, not per request', () => {
  // With `limit $n`, PostgreSQL's generic plan of the page statement assumes thousands of rows
  // (on 100,000 products: hash joins over every product, 45 ms), so it re-plans each execution
  // (~0.4 ms). A small test database plans both ways alike, so the text is checked as well.
  it('sends every storefront LIMIT in the text, and reuses one plan after a few pages', async () => {
    // One connection, so its prepared statements are the ones the pages used.
    const { handle, statements } = await recordingDb(1);
    try {
      const catalog = createCatalogService(handle.db);
      const cat = await category('Planned');
      for (let i = 0; i < 30; i++)
        await product({ title: `Planned Numbat ${i}`, categoryId: cat.id });
      for (let i = 0; i < 8; i++) await catalog.listProducts({ limit: 20, sort: 'newest' });
      await catalog.listProducts({ q: 'numbta', limit: 24 });
      await catalog.suggestProducts({ q: 'numb', limit: 5 });
      const limits = statements.join('\n').match(/\blimit\s+[$\w]+/gi) ?? [];
      expect(limits).toContain('limit 21');
      expect(limits).toContain('limit 25');
      expect(limits.filter((limit) => /\$\d/.test(limit))).toEqual([]);

      // The one connection's prepared statements: how often the page statement was planned.
      const [page] = rowsOf<{ generic_plans: number }>(
        await handle.db.execute(sql`
          select generic_plans::int from pg_prepared_statements
          where statement like '%row_number() over%' and statement like '%limit 21%'`),
      );
      expect(page?.generic_plans).toBeGreaterThanOrEqual(2);
    } finally {
      await handle.close();
    }
  });
});
