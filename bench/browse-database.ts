/**
 * The catalog benchmark's database, kept between runs: `bazaar_bench_100k` for 100,000 products
 * (`bazaar_bench_<N>` otherwise) on the test server (`TEST_DATABASE_URL`, default the local
 * PostgreSQL). Made, migrated and given the demo catalog when missing; topped up with generated
 * products (`seedLargeCatalog`, committed in batches, so a stopped run is continued) until it
 * holds at least N active ones. Left in place: the next run only checks it.
 */
import { sql } from '../packages/db/node_modules/drizzle-orm/index.js';
import { createDb } from '../packages/db/src/client.ts';
import { products as productsTable } from '../packages/db/src/schema/index.ts';
import { seedDemoIfEmpty, seedLargeCatalog } from '../packages/db/src/seed/index.ts';
import { databaseUrl, testServerUrl } from '../packages/db/src/testing.ts';

export interface BenchDatabase {
  name: string;
  url: string;
  /** Active products it holds (N or more). */
  products: number;
  /** Seconds spent adding products in this run; 0 when it was already seeded. */
  seededSeconds: number;
}

export const benchDatabaseName = (products: number) =>
  `bazaar_bench_${products % 1000 === 0 ? `${products / 1000}k` : products}`;

export async function benchCatalogDatabase(products: number): Promise<BenchDatabase> {
  const name = benchDatabaseName(products);
  const admin = await createDb({ databaseUrl: testServerUrl, maxConnections: 1 });
  try {
    const exists = await admin.db.$count(sql`pg_database`, sql`datname = ${name}`);
    if (!exists) await admin.db.execute(sql.raw(`create database "${name}"`));
  } finally {
    await admin.close();
  }
  const url = databaseUrl(name);
  const handle = await createDb({ databaseUrl: url, maxConnections: 2 });
  try {
    await handle.migrate();
    await seedDemoIfEmpty(handle.db);
    const count = () => handle.db.$count(productsTable, sql`status = 'active'`);
    const before = await count();
    let seededSeconds = 0;
    if (before < products) {
      const started = performance.now();
      let lastLog = started;
      console.log(`${name}: adding ${(products - before).toLocaleString('en')} products…`);
      await seedLargeCatalog(handle.db, {
        products: products - before,
        onProgress: (done, total) => {
          if (performance.now() - lastLog > 10_000 && done < total) {
            lastLog = performance.now();
            console.log(`  … ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
          }
        },
      });
      seededSeconds = (performance.now() - started) / 1000;
      console.log(`${name}: seeded in ${seededSeconds.toFixed(0)} s`);
    }
    // As a shop's database is after autovacuum: statistics, and the visibility map that lets
    // counts read indexes only (quick when nothing changed since the last run).
    await handle.db.execute(sql`vacuum analyze`);
    return { name, url, products: await count(), seededSeconds };
  } finally {
    await handle.close();
  }
}
