import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../src/client.ts';
import { databaseUrl, dropDatabase, testServerUrl } from '../src/testing.ts';

/**
 * Migration 0003 moves a live catalog from the first model (one price, currency and stock counter
 * per variant, options as jsonb) to prices per currency, inventory and option rows.
 */

const created: string[] = [];
const folders: string[] = [];

afterAll(async () => {
  await Promise.all(created.map(dropDatabase));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The migrations folder as it was before migration `tag`. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'bazaar-migrations-'));
  folders.push(folder);
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((e) => e.tag === tag);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

/** A database migrated up to (not including) 0003, with `oldCatalog` inserted. */
async function oldDatabase(oldCatalog: string) {
  const name = `bazaar_mig_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  created.push(name);
  const sql = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
  const db = drizzle({ client: sql, casing: 'snake_case' });
  await migrate(db, { migrationsFolder: migrationsBefore('0003_commerce_catalog') });
  await sql.unsafe(oldCatalog);
  return { sql, migrateToLatest: () => migrate(db, { migrationsFolder }) };
}

const OLD_CATALOG = `
  insert into categories (id, slug, name) values ('00000000-0000-4000-8000-00000000c001', 'tops', 'Tops');
  insert into products (id, slug, title, status, category_id) values
    ('00000000-0000-4000-8000-00000000a001', 'tee', 'Tee', 'active', '00000000-0000-4000-8000-00000000c001'),
    ('00000000-0000-4000-8000-00000000a002', 'mug', 'Mug', 'active', '00000000-0000-4000-8000-00000000c001');
  insert into variants (product_id, sku, title, options, price_amount, currency, stock, position) values
    ('00000000-0000-4000-8000-00000000a001', 'TEE-M-NVY', 'M / Navy', '{"Size":"M","Colour":"Navy"}', 2400, 'EUR', 3, 0),
    ('00000000-0000-4000-8000-00000000a001', 'TEE-L-NVY', 'L / Navy', '{"Size":"L","Colour":"Navy"}', 2600, 'EUR', 0, 1),
    ('00000000-0000-4000-8000-00000000a001', 'TEE-M-OAT', 'M / Oat', '{"Size":"M","Colour":"Oat"}', 2400, 'EUR', 5, 2),
    ('00000000-0000-4000-8000-00000000a002', 'MUG', 'Default', '{}', 1000, 'USD', 7, 0);
`;

describe('migration 0003: the catalog moves to the commerce model (PostgreSQL)', () => {
  it('carries prices, currencies, stock and options over, keeping every variant', async () => {
    const { sql, migrateToLatest } = await oldDatabase(OLD_CATALOG);
    try {
      await migrateToLatest();

      // The currency most variants used becomes the default.
      expect(await sql`select code, is_default from currencies order by position`).toEqual([
        { code: 'EUR', is_default: true },
        { code: 'USD', is_default: false },
      ]);
      const prices = await sql`
        select v.sku, p.currency, p.amount::int as amount, p.compare_at_amount
        from variant_prices p join variants v on v.id = p.variant_id order by v.sku`;
      expect(prices).toEqual([
        { sku: 'MUG', currency: 'USD', amount: 1000, compare_at_amount: null },
        { sku: 'TEE-L-NVY', currency: 'EUR', amount: 2600, compare_at_amount: null },
        { sku: 'TEE-M-NVY', currency: 'EUR', amount: 2400, compare_at_amount: null },
        { sku: 'TEE-M-OAT', currency: 'EUR', amount: 2400, compare_at_amount: null },
      ]);
      expect(
        await sql`select v.sku, l.on_hand, l.reserved from inventory_levels l
          join variants v on v.id = l.variant_id order by v.sku`,
      ).toEqual([
        { sku: 'MUG', on_hand: 7, reserved: 0 },
        { sku: 'TEE-L-NVY', on_hand: 0, reserved: 0 },
        { sku: 'TEE-M-NVY', on_hand: 3, reserved: 0 },
        { sku: 'TEE-M-OAT', on_hand: 5, reserved: 0 },
      ]);
      // Stock that existed is explained by an initial movement.
      expect(
        await sql`select v.sku, m.reason, m.on_hand_delta from stock_movements m
          join variants v on v.id = m.variant_id order by v.sku`,
      ).toEqual([
        { sku: 'MUG', reason: 'initial', on_hand_delta: 7 },
        { sku: 'TEE-M-NVY', reason: 'initial', on_hand_delta: 3 },
        { sku: 'TEE-M-OAT', reason: 'initial', on_hand_delta: 5 },
      ]);

      // Options and values become rows; values keep the order the variants first used them.
      const options = await sql`
        select o.name, o.position, array_agg(v.value order by v.position) as values
        from product_options o join product_option_values v on v.option_id = o.id
        group by o.id order by o.position`;
      expect(options).toEqual([
        { name: 'Size', position: 0, values: ['M', 'L'] },
        { name: 'Colour', position: 1, values: ['Navy', 'Oat'] },
      ]);
      const combos = await sql`
        select v.sku, string_agg(o.name || '=' || ov.value, ',' order by o.position) as options
        from variants v join variant_option_values x on x.variant_id = v.id
        join product_options o on o.id = x.option_id join product_option_values ov on ov.id = x.value_id
        group by v.sku order by v.sku`;
      expect(combos).toEqual([
        { sku: 'TEE-L-NVY', options: 'Size=L,Colour=Navy' },
        { sku: 'TEE-M-NVY', options: 'Size=M,Colour=Navy' },
        { sku: 'TEE-M-OAT', options: 'Size=M,Colour=Oat' },
      ]);
      // The old columns are gone; the option key that guards uniqueness is filled in.
      const columns = await sql`select column_name from information_schema.columns
        where table_name = 'variants' order by column_name`;
      expect(columns.map((c) => c.column_name)).not.toContain('stock');
      const keys = await sql`select sku, option_key from variants order by sku`;
      expect(keys.find((k) => k.sku === 'MUG')?.option_key).toBe('');
      expect(new Set(keys.map((k) => k.option_key)).size).toBe(4);
    } finally {
      await sql.end();
    }
  });

  it('stops with the product named when two of its variants had the same options', async () => {
    const { sql, migrateToLatest } = await oldDatabase(`${OLD_CATALOG}
      insert into variants (product_id, sku, title, options, price_amount, currency, stock)
      values ('00000000-0000-4000-8000-00000000a001', 'TEE-M-NVY-2', 'M / Navy', '{"Colour":"Navy","Size":"M"}', 2400, 'EUR', 1);`);
    try {
      const failure = await migrateToLatest().then(
        () => null,
        (error: unknown) => error,
      );
      // Drizzle wraps the database's error; `pnpm db:migrate` prints the cause.
      expect((failure as Error | null)?.cause).toMatchObject({
        message: expect.stringMatching(/^Product tee has two variants with the same options/),
      });
      // Nothing was half-done: the old model is intact.
      const [row] = await sql`select count(*)::int as n from variants where stock is not null`;
      expect(row?.n).toBe(5);
    } finally {
      await sql.end();
    }
  });
});
