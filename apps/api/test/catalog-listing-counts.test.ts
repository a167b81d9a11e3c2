import type { ProductFilters } from '@bazaar/contracts/server';
import { seedLargeCatalog } from '@bazaar/db/seed';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from './helpers.ts';

const app = useTestApp();
const caller = () => app().caller();

/**
 * Pages with only a category and "in stock" chosen are counted from `product_listing_counts`;
 * `priceMin: 0` (every price) makes the service read the listings instead, so the two must agree.
 */
async function expectKeptAsRead(filters: ProductFilters) {
  const kept = await caller().catalog.products.facets(filters);
  const read = await caller().catalog.products.facets({ ...filters, priceMin: 0 });
  expect(kept, JSON.stringify(filters)).toEqual(read);
  const page = await caller().catalog.products.list({ ...filters, limit: 1 });
  const readPage = await caller().catalog.products.list({ ...filters, priceMin: 0, limit: 1 });
  expect(page.total).toBe(kept.total);
  expect(page.total).toBe(readPage.total);
  return kept;
}

const cases: ProductFilters[] = [
  {},
  { categorySlug: 'apparel' },
  { categorySlug: 'tops' },
  { inStock: true },
  { categorySlug: 'home-living', inStock: true },
  { currency: 'USD', categorySlug: 'outdoors' },
];

describe('listing counts kept by the database', () => {
  beforeAll(async () => {
    await seedLargeCatalog(app().db, { products: 400, batchSize: 150 });
  }, 60_000);

  it('give the facets and totals that reading the listings gives', async () => {
    for (const filters of cases) await expectKeptAsRead(filters);
    const all = await expectKeptAsRead({});
    expect(all.total).toBeGreaterThan(400);
    expect(all.inStock).toBeLessThan(all.total);
    expect(all.options.map((o) => o.name)).toEqual(expect.arrayContaining(['Colour', 'Size']));

    // One option value is counted from them too; two values of an option are read.
    const colour = all.options.find((o) => o.name === 'Colour')?.values[0];
    if (!colour) throw new Error('no colour facet');
    for (const options of [{ Colour: [colour.value] }, { Colour: ['Navy', 'Oat'] }]) {
      const page = await caller().catalog.products.list({ options, limit: 1 });
      const read = await caller().catalog.products.list({ options, priceMin: 0, limit: 1 });
      expect(page.total).toBe(read.total);
    }
    const navy = await caller().catalog.products.list({ options: { Colour: [colour.value] } });
    expect(navy.total).toBe(colour.count);
  });

  it('follow sales, moves and products leaving the shop', async () => {
    const db = app().db;
    await db.execute(sql`update inventory_levels set on_hand = 0, reserved = 0 where variant_id in (
      select v.id from variants v join products p on p.id = v.product_id
      where p.slug like 'bench-0000%')`);
    await db.execute(sql`update products set category_id = (select id from categories where slug = 'tops')
      where slug like 'bench-00001%'`);
    await db.execute(sql`update products set status = 'draft' where slug like 'bench-00002%'`);
    for (const filters of cases) await expectKeptAsRead(filters);
  });
});
