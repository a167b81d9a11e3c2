import { products } from '@bazaar/db/schema';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db.ts';
import { sanitizeRichText } from '../rich-text.ts';
import type { ImportRow } from './rows.ts';

/**
 * Upserts products by slug from import rows (one row per slug), their descriptions sanitised.
 * A product whose fields are unchanged is not touched (no version bump, which would refuse an
 * editor's open save) and so is not returned: the caller knows its id already or reads it.
 */
export function upsertProducts(tx: Tx, rows: readonly ImportRow[]) {
  return tx
    .insert(products)
    .values(
      rows.map((row) => ({
        slug: row.slug,
        title: row.title,
        status: row.status,
        categoryId: row.categoryId,
        // Sanitising costs milliseconds (a DOM): once per product, not once per variant row.
        description: sanitizeRichText(row.rawDescription),
      })),
    )
    .onConflictDoUpdate({
      target: products.slug,
      set: {
        title: sql`excluded.title`,
        status: sql`excluded.status`,
        categoryId: sql`excluded.category_id`,
        description: sql`excluded.description`,
        version: sql`${products.version} + 1`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`(${products.title}, ${products.status}, ${products.categoryId}, ${products.description}) is distinct from (excluded.title, excluded.status, excluded.category_id, excluded.description)`,
    })
    .returning({ id: products.id, slug: products.slug });
}
