/**
 * `pnpm db:seed [--reset] [--products N] [--batch-size N]`
 *
 * - no flags: migrates, then seeds the demo catalog if the database has no categories yet;
 * - `--reset`: empties the catalog tables first (TRUNCATE … CASCADE: rows of other tables that
 *   reference the catalog, e.g. order lines, go too — this is a development tool);
 * - `--products N`: additionally adds N generated products (`bench-000001`, …) for load testing,
 *   in transactions of `--batch-size` products (default and most 1,000): a stopped run keeps the
 *   batches it committed, and the next one continues the numbering.
 *
 * Uses `DATABASE_URL` when set, otherwise the embedded PGlite database in `PGLITE_DIR`
 * (default `<repo>/.data/pglite`), as the API does.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createDb } from '../client.ts';
import { categories, productImages, products, variants } from '../schema/index.ts';
import { seedDemoIfEmpty } from '../seed/demo.ts';
import { MAX_BATCH_SIZE, seedLargeCatalog } from '../seed/large.ts';
import { type CliDatabase, cliDatabase } from './database.ts';

const Args = z.object({
  reset: z.boolean(),
  products: z.coerce.number().int().min(0).max(10_000_000).optional(),
  batchSize: z.coerce.number().int().min(1).max(MAX_BATCH_SIZE).optional(),
});

function usage(message?: string): never {
  if (message) console.error(`db:seed: ${message}`);
  console.error('Usage: pnpm db:seed [--reset] [--products N] [--batch-size N]');
  process.exit(2);
}

function parseCli() {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        reset: { type: 'boolean', default: false },
        products: { type: 'string' },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  if (values.help) usage();
  const args = Args.safeParse({
    reset: values.reset,
    products: values.products,
    batchSize: values['batch-size'],
  });
  if (!args.success) usage(z.prettifyError(args.error));
  let target: CliDatabase;
  try {
    target = cliDatabase();
  } catch (error) {
    usage((error as Error).message);
  }
  return { ...args.data, target };
}

function fmt(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

async function main() {
  const args = parseCli();
  const started = performance.now();
  const { databaseUrl, pgliteDir, label } = args.target;
  const handle = await createDb({ databaseUrl, pgliteDir, maxConnections: 2 });
  console.log(`db:seed: using ${label}`);
  try {
    await handle.migrate();

    if (args.reset) {
      await handle.db.execute(
        sql`truncate table product_images, variants, products, categories cascade`,
      );
      console.log('db:seed: catalog tables truncated');
    }

    let t = performance.now();
    const seeded = await seedDemoIfEmpty(handle.db);
    console.log(
      seeded
        ? `db:seed: demo catalog seeded in ${fmt(performance.now() - t)}`
        : 'db:seed: catalog not empty, demo catalog skipped (use --reset to start over)',
    );

    if (args.products) {
      t = performance.now();
      let lastLog = t;
      const result = await seedLargeCatalog(handle.db, {
        products: args.products,
        batchSize: args.batchSize,
        onProgress: (done, total) => {
          if (performance.now() - lastLog > 2000 && done < total) {
            lastLog = performance.now();
            console.log(`db:seed: … ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
          }
        },
      });
      const ms = performance.now() - t;
      console.log(
        `db:seed: added ${result.products.toLocaleString('en')} products, ` +
          `${result.variants.toLocaleString('en')} variants, ${result.images.toLocaleString('en')} images ` +
          `in ${fmt(ms)} (${Math.round(result.products / (ms / 1000)).toLocaleString('en')} products/s)`,
      );
    }

    // Fresh statistics: without them PostgreSQL plans the catalog queries on a just-filled
    // database as if the tables were empty (a category page took 100 s at 100,000 products).
    await handle.db.execute(sql`analyze`);

    const db = handle.db;
    const [c, p, v, i] = await Promise.all([
      db.$count(categories),
      db.$count(products),
      db.$count(variants),
      db.$count(productImages),
    ]);
    const counts = { categories: c, products: p, variants: v, images: i };
    console.log('db:seed: totals', counts);
    console.log(`db:seed: done in ${fmt(performance.now() - started)}`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error('db:seed failed:', error);
  process.exit(1);
});
