import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../src/client.ts';
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

/** Two connections to a fresh copy of the template, each its own writer; closed after `use`. */
async function withTwoWriters(use: (a: Database, b: Database) => Promise<void>) {
  const { url } = await fresh();
  const a = await createDb({ databaseUrl: url, maxConnections: 1 });
  const b = await createDb({ databaseUrl: url, maxConnections: 1 });
  try {
    await use(a.db, b.db);
  } finally {
    await a.close();
    await b.close();
  }
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

/**
 * Runs `change` in a transaction of `db` and holds it open (its locks and uncommitted rows) until
 * `commit()`, which resolves when it has committed.
 */
async function heldOpen(db: Database, change: ReturnType<typeof sql>) {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let changed: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    changed = resolve;
  });
  const transaction = db.transaction(async (tx) => {
    await tx.execute(change);
    changed();
    await held;
  });
  await Promise.race([done, transaction]);
  return {
    commit: () => {
      release();
      return transaction;
    },
  };
}

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
    await withTwoWriters(async (a, b) => {
      // Four Tops products in stock: A sells out two and holds the folded rows of Tops until it
      // commits; B sells out the other two meanwhile, changing the same keys.
      const tops = (
        await rows(
          a,
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
      const first = await heldOpen(a, sellOut(tops.slice(0, 2)));
      const started = performance.now();
      // Waiting for A would be a failure, not a hang.
      await b.execute(sql`set lock_timeout = '3s'`);
      await b.execute(sellOut(tops.slice(2)));
      expect(performance.now() - started).toBeLessThan(2_000);
      await first.commit();
      expect(await unfolded(a)).toBeGreaterThan(0);
      const now = await keptAndCounted(a);
      expect(now.kept).toEqual(now.counted);
      // The next change folds what was held.
      await a.execute(sql`update inventory_levels set on_hand = 5 where variant_id in (
        select id from variants where product_id = ${tops[0]}::uuid)`);
      expect(await unfolded(a)).toBe(0);
    });
  }, 60_000);
});

describe('listing_option_sets (migration 0016)', () => {
  it('keeps the listings vacuumed often, so facets read their index alone (0017)', async () => {
    const { handle } = await fresh();
    const [row] = await rows(
      handle.db,
      sql`select reloptions from pg_class where oid = 'product_listings'::regclass`,
    );
    expect(row?.reloptions).toEqual(
      expect.arrayContaining([
        'autovacuum_vacuum_scale_factor=0.01',
        'autovacuum_vacuum_insert_scale_factor=0.01',
      ]),
    );
  });

  /** Listings per option value, counted through the set numbers and from the arrays. */
  const byNumberAndByArray = async (db: Database) => ({
    byNumber: await rows(
      db,
      sql`select v, sum(n)::int as n from (
        select option_set_id, count(*) as n from product_listings group by 1) g
        join listing_option_sets s on s.id = g.option_set_id, unnest(s.option_values) v
        group by v order by v`,
    ),
    byArray: await rows(
      db,
      sql`select v, count(*)::int as n from product_listings, unnest(option_values) v
        group by v order by v`,
    ),
  });

  it('numbers every listing, also when two writers add the same new set at once', async () => {
    await withTwoWriters(async (a, b) => {
      const [first, second] = (
        await rows(
          a,
          sql`select product_id as id from product_listings where currency = 'EUR'
            order by product_id limit 2`,
        )
      ).map((r) => r.id as string);
      const values = ['Finish\u001fUltraviolet', 'Size\u001fXXXL'];
      const give = (id: string | undefined) =>
        sql`update product_listings set option_values = ${sql.param(values)}::text[]
          where product_id = ${id}::uuid`;
      // A adds the set and holds it uncommitted; B, not seeing it, adds it too.
      const inA = await heldOpen(a, give(first));
      const started = performance.now();
      await b.execute(sql`set lock_timeout = '3s'`);
      await b.execute(give(second));
      expect(performance.now() - started).toBeLessThan(2_000);
      await inA.commit();

      const numbered = await rows(
        a,
        sql`select pl.option_set_id as id, s.option_values = pl.option_values as right
          from product_listings pl join listing_option_sets s on s.id = pl.option_set_id
          where pl.product_id in (${first}::uuid, ${second}::uuid)`,
      );
      expect(numbered.length).toBeGreaterThanOrEqual(4);
      expect(numbered.every((r) => r.right === true)).toBe(true);
      // Two numbers for one set (what the migration allows), and counts through them still exact.
      expect(new Set(numbered.map((r) => r.id)).size).toBe(2);
      const { byNumber, byArray } = await byNumberAndByArray(a);
      expect(byNumber).toEqual(byArray);
      expect(byArray.find((r) => r.v === values[0])?.n).toBe(numbered.length);

      // A later writer finds the set and takes one of its numbers.
      const [third] = (
        await rows(
          a,
          sql`select product_id as id from product_listings
            where product_id not in (${first}::uuid, ${second}::uuid) order by product_id limit 1`,
        )
      ).map((r) => r.id as string);
      await a.execute(give(third));
      const sets = sql`listing_option_sets`;
      expect(await a.$count(sets, sql`option_values = ${sql.param(values)}::text[]`)).toBe(2);
      const again = await byNumberAndByArray(a);
      expect(again.byNumber).toEqual(again.byArray);
    });
  }, 60_000);
});
