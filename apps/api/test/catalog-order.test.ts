import { randomUUID } from 'node:crypto';
import { categories } from '@bazaar/db/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertProduct } from './catalog-fixtures.ts';
import { useTestApp } from './helpers.ts';

/**
 * "Newest first" must be a total order: products created in the same microsecond (an import, a
 * bulk insert) are ordered by id, so every page boundary falls between two known rows and
 * pagination returns each product exactly once.
 */
const app = useTestApp();
const SLUG = 'same-moment';

/** Product ids of the category, as the expected order: newest first, then highest id first. */
let expected: string[] = [];

beforeAll(async () => {
  const db = app().db;
  const [category] = await db
    .insert(categories)
    .values({ slug: SLUG, name: 'Same moment', position: 99 })
    .returning({ id: categories.id });
  // Two instants, four and five products each. Inserted in ascending id order, so a sort that
  // ignores the id would most likely return them ascending, not descending.
  // Microseconds apart, which a JavaScript Date cannot even tell apart.
  const instants = ['2001-02-03 04:05:06.789123+00', '2001-02-03 04:05:06.789122+00'];
  const rows = instants.flatMap((createdAt, n) =>
    Array.from({ length: 4 + n }, () => ({ id: randomUUID(), createdAt })),
  );
  rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const [i, row] of rows.entries()) {
    await insertProduct(db, {
      id: row.id,
      slug: `${SLUG}-${i}`,
      categoryId: category?.id as string,
      createdAt: row.createdAt,
      variants: [{ sku: `SAME-${i}`, prices: { EUR: 1000 }, stock: 1 }],
    });
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : -1);
  expected = [
    ...rows.filter((r) => r.createdAt === instants[0]).sort(byId),
    ...rows.filter((r) => r.createdAt === instants[1]).sort(byId),
  ].map((r) => r.id);
});

async function pages(limit: number, categorySlug?: string) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 100; n++) {
    const page = await app().caller().catalog.products.list({ limit, cursor, categorySlug });
    seen.push(...page.items.map((p) => p.id));
    cursor = page.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('pagination did not end');
}

describe('products created at the same moment', () => {
  it.each([1, 2, 3, 4, 9, 10])('are each listed once, by id, in pages of %i', async (limit) => {
    expect(await pages(limit, SLUG)).toEqual(expected);
  });

  it('keep that order among the whole catalog', async () => {
    const all = await pages(7);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((id) => expected.includes(id))).toEqual(expected);
  });
});
