import type { ProductFilters } from '@bazaar/contracts/server';
import { seedLargeCatalog } from '@bazaar/db/seed';
import { type SQL, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db.ts';
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

  it('number every listing by its option values, also after the values change', async () => {
    const db = app().db;
    const count = async (query: SQL) => rowsOf<{ n: number }>(await db.execute(query))[0]?.n;
    const misnumbered = () =>
      count(sql`select count(*)::int as n from product_listings pl
        join listing_option_sets s on s.id = pl.option_set_id
        where s.option_values <> pl.option_values`);
    const sets = () => count(sql`select count(*)::int as n from listing_option_sets`);
    const setsBefore = await sets();
    // Listings of the same values share a number: far fewer sets than listings.
    expect(setsBefore).toBeLessThan(400);
    expect(await misnumbered()).toBe(0);

    // A value renamed (one set becomes another, new one), variants archived (sets shrink).
    await db.execute(sql`update product_option_values set value = 'Heather Grey'
      where value = 'Navy'`);
    await db.execute(sql`update variants set archived_at = now() where id in (
      select v.id from variants v join products p on p.id = v.product_id
      where p.slug like 'bench-00003%' and v.position > 0)`);
    expect(await misnumbered()).toBe(0);
    expect(await sets()).toBeGreaterThan(setsBefore ?? 0);

    // The facets read by number agree with the kept counts, which count the arrays themselves.
    for (const filters of cases) await expectKeptAsRead(filters);
    const all = await caller().catalog.products.facets({ priceMin: 0 });
    const colours = all.options.find((o) => o.name === 'Colour')?.values.map((v) => v.value);
    expect(colours).toContain('Heather Grey');
    expect(colours).not.toContain('Navy');
    const chosen: Record<string, string[]>[] = [{ Colour: ['Heather Grey'] }, { Size: ['M', 'L'] }];
    for (const options of chosen) {
      const read = await caller().catalog.products.facets({ options, priceMin: 0 });
      const page = await caller().catalog.products.list({ options, limit: 1 });
      expect(read.total).toBe(page.total);
    }
  });
});
