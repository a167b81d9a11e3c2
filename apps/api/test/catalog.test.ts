import { schema } from '@bazaar/db';
import { TRPCError } from '@trpc/server';
import { eq, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers.ts';

const { products, categories, variants } = schema;
const app = useTestApp();
const caller = () => app().caller();

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

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

  it('summarises price range, stock and the first image', async () => {
    const { items } = await caller().catalog.products.list({ limit: 100 });
    const first = items[0];
    if (!first) throw new Error('no products');
    const rows = await app()
      .testDb.handle.db.select({ price: variants.priceAmount, stock: variants.stock })
      .from(variants)
      .where(eq(variants.productId, first.id));
    expect(first.priceMin.amount).toBe(Math.min(...rows.map((r) => r.price)));
    expect(first.priceMax.amount).toBe(Math.max(...rows.map((r) => r.price)));
    expect(first.inStock).toBe(rows.some((r) => r.stock > 0));
    expect(first.image?.url).toMatch(/^\/media\//);
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
      expect(Number.isInteger(variant.price.amount)).toBe(true);
      expect(variant.stock).toBeGreaterThanOrEqual(0);
    }
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

describe('stock', () => {
  it('is kept non-negative by the database itself', async () => {
    const db = app().db;
    const [variant] = await db.select({ id: variants.id }).from(variants).limit(1);
    if (!variant) throw new Error('no variants');
    const error = await db
      .update(variants)
      .set({ stock: -1 })
      .where(eq(variants.id, variant.id))
      .catch((e: unknown) => e);
    expect((error as { cause?: { constraint_name?: string } }).cause?.constraint_name).toBe(
      'variants_stock_nonnegative',
    );
  });
});
