import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/client.ts';
import { categories, productImages, products, variants } from '../src/schema/index.ts';
import {
  buildDemoRows,
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
      options: variants.options,
      price: variants.priceAmount,
      currency: variants.currency,
      stock: variants.stock,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
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

  it('produces consistent variants, stock and images', async () => {
    const a = await seededDb();
    const rows = await a
      .select({
        sku: variants.sku,
        stock: variants.stock,
        price: variants.priceAmount,
        currency: variants.currency,
        productId: variants.productId,
      })
      .from(variants);
    const skus = rows.map((r) => r.sku);
    expect(new Set(skus).size).toBe(skus.length);
    expect(skus.every((s) => /^[A-Z0-9]+(-[A-Z0-9]+)+$/.test(s))).toBe(true);
    expect(rows.every((r) => r.stock >= 0 && Number.isInteger(r.price) && r.price > 0)).toBe(true);
    expect(rows.some((r) => r.stock === 0)).toBe(true);
    expect(rows.some((r) => r.stock >= 1 && r.stock <= 5)).toBe(true);

    const perProduct = await a
      .select({
        slug: products.slug,
        variants: sql<number>`(select count(*)::int from variants v where v.product_id = products.id)`,
        images: sql<number>`(select count(*)::int from product_images i where i.product_id = products.id)`,
        currencies: sql<number>`(select count(distinct currency)::int from variants v where v.product_id = products.id)`,
        stock: sql<number>`(select coalesce(sum(stock), 0)::int from variants v where v.product_id = products.id)`,
      })
      .from(products);
    for (const p of perProduct) {
      expect(p.variants, p.slug).toBeGreaterThanOrEqual(1);
      expect(p.variants, p.slug).toBeLessThanOrEqual(8);
      expect(p.images, p.slug).toBeGreaterThanOrEqual(1);
      expect(p.images, p.slug).toBeLessThanOrEqual(3);
      expect(p.currencies, p.slug).toBe(1);
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
      const match = /^\/media\/demo\/([a-z0-9-]+-\d+)\.svg$/.exec(image.url);
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
    expect(result).toMatchObject({ products: 2_000, images: 2_000, firstNumber: 1 });
    expect(await a.$count(products)).toBe(before + 2_000);
    expect(await a.$count(products, sql`${products.slug} like 'bench-%'`)).toBe(2_000);
    expect(await a.$count(variants, sql`${variants.sku} like 'BENCH-%'`)).toBe(result.variants);
    expect(
      await a.$count(productImages, sql`${productImages.url} like '/media/demo/bench-%'`),
    ).toBe(2_000);

    // Every bench product sits in a leaf category and has 1–3 variants.
    const orphans = await a.$count(
      products,
      sql`${products.slug} like 'bench-%' and exists (select 1 from categories c where c.parent_id = products.category_id)`,
    );
    expect(orphans).toBe(0);
    const [spread] = await a
      .select({
        min: sql<number>`min(n)::int`,
        max: sql<number>`max(n)::int`,
      })
      .from(
        sql`(select count(*) as n from variants v join products p on p.id = v.product_id where p.slug like 'bench-%' group by p.id) as counts`,
      );
    expect(spread).toEqual({ min: 1, max: 3 });

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
  it('seeds and generates on the embedded database too', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const { migrationsFolder } = await import('../src/client.ts');
    const schema = await import('../src/schema/index.ts');
    const client = await PGlite.create();
    try {
      const db = drizzle({ client, schema, casing: 'snake_case' });
      await migrate(db, { migrationsFolder });
      expect(await seedDemoIfEmpty(db)).toBe(true);
      expect(await seedDemoIfEmpty(db)).toBe(false);
      const result = await seedLargeCatalog(db, { products: 300, batchSize: 128 });
      expect(await db.$count(products)).toBe(buildDemoRows().products.length + 300);
      expect(await db.$count(variants)).toBe(buildDemoRows().variants.length + result.variants);
    } finally {
      await client.close();
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

  it('uses the product name, a portrait canvas for clothing, and is pure', () => {
    const tee = renderDemoImage('organic-cotton-tee-1');
    expect(tee).toContain('Organic Cotton Tee');
    expect(tee).toContain('width="800" height="1000"');
    expect(renderDemoImage('stoneware-mug-1')).toContain('width="800" height="800"');
    expect(renderDemoImage('stoneware-mug-1')).toBe(renderDemoImage('stoneware-mug-1'));
    expect(renderDemoImage('stoneware-mug-1')).not.toBe(renderDemoImage('stoneware-mug-2'));
    expect(renderDemoImage('stoneware-mug-1')).not.toBe(renderDemoImage('enamel-camp-mug-1'));
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
