import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/client.ts';
import {
  categories,
  currencies,
  inventoryLevels,
  productImages,
  productOptions,
  products,
  stockMovements,
  variantPrices,
  variants,
} from '../src/schema/index.ts';
import {
  buildDemoRows,
  colourKey,
  escapeXml,
  renderDemoImage,
  seedDemoCatalog,
  seedDemoIfEmpty,
  seedLargeCatalog,
} from '../src/seed/index.ts';
import {
  createTemplateDatabase,
  createTestDatabase,
  dropDatabase,
  type TestDatabase,
} from '../src/testing.ts';

/** A migrated, empty template; every test clones its own databases from it. */
let template: string;
const opened: TestDatabase[] = [];

beforeAll(async () => {
  template = await createTemplateDatabase();
}, 60_000);

afterAll(async () => {
  await Promise.all(opened.map((d) => d.drop()));
  if (template) await dropDatabase(template);
}, 60_000);

/** A fresh migrated database of this test's own. */
async function freshDb(): Promise<Database> {
  const database = await createTestDatabase(template);
  opened.push(database);
  return database.handle.db;
}

/** A fresh database holding the demo catalog. */
async function seededDb(): Promise<Database> {
  const db = await freshDb();
  await seedDemoCatalog(db);
  return db;
}

/** Slug, SKU, price, stock and option data in a stable order: everything but the random ids. */
async function catalogFingerprint(db: Database) {
  return db
    .select({
      slug: products.slug,
      status: products.status,
      createdAt: products.createdAt,
      category: categories.slug,
      sku: variants.sku,
      title: variants.title,
      options: sql<string>`(select string_agg(o.name || '=' || ov.value, ',' order by o.position)
        from variant_option_values x join product_options o on o.id = x.option_id
        join product_option_values ov on ov.id = x.value_id where x.variant_id = ${variants.id})`,
      prices: sql<string>`(select string_agg(p.currency || p.amount || '/' || coalesce(p.compare_at_amount, 0), ',' order by p.currency)
        from variant_prices p where p.variant_id = ${variants.id})`,
      stock: inventoryLevels.onHand,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .innerJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id))
    .orderBy(asc(variants.sku));
}

describe('demo and large catalog seeding (PostgreSQL)', () => {
  it('seeds the demo catalog once', async () => {
    const a = await freshDb();
    expect(await seedDemoIfEmpty(a)).toBe(true);
    expect(await seedDemoIfEmpty(a)).toBe(false);

    const categoryCount = await a.$count(categories);
    const topLevel = await a.$count(categories, sql`${categories.parentId} is null`);
    const productCount = await a.$count(products);
    expect(categoryCount).toBeGreaterThanOrEqual(6);
    expect(topLevel).toBeGreaterThanOrEqual(6);
    expect(productCount).toBeGreaterThanOrEqual(55);
    expect(productCount).toBeLessThanOrEqual(65);

    const statuses = await a
      .select({ status: products.status, n: sql<number>`count(*)::int` })
      .from(products)
      .groupBy(products.status);
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    expect(byStatus).toMatchObject({ draft: 2, archived: 1 });
  });

  it('produces consistent variants, prices, stock and images', async () => {
    const a = await seededDb();
    const rows = await a
      .select({ sku: variants.sku, stock: inventoryLevels.onHand, productId: variants.productId })
      .from(variants)
      .innerJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id));
    expect(rows).toHaveLength(await a.$count(variants));
    const skus = rows.map((r) => r.sku);
    expect(new Set(skus).size).toBe(skus.length);
    expect(skus.every((s) => /^[A-Z0-9]+(-[A-Z0-9]+)+$/.test(s))).toBe(true);
    expect(rows.some((r) => r.stock === 0)).toBe(true);
    expect(rows.some((r) => r.stock >= 1 && r.stock <= 5)).toBe(true);

    // Every variant has a price in each of the three demo currencies; some are on sale.
    const shopCurrencies = await a.select().from(currencies).orderBy(asc(currencies.position));
    expect(shopCurrencies.map((c) => [c.code, c.isDefault])).toEqual([
      ['EUR', true],
      ['USD', false],
      ['GBP', false],
    ]);
    const prices = await a.select().from(variantPrices);
    expect(prices).toHaveLength(rows.length * 3);
    expect(prices.every((p) => Number.isInteger(p.amount) && p.amount > 0)).toBe(true);
    const onSale = prices.filter((p) => p.compareAtAmount !== null);
    expect(onSale.length).toBeGreaterThan(0);
    expect(onSale.every((p) => (p.compareAtAmount ?? 0) > p.amount)).toBe(true);

    // The stock each variant starts with is recorded as a movement.
    const movements = await a.select().from(stockMovements);
    expect(movements).toHaveLength(rows.filter((r) => r.stock > 0).length);
    const stockBySku = new Map(rows.map((r) => [r.productId + r.sku, r.stock]));
    expect(movements.every((m) => m.reason === 'initial' && m.onHandDelta === m.onHandAfter)).toBe(
      true,
    );
    expect(movements.reduce((sum, m) => sum + m.onHandDelta, 0)).toBe(
      [...stockBySku.values()].reduce((sum, n) => sum + n, 0),
    );

    // Options keep the order the demo data lists them in ("Colour" before "Size" on the tee).
    const sweater = await a
      .select({ name: productOptions.name })
      .from(productOptions)
      .innerJoin(products, eq(products.id, productOptions.productId))
      .where(eq(products.slug, 'organic-cotton-tee'))
      .orderBy(asc(productOptions.position));
    expect(sweater.map((o) => o.name)).toEqual(['Colour', 'Size']);

    const perProduct = await a
      .select({
        slug: products.slug,
        variants: sql<number>`(select count(*)::int from variants v where v.product_id = products.id)`,
        images: sql<number>`(select count(*)::int from product_images i where i.product_id = products.id and i.option_value_id is null)`,
        stock: sql<number>`(select coalesce(sum(on_hand), 0)::int from variants v join inventory_levels l on l.variant_id = v.id where v.product_id = products.id)`,
      })
      .from(products);
    for (const p of perProduct) {
      expect(p.variants, p.slug).toBeGreaterThanOrEqual(1);
      expect(p.variants, p.slug).toBeLessThanOrEqual(8);
      expect(p.images, p.slug).toBeGreaterThanOrEqual(1);
      expect(p.images, p.slug).toBeLessThanOrEqual(3);
    }
    expect(perProduct.filter((p) => p.stock === 0).length).toBeGreaterThanOrEqual(2);

    // Distinct timestamps make "newest first" deterministic.
    const created = await a.select({ createdAt: products.createdAt }).from(products);
    expect(new Set(created.map((c) => c.createdAt.getTime())).size).toBe(created.length);

    const images = await a
      .select({
        url: productImages.url,
        width: productImages.width,
        height: productImages.height,
        slug: products.slug,
      })
      .from(productImages)
      .innerJoin(products, eq(products.id, productImages.productId));
    for (const image of images) {
      const match = /^\/media\/demo\/([a-z0-9-]+-\d+(?:_[a-z-]+)?)\.svg$/.exec(image.url);
      expect(match, image.url).not.toBeNull();
      expect(image.url.startsWith(`/media/demo/${image.slug}-`)).toBe(true);
      const svg = renderDemoImage(match?.[1] ?? '');
      expect(svg).toContain(`width="${image.width}" height="${image.height}"`);
    }
  });

  it('is deterministic across databases', async () => {
    const [a, b] = await Promise.all([seededDb(), seededDb()]);
    const [fa, fb] = await Promise.all([catalogFingerprint(a), catalogFingerprint(b)]);
    expect(fa.length).toBeGreaterThan(100);
    expect(fb).toEqual(fa);
  });

  it('refuses to seed the demo catalog twice without the guard', async () => {
    const b = await seededDb();
    await expect(seedDemoCatalog(b)).rejects.toThrow();
    expect(await b.$count(products)).toBe(buildDemoRows().products.length);
  });

  it('adds a large generated catalog', async () => {
    const a = await seededDb();
    const before = await a.$count(products);
    const result = await seedLargeCatalog(a, { products: 2_000, batchSize: 750 });
    expect(result).toMatchObject({ products: 2_000, firstNumber: 1 });
    expect(await a.$count(products)).toBe(before + 2_000);
    expect(await a.$count(products, sql`${products.slug} like 'bench-%'`)).toBe(2_000);
    expect(await a.$count(variants, sql`${variants.sku} like 'BENCH-%'`)).toBe(result.variants);
    expect(
      await a.$count(productImages, sql`${productImages.url} like '/media/demo/bench-%'`),
    ).toBe(result.images);

    // Every bench product sits in a leaf category and has 1–8 variants: no option, a Colour, a
    // Size, or both, with one variant per combination and a picture per colour.
    const orphans = await a.$count(
      products,
      sql`${products.slug} like 'bench-%' and exists (select 1 from categories c where c.parent_id = products.category_id)`,
    );
    expect(orphans).toBe(0);
    const shapes = await a
      .select({ options: sql<string>`options`, n: sql<number>`count(*)::int` })
      .from(
        sql`(select p.id, coalesce((select string_agg(o.name || ':' || (select count(*) from product_option_values ov where ov.option_id = o.id), ',' order by o.position)
          from product_options o where o.product_id = p.id), '') as options,
          (select count(*) from variants v where v.product_id = p.id) as variants,
          (select coalesce(exp(sum(ln((select count(*) from product_option_values ov where ov.option_id = o.id)))), 1)::int
            from product_options o where o.product_id = p.id) as combinations
          from products p where p.slug like 'bench-%') as shapes`,
      )
      .where(sql`variants = combinations`)
      .groupBy(sql`options`);
    expect(shapes.reduce((sum, s) => sum + s.n, 0)).toBe(2_000);
    const kinds = new Set(shapes.map((s) => s.options.replace(/:\d/g, '')));
    expect(kinds).toEqual(new Set(['', 'Colour', 'Size', 'Colour,Size']));
    expect(result.images).toBe(
      2_000 +
        (await a.$count(
          productImages,
          sql`${productImages.optionValueId} is not null and ${productImages.url} like '/media/demo/bench-%\\_%.svg'`,
        )),
    );

    // Searchable: common words in thousands of titles at 100,000 products, rare ones in a few.
    const titled = (word: string) =>
      a.$count(
        products,
        sql`${products.slug} like 'bench-%' and ${products.title} ~ ${`\\m${word}\\M`}`,
      );
    expect(await titled('Tee')).toBeGreaterThan(100);
    expect(await titled('Zephyr')).toBeLessThanOrEqual(2);
    // The listings were refreshed once per batch although the triggers were deferred.
    const [listed] = await a
      .select({ n: sql<number>`count(*)::int` })
      .from(sql`product_listings l join products p on p.id = l.product_id`)
      .where(sql`p.slug like 'bench-%'`);
    expect(listed?.n).toBe(2_000 * 3);

    // The generated rows follow the model: prices in every shop currency, stock with its
    // movement, and a "Size" option whose values name each variant of a multi-variant product.
    const bench = sql`${variants.sku} like 'BENCH-%'`;
    const [model] = await a
      .select({
        prices: sql<number>`(select count(*)::int from variant_prices p join variants v on v.id = p.variant_id where v.sku like 'BENCH-%')`,
        levels: sql<number>`(select count(*)::int from inventory_levels l join variants v on v.id = l.variant_id where v.sku like 'BENCH-%')`,
        stocked: sql<number>`(select count(*)::int from inventory_levels l join variants v on v.id = l.variant_id where v.sku like 'BENCH-%' and l.on_hand > 0)`,
        movements: sql<number>`(select count(*)::int from stock_movements m join variants v on v.id = m.variant_id where v.sku like 'BENCH-%')`,
        unnamed: sql<number>`(select count(*)::int from variants v join products p on p.id = v.product_id
          where v.sku like 'BENCH-%' and (select count(*) from variants w where w.product_id = p.id) > 1
          and not exists (select 1 from variant_option_values x where x.variant_id = v.id))`,
      })
      .from(sql`(select 1) as one`);
    expect(model).toEqual({
      prices: result.variants * 3,
      levels: result.variants,
      stocked: model?.movements,
      movements: expect.any(Number),
      unnamed: 0,
    });
    expect(model?.movements).toBeGreaterThan(result.variants / 2);
    expect(await a.$count(variants, bench)).toBe(result.variants);

    // A second run continues the numbering instead of colliding.
    const again = await seedLargeCatalog(a, { products: 10 });
    expect(again.firstNumber).toBe(2_001);
    const [last] = await a
      .select({ slug: products.slug })
      .from(products)
      .where(sql`${products.slug} like 'bench-%'`)
      .orderBy(sql`${products.slug} desc`)
      .limit(1);
    expect(last?.slug).toBe('bench-002010');
  });
});

describe('demo catalog on PGlite', () => {
  it('migrates, seeds and generates on the embedded database too, with trigram search', async () => {
    const { createDb } = await import('../src/client.ts');
    const dir = mkdtempSync(join(tmpdir(), 'bazaar-pglite-'));
    const handle = await createDb({ pgliteDir: join(dir, 'pglite') });
    try {
      expect(handle.driver).toBe('pglite');
      await handle.migrate();
      const db = handle.db;
      expect(await seedDemoIfEmpty(db)).toBe(true);
      expect(await seedDemoIfEmpty(db)).toBe(false);
      const result = await seedLargeCatalog(db, { products: 300, batchSize: 128 });
      expect(await db.$count(products)).toBe(buildDemoRows().products.length + 300);
      expect(await db.$count(variants)).toBe(buildDemoRows().variants.length + result.variants);
      // pg_trgm is loaded, so the search indexes exist and trigram functions answer.
      const { rows } = (await db.execute(
        sql`select similarity('jacket', 'jakcet') as similarity`,
      )) as unknown as { rows: { similarity: number }[] };
      const [row] = rows;
      expect(row?.similarity).toBeGreaterThan(0);
      expect(
        await db.$count(products, sql`${products.title} ilike ${'%stoneware%'}`),
      ).toBeGreaterThan(0);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('renderDemoImage', () => {
  it('renders a valid SVG for demo keys', () => {
    for (const key of [
      'organic-cotton-tee-1',
      'stoneware-mug-2',
      'brass-desk-lamp-3',
      'dot-grid-notebook-1',
      'canvas-tote-bag-2',
      'single-origin-coffee-beans-3',
      'bench-000123-1',
    ]) {
      const svg = renderDemoImage(key);
      expect(svg, key).not.toBeNull();
      expect(svg?.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
      expect(svg?.trimEnd().endsWith('</svg>')).toBe(true);
      // Balanced, well-formed enough: every opened element is closed.
      const opened = (svg?.match(/<[a-z]+[\s>]/g) ?? []).length;
      const closed = (svg?.match(/<\/[a-z]+>|\/>/g) ?? []).length;
      expect(opened).toBe(closed);
    }
  });

  it('is named for the product, paints no caption, uses a portrait canvas for clothing, and is pure', () => {
    const tee = renderDemoImage('organic-cotton-tee-1');
    expect(tee).toContain('aria-label="Organic Cotton Tee"');
    expect(tee).toContain('<title>Organic Cotton Tee</title>');
    // Cropped pictures cut painted text in half, so the name is never drawn.
    expect(tee).not.toContain('<text');
    expect(tee).toContain('width="800" height="1000"');
    expect(renderDemoImage('stoneware-mug-1')).toContain('width="800" height="800"');
    expect(renderDemoImage('stoneware-mug-1')).toBe(renderDemoImage('stoneware-mug-1'));
    expect(renderDemoImage('stoneware-mug-1')).not.toBe(renderDemoImage('stoneware-mug-2'));
    expect(renderDemoImage('stoneware-mug-1')).not.toBe(renderDemoImage('enamel-camp-mug-1'));
  });

  it('paints the picture of a colour in that colour', () => {
    const navy = renderDemoImage('linen-camp-shirt-1_navy');
    const oat = renderDemoImage('linen-camp-shirt-1_oat');
    expect(navy).toContain('fill="#263a5c"');
    expect(oat).toContain('fill="#d9c9a8"');
    expect(navy).not.toBe(renderDemoImage('linen-camp-shirt-1'));
    expect(renderDemoImage('travel-wallet-1_dark-brown')).toContain('fill="#5a3d2b"');
    expect(colourKey('Speckled White')).toBe('speckled-white');
  });

  it('returns null for malformed keys', () => {
    for (const key of [
      '',
      'mug',
      'stoneware-mug',
      'Stoneware-Mug-1',
      '../etc/passwd-1',
      'mug-1.svg',
      'mug_1',
      '<script>-1',
      'mug-1 ',
      'mug-1_',
      'mug-1_purple',
      'mug-1_Navy',
      'mug-1_navy_oat',
      `${'a-'.repeat(200)}1`,
    ]) {
      expect(renderDemoImage(key), key).toBeNull();
    }
  });

  it('escapes text for XML', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
  });
});
