import { schema } from '@bazaar/db';
import { and, eq, ne, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertProduct } from './catalog-fixtures.ts';
import { rejection, useTestApp } from './helpers.ts';

const { products, categories, variants, variantPrices, inventoryLevels, variantOptionValues } =
  schema;
const app = useTestApp();
const caller = () => app().caller();

async function allPages(input: { categorySlug?: string; limit: number }) {
  const seen: { slug: string }[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const result = await caller().catalog.products.list({ ...input, cursor });
    expect(result.items.length).toBeLessThanOrEqual(input.limit);
    seen.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('pagination did not end');
}

describe('catalog.categories', () => {
  it('returns every category with active-product counts that include descendants', async () => {
    const list = await caller().catalog.categories();
    const db = app().db;
    expect(list).toHaveLength((await db.select().from(categories)).length);

    const activeByCategory = await db
      .select({ categoryId: products.categoryId })
      .from(products)
      .where(eq(products.status, 'active'));
    const childrenOf = (id: string) => list.filter((c) => c.parentId === id);
    const subtree = (id: string): string[] => [id, ...childrenOf(id).flatMap((c) => subtree(c.id))];
    for (const category of list) {
      const ids = new Set(subtree(category.id));
      const expected = activeByCategory.filter((p) => ids.has(p.categoryId)).length;
      expect(category.productCount, category.slug).toBe(expected);
    }
    expect(list.some((c) => c.parentId !== null)).toBe(true);
  });
});

describe('catalog.products.list', () => {
  it('pages through every active product exactly once, newest first', async () => {
    const db = app().db;
    const active = await db
      .select({ slug: products.slug, createdAt: products.createdAt })
      .from(products)
      .where(eq(products.status, 'active'));
    const seen = await allPages({ limit: 7 });
    const slugs = seen.map((p) => p.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect([...slugs].sort()).toEqual(active.map((p) => p.slug).sort());
    const created = new Map(active.map((p) => [p.slug, p.createdAt.getTime()]));
    const times = slugs.map((s) => created.get(s) ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('never lists draft or archived products', async () => {
    const hidden = await app()
      .testDb.handle.db.select({ slug: products.slug })
      .from(products)
      .where(ne(products.status, 'active'));
    expect(hidden.length).toBeGreaterThan(0);
    const seen = new Set((await allPages({ limit: 100 })).map((p) => p.slug));
    for (const { slug } of hidden) expect(seen.has(slug), slug).toBe(false);
  });

  it('filters by category including its descendants', async () => {
    const list = await caller().catalog.categories();
    const parent = list.find((c) => list.some((child) => child.parentId === c.id));
    if (!parent) throw new Error('demo catalog has no nested category');
    const items = await allPages({ categorySlug: parent.slug, limit: 5 });
    expect(items).toHaveLength(parent.productCount);
    const allowed = new Set([
      parent.slug,
      ...list.filter((c) => c.parentId === parent.id).map((c) => c.slug),
    ]);
    for (const item of await caller()
      .catalog.products.list({
        categorySlug: parent.slug,
        limit: 100,
      })
      .then((p) => p.items)) {
      expect(allowed.has(item.category.slug)).toBe(true);
    }
  });

  it.each(['EUR', 'USD', 'GBP'])(
    'summarises price range, sale, stock and the first image in %s',
    async (currency) => {
      const page = await caller().catalog.products.list({ limit: 100, currency });
      expect(page.currency).toBe(currency);
      expect(page.items.length).toBeGreaterThan(20);
      for (const item of page.items) {
        const rows = await app()
          .db.select({
            price: variantPrices.amount,
            compareAt: variantPrices.compareAtAmount,
            stock: sql<number>`${inventoryLevels.onHand} - ${inventoryLevels.reserved}`,
          })
          .from(variants)
          .innerJoin(
            variantPrices,
            and(eq(variantPrices.variantId, variants.id), eq(variantPrices.currency, currency)),
          )
          .innerJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id))
          .where(eq(variants.productId, item.id));
        const cheapest = rows.reduce((a, b) => (b.price < a.price ? b : a));
        // A listing never mixes currencies.
        expect([item.priceMin.currency, item.priceMax.currency]).toEqual([currency, currency]);
        expect(item.priceMin.amount, item.slug).toBe(cheapest.price);
        expect(item.priceMax.amount).toBe(Math.max(...rows.map((r) => r.price)));
        expect(item.compareAt).toEqual(
          cheapest.compareAt === null ? null : { amount: cheapest.compareAt, currency },
        );
        expect(item.inStock).toBe(rows.some((r) => r.stock > 0));
        expect(item.image?.url).toMatch(/^\/media\/demo\/[a-z0-9-]+-1\.svg$/);
      }
      expect(page.items.some((i) => i.compareAt !== null)).toBe(true);
    },
  );

  it('refuses a currency the shop does not sell in, naming the field', async () => {
    const error = await rejection(caller().catalog.products.list({ limit: 5, currency: 'JPY' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('The shop does not sell in JPY');
    const lower = await rejection(caller().catalog.products.list({ limit: 5, currency: 'eur' }));
    expect(lower.code).toBe('BAD_REQUEST');
  });

  it('lists a product only in the currencies it has a price in, with counts to match', async () => {
    const db = app().db;
    const euroOnly = await insertProduct(db, {
      slug: 'euro-only-lamp',
      variants: [{ sku: 'EURO-ONLY-1', prices: { EUR: 5000 }, stock: 3 }],
    });
    const inEuro = await allPages({ limit: 100 });
    expect(inEuro.map((p) => p.slug)).toContain('euro-only-lamp');
    const inDollars = [];
    let cursor: string | null = null;
    do {
      const page = await caller().catalog.products.list({ limit: 100, currency: 'USD', cursor });
      inDollars.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(inDollars.map((p) => p.slug)).not.toContain('euro-only-lamp');
    expect(inDollars).toHaveLength(inEuro.length - 1);

    const count = async (currency: string) =>
      (await caller().catalog.categories({ currency })).find((c) => c.id === euroOnly.categoryId)
        ?.productCount;
    expect(await count('EUR')).toBe(1);
    expect(await count('USD')).toBe(0);

    // Its page still opens in dollars, saying which currencies it is sold in.
    const page = await caller().catalog.products.bySlug({
      slug: 'euro-only-lamp',
      currency: 'USD',
    });
    expect(page.currency).toBe('USD');
    expect(page.currencies).toEqual(['EUR']);
    expect(page.variants.map((v) => v.price)).toEqual([null]);
  });

  it('ignores archived variants in prices and stock', async () => {
    await insertProduct(app().db, {
      slug: 'half-archived',
      options: [{ name: 'Size', values: ['S', 'M'] }],
      variants: [
        { sku: 'HALF-LIVE', options: { Size: 'S' }, prices: { EUR: 2000 }, stock: 0 },
        {
          sku: 'HALF-GONE',
          options: { Size: 'M' },
          prices: { EUR: 500 },
          stock: 9,
          archived: true,
        },
      ],
    });
    const { items } = await caller().catalog.products.list({ limit: 100 });
    const item = items.find((i) => i.slug === 'half-archived');
    expect(item?.priceMin.amount).toBe(2000);
    expect(item?.inStock).toBe(false);
    const page = await caller().catalog.products.bySlug({ slug: 'half-archived' });
    expect(page.variants.map((v) => v.sku)).toEqual(['HALF-LIVE']);
    // The archived variant's value is not offered either.
    expect(page.options).toEqual([{ name: 'Size', values: ['S'] }]);
  });

  it('rejects limit 1000 as BAD_REQUEST naming the field', async () => {
    const error = await rejection(caller().catalog.products.list({ limit: 1000 }));
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('rejects a forged cursor as BAD_REQUEST, not a 500', async () => {
    for (const cursor of [
      'garbage',
      Buffer.from('{"s":"newest","t":"x","i":"y"}').toString('base64url'),
    ]) {
      const error = await rejection(caller().catalog.products.list({ limit: 5, cursor }));
      expect(error.code).toBe('BAD_REQUEST');
    }
  });

  it('answers NOT_FOUND for an unknown category', async () => {
    const error = await rejection(
      caller().catalog.products.list({ limit: 5, categorySlug: 'no-such-category' }),
    );
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('catalog.products.bySlug', () => {
  it('returns the product with variants, options and images', async () => {
    const [withOptions] = await app()
      .testDb.handle.db.select({ slug: products.slug, productId: variants.productId })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(eq(products.status, 'active'))
      .orderBy(variants.sku);
    if (!withOptions) throw new Error('no variants');
    const product = await caller().catalog.products.bySlug({ slug: withOptions.slug });
    expect(product.slug).toBe(withOptions.slug);
    expect(product.variants.length).toBeGreaterThan(0);
    expect(product.images.length).toBeGreaterThan(0);
    for (const variant of product.variants) {
      for (const option of product.options) {
        expect(option.values).toContain(variant.options[option.name]);
      }
      expect(Number.isInteger(variant.price?.amount)).toBe(true);
      expect(variant.price?.currency).toBe('EUR');
      expect(variant.stock).toBeGreaterThanOrEqual(0);
    }
  });

  it('shows options and values in the order staff chose, with sale prices and low stock', async () => {
    await insertProduct(app().db, {
      slug: 'ordered-options',
      // Not alphabetical, not by length: only the stored position can give this order.
      options: [
        { name: 'Colour', values: ['Navy', 'Oat'] },
        { name: 'Size', values: ['XL', 'S', 'M'] },
      ],
      variants: [
        {
          sku: 'ORD-OAT-M',
          options: { Colour: 'Oat', Size: 'M' },
          prices: { EUR: 2500 },
          stock: 2,
        },
        {
          sku: 'ORD-NVY-XL',
          options: { Colour: 'Navy', Size: 'XL' },
          prices: { EUR: [2000, 3000] },
          stock: 40,
        },
        {
          sku: 'ORD-NVY-S',
          options: { Colour: 'Navy', Size: 'S' },
          prices: { EUR: 2000 },
          stock: 0,
        },
      ],
      images: [
        { url: '/media/demo/ordered-1.svg' },
        { url: '/media/demo/ordered-1_navy.svg', option: { name: 'Colour', value: 'Navy' } },
      ],
    });
    const product = await caller().catalog.products.bySlug({ slug: 'ordered-options' });
    expect(product.options).toEqual([
      { name: 'Colour', values: ['Navy', 'Oat'] },
      { name: 'Size', values: ['XL', 'S', 'M'] },
    ]);
    expect(
      product.variants.map((v) => [
        v.sku,
        v.options,
        v.price?.amount,
        v.compareAtPrice?.amount,
        v.lowStock,
      ]),
    ).toEqual([
      ['ORD-OAT-M', { Colour: 'Oat', Size: 'M' }, 2500, undefined, true],
      ['ORD-NVY-XL', { Colour: 'Navy', Size: 'XL' }, 2000, 3000, false],
      ['ORD-NVY-S', { Colour: 'Navy', Size: 'S' }, 2000, undefined, false],
    ]);
    expect(product.images.map((i) => [i.url, i.option])).toEqual([
      ['/media/demo/ordered-1.svg', null],
      ['/media/demo/ordered-1_navy.svg', { name: 'Colour', value: 'Navy' }],
    ]);
  });

  it('sends the description as safe HTML, whatever was written to the database', async () => {
    const { id } = await insertProduct(app().db, {
      slug: 'raw-description',
      variants: [{ sku: 'RAW-1', prices: { EUR: 100 } }],
    });
    await app()
      .db.update(products)
      .set({
        description:
          '<p onmouseover="x()">Hi<script>alert(1)</script></p><iframe src="//evil"></iframe>',
      })
      .where(eq(products.id, id));
    const page = await caller().catalog.products.bySlug({ slug: 'raw-description' });
    expect(page.description).toBe('<p>Hi</p>');
    // The demo's plain-text descriptions arrive as paragraphs.
    const tee = await caller().catalog.products.bySlug({ slug: 'organic-cotton-tee' });
    expect(tee.description).toMatch(/^<p>A midweight tee in GOTS-certified organic cotton.*<\/p>$/);
  });

  it('answers NOT_FOUND for an unknown slug and for a draft product', async () => {
    const [draft] = await app()
      .testDb.handle.db.select({ slug: products.slug })
      .from(products)
      .where(eq(products.status, 'draft'));
    for (const slug of ['does-not-exist', draft?.slug ?? 'missing-draft']) {
      const error = await rejection(caller().catalog.products.bySlug({ slug }));
      expect(error.code).toBe('NOT_FOUND');
    }
  });
});

describe('the database guards the catalog model', () => {
  const constraintOf = (error: unknown) =>
    (error as { cause?: { constraint_name?: string } }).cause?.constraint_name;

  it('keeps stock non-negative and reservations within it', async () => {
    const db = app().db;
    const [level] = await db.select().from(inventoryLevels).limit(1);
    if (!level) throw new Error('no stock');
    const negative = await db
      .update(inventoryLevels)
      .set({ onHand: -1, reserved: 0 })
      .where(eq(inventoryLevels.variantId, level.variantId))
      .catch((e: unknown) => e);
    expect(constraintOf(negative)).toBe('inventory_on_hand_nonnegative');
    const overReserved = await db
      .update(inventoryLevels)
      .set({ reserved: sql`${inventoryLevels.onHand} + 1` })
      .where(eq(inventoryLevels.variantId, level.variantId))
      .catch((e: unknown) => e);
    expect(constraintOf(overReserved)).toBe('inventory_reserved_within_on_hand');
  });

  it('refuses two variants of one product with the same option values', async () => {
    const db = app().db;
    const product = await insertProduct(db, {
      slug: 'twin-variants',
      options: [{ name: 'Size', values: ['S', 'M'] }],
      variants: [
        { sku: 'TWIN-S', options: { Size: 'S' }, prices: { EUR: 100 } },
        { sku: 'TWIN-M', options: { Size: 'M' }, prices: { EUR: 100 } },
      ],
    });
    const [small] = await db
      .select()
      .from(variantOptionValues)
      .where(eq(variantOptionValues.variantId, product.variantIds['TWIN-S'] as string));
    // Point M at S's value: the same combination twice.
    const error = await db
      .transaction(async (tx) => {
        await tx
          .update(variantOptionValues)
          .set({ valueId: small?.valueId as string })
          .where(eq(variantOptionValues.variantId, product.variantIds['TWIN-M'] as string));
      })
      .catch((e: unknown) => e);
    expect(constraintOf(error) ?? String((error as Error).cause ?? error)).toMatch(
      /variants_product_option_key_unique/,
    );
    // A value of another product's option is refused too.
    const other = await insertProduct(db, {
      slug: 'other-sizes',
      options: [{ name: 'Size', values: ['S'] }],
      variants: [{ sku: 'OTHER-S', options: { Size: 'S' }, prices: { EUR: 100 } }],
    });
    const [foreign] = await db
      .select()
      .from(variantOptionValues)
      .where(eq(variantOptionValues.variantId, other.variantIds['OTHER-S'] as string));
    const crossed = await db
      .update(variantOptionValues)
      .set({ optionId: foreign?.optionId as string, valueId: foreign?.valueId as string })
      .where(eq(variantOptionValues.variantId, product.variantIds['TWIN-M'] as string))
      .catch((e: unknown) => e);
    expect(constraintOf(crossed)).toBe('variant_option_values_option_fk');
  });

  it('lets an archived variant share its values with a live one, but not come back beside it', async () => {
    const db = app().db;
    const product = await insertProduct(db, {
      slug: 'reissued',
      variants: [
        { sku: 'REISSUE-OLD', prices: { EUR: 100 }, archived: true },
        { sku: 'REISSUE-NEW', prices: { EUR: 120 } },
      ],
    });
    const restore = await db
      .update(variants)
      .set({ archivedAt: null })
      .where(eq(variants.id, product.variantIds['REISSUE-OLD'] as string))
      .catch((e: unknown) => e);
    expect(String((restore as Error).cause ?? restore)).toMatch(
      /variants_product_option_key_unique/,
    );
  });

  it('never deletes a product that has variants: RESTRICT, archive instead', async () => {
    const db = app().db;
    const product = await insertProduct(db, {
      slug: 'kept-for-orders',
      variants: [{ sku: 'KEPT-1', prices: { EUR: 100 } }],
    });
    const error = await db
      .delete(products)
      .where(eq(products.id, product.id))
      .catch((e: unknown) => e);
    expect(constraintOf(error)).toBe('variants_product_id_products_id_fk');
    expect(await db.$count(variants, eq(variants.productId, product.id))).toBe(1);
  });

  it('refuses a sale price that is not above the price, and a currency the shop lacks', async () => {
    const db = app().db;
    const product = await insertProduct(db, {
      slug: 'price-guards',
      variants: [{ sku: 'GUARD-1', prices: { EUR: 1000 } }],
    });
    const variantId = product.variantIds['GUARD-1'] as string;
    const notASale = await db
      .update(variantPrices)
      .set({ compareAtAmount: 1000 })
      .where(eq(variantPrices.variantId, variantId))
      .catch((e: unknown) => e);
    expect(constraintOf(notASale)).toBe('variant_prices_compare_at_above_amount');
    const unknown = await db
      .insert(variantPrices)
      .values({ variantId, currency: 'JPY', amount: 100 })
      .catch((e: unknown) => e);
    expect(constraintOf(unknown)).toBe('variant_prices_currency_currencies_code_fk');
    // bigint: order totals beyond int4's 21 million euro fit.
    await db
      .update(variantPrices)
      .set({ amount: 9_000_000_000_000 })
      .where(eq(variantPrices.variantId, variantId));
    const page = await caller().catalog.products.bySlug({ slug: 'price-guards' });
    expect(page.variants[0]?.price).toEqual({ amount: 9_000_000_000_000, currency: 'EUR' });
  });
});
