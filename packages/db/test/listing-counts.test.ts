import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/client.ts';
import { seedDemoCatalog, seedLargeCatalog } from '../src/seed/index.ts';
import {
  createTemplateDatabase,
  createTestDatabase,
  dropDatabase,
  type TestDatabase,
} from '../src/testing.ts';

let template: string;
const opened: TestDatabase[] = [];

beforeAll(async () => {
  template = await createTemplateDatabase(async (handle) => {
    await seedDemoCatalog(handle.db);
    await seedLargeCatalog(handle.db, { products: 300 });
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(opened.map((d) => d.drop()));
  if (template) await dropDatabase(template);
}, 60_000);

async function fresh(): Promise<TestDatabase> {
  const database = await createTestDatabase(template);
  opened.push(database);
  return database;
}

type Row = Record<string, unknown>;
const rows = async (db: Database, query: ReturnType<typeof sql>) =>
  (await db.execute(query)) as unknown as Row[];

/** The counts as kept, and as counted from the listings now: they must be equal. */
async function keptAndCounted(db: Database) {
  const kept = await rows(
    db,
    sql`select currency, category_id, in_stock, facet, sum(n)::int as n from product_listing_counts
      group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4`,
  );
  const counted = await rows(
    db,
    sql`select currency, category_id, in_stock, f as facet, count(*)::int as n
      from product_listings, unnest(array_append(option_values, '')) f
      group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  );
  return { kept, counted };
}

/** Keys kept in more than one row. */
const unfolded = async (db: Database) =>
  (
    await rows(
      db,
      sql`select count(*)::int as n from (select 1 from product_listing_counts
        group by currency, category_id, in_stock, facet having count(*) > 1) k`,
    )
  )[0]?.n;

describe('product_listing_counts (migration 0013)', () => {
  it('follows the listings through inserts, stock flips, moves, edits and deletes', async () => {
    const { handle } = await fresh();
    const db = handle.db;
    const first = await keptAndCounted(db);
    expect(first.kept.length).toBeGreaterThan(100);
    expect(first.kept).toEqual(first.counted);

    await seedLargeCatalog(db, { products: 120, batchSize: 50 });
    // Sell out some products, move others to another category, drop variants (and so option
    // values), archive some, stop selling some in one currency.
    await db.execute(sql`update inventory_levels set on_hand = 0 where variant_id in (
      select v.id from variants v join products p on p.id = v.product_id
      where p.slug like 'bench-0000%')`);
    await db.execute(sql`update products set category_id = (select id from categories where slug = 'tops')
      where slug like 'bench-00001%'`);
    await db.execute(sql`delete from variants where position > 0 and product_id in (
      select id from products where slug like 'bench-00002%')`);
    await db.execute(sql`update products set status = 'archived' where slug like 'bench-00003%'`);
    await db.execute(sql`delete from variant_prices where currency = 'GBP' and variant_id in (
      select v.id from variants v join products p on p.id = v.product_id where p.slug like 'bench-00004%')`);
    const after = await keptAndCounted(db);
    expect(after.kept).toEqual(after.counted);
    expect(after.kept).not.toEqual(first.kept);
    expect(await unfolded(db)).toBe(0);

    await db.execute(sql`truncate table product_images, variants, products, categories cascade`);
    expect(await db.$count(sql`product_listing_counts`)).toBe(0);
  }, 60_000);

  it('lets concurrent writers through without waiting, and stays right', async () => {
    const { url } = await fresh();
    const { createDb } = await import('../src/client.ts');
    const a = await createDb({ databaseUrl: url, maxConnections: 1 });
    const b = await createDb({ databaseUrl: url, maxConnections: 1 });
    try {
      // Four Tops products in stock: A sells out two and holds the folded rows of Tops until it
      // commits; B sells out the other two meanwhile, changing the same keys.
      const tops = (
        await rows(
          a.db,
          sql`select l.product_id as id from product_listings l
            join categories c on c.id = l.category_id
            where c.slug = 'tops' and l.currency = 'EUR' and l.in_stock order by l.product_id limit 4`,
        )
      ).map((r) => r.id as string);
      expect(tops).toHaveLength(4);
      const sellOut = (ids: string[]) =>
        sql`update inventory_levels set on_hand = 0, reserved = 0 where variant_id in (
          select id from variants where product_id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}))`;
      let releaseA: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        releaseA = resolve;
      });
      let aChanged: () => void = () => {};
      const changed = new Promise<void>((resolve) => {
        aChanged = resolve;
      });
      const first = a.db.transaction(async (tx) => {
        await tx.execute(sellOut(tops.slice(0, 2)));
        aChanged();
        await held;
      });
      await changed;
      const started = performance.now();
      // Waiting for A would be a failure, not a hang.
      await b.db.execute(sql`set lock_timeout = '3s'`);
      await b.db.execute(sellOut(tops.slice(2)));
      expect(performance.now() - started).toBeLessThan(2_000);
      releaseA();
      await first;
      expect(await unfolded(a.db)).toBeGreaterThan(0);
      const now = await keptAndCounted(a.db);
      expect(now.kept).toEqual(now.counted);
      // The next change folds what was held.
      await a.db.execute(sql`update inventory_levels set on_hand = 5 where variant_id in (
        select id from variants where product_id = ${tops[0]}::uuid)`);
      expect(await unfolded(a.db)).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
