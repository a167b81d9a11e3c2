/**
 * The statements `catalog.products.list` sends for an input, as text and parameters: the service
 * itself runs once on a Drizzle instance whose logger records them, so the baseline replays the
 * very SQL the API runs.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type ProductListInput, productListInputSchema } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { listProducts } from '../apps/api/src/services/catalog/product-list.ts';
import { drizzle } from '../packages/db/node_modules/drizzle-orm/postgres-js/index.js';
import type postgresModule from '../packages/db/node_modules/postgres/types/index.js';
import type { CapturedListing, CapturedStatement } from './browse-direct-server.ts';

const postgres = createRequire(join(import.meta.dirname, '../packages/db/package.json'))(
  'postgres',
) as typeof postgresModule;

export async function captureListing(
  databaseUrl: string,
  input: ProductListInput,
): Promise<CapturedListing> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const statements: CapturedStatement[] = [];
  const db = drizzle({
    client,
    casing: 'snake_case',
    logger: { logQuery: (text, params) => statements.push({ text, params }) },
  });
  try {
    const query = productListInputSchema.parse(input);
    await listProducts(db as unknown as Database, query);
    return { statements, limit: query.limit };
  } finally {
    await client.end();
  }
}
