import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { categories, products } from '../schema/index.ts';
import { insertLargeBatch } from './large-batch.ts';

export interface LargeSeedOptions {
  /** How many products to add. */
  products: number;
  /** Products per transaction (default and most: {@link MAX_BATCH_SIZE}). */
  batchSize?: number;
  /** Called after every committed batch with the number of products inserted so far. */
  onProgress?: (inserted: number, total: number) => void;
}

/**
 * A listing refresh holds an advisory lock per product to its commit (migration 0011), in the
 * server's one lock table (64 per connection by default): 5,000 in one transaction ran out of it
 * while other sessions were busy.
 */
export const MAX_BATCH_SIZE = 1_000;

export interface LargeSeedResult {
  products: number;
  variants: number;
  images: number;
  /** Number of the first product added (`bench-000001` style slugs continue after earlier runs). */
  firstNumber: number;
}

/**
 * Adds `products` active products (slugs `bench-000123`), spread over the leaf categories by
 * their noun ("Tee" in Tops, "Mug" in Kitchen). Titles and descriptions come from word lists
 * with a skew (`large-words.ts`), so common words find thousands and rare ones a few. A product
 * has no options, a Colour (2–3 values), a Size (2–4) or both, and a variant for each
 * combination, priced in every currency of the shop (one in ten on sale), with stock and its
 * initial movement (one product in 25 sold out, and one variant in 12), a picture, and one per
 * colour.
 *
 * Each batch is its own transaction, so a stopped run keeps the batches it committed, and the
 * next run continues the numbering. Within a batch the listing triggers are deferred and the
 * listings refreshed once. Needs at least one category (seed the demo catalog first).
 */
export async function seedLargeCatalog(
  db: Database,
  options: LargeSeedOptions,
): Promise<LargeSeedResult> {
  const total = Math.floor(options.products);
  const batchSize = Math.min(
    MAX_BATCH_SIZE,
    Math.max(1, Math.floor(options.batchSize ?? MAX_BATCH_SIZE)),
  );
  if (!Number.isFinite(total) || total < 0)
    throw new Error('products must be a non-negative number');

  const [catCount] = await db.select({ n: sql<number>`count(*)::int` }).from(categories);
  if (!catCount || catCount.n === 0) {
    throw new Error('seedLargeCatalog needs existing categories; seed the demo catalog first');
  }
  const [last] = await db
    .select({ n: sql<number>`coalesce(max(substring(${products.slug} from 7)::int), 0)::int` })
    .from(products)
    .where(sql`${products.slug} ~ '^bench-[0-9]{1,9}$'`);
  const first = (last?.n ?? 0) + 1;

  const result: LargeSeedResult = { products: 0, variants: 0, images: 0, firstNumber: first };
  let nextAnalyze = 4 * batchSize;
  for (let done = 0; done < total; done += batchSize) {
    const from = first + done;
    const to = first + Math.min(total, done + batchSize) - 1;
    const counts = await db.transaction(async (tx) => {
      // JIT compilation costs ~0.3 s per statement here and buys nothing for row generation.
      await tx.execute(sql`set local jit = off`);
      // Migration 0012: the triggers leave the listings to the batch's one refresh.
      await tx.execute(sql`set local bazaar.listings_refresh = 'deferred'`);
      // The refresh's plans, cached by the session while the tables were small, took 20 s a
      // batch by 35,000 products (not 0.5 s): planned afresh for the sizes of now.
      await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
      return insertLargeBatch(tx, from, to);
    });
    result.products += counts.products;
    result.variants += counts.variants;
    result.images += counts.images;
    options.onProgress?.(result.products, total);
    // Statistics each time the generated products double, so plans follow the growing tables.
    if (result.products >= nextAnalyze && result.products < total) {
      await analyzeCatalog(db);
      nextAnalyze *= 2;
    }
  }
  if (total > 0) await analyzeCatalog(db);
  return result;
}

/**
 * Fresh statistics for the tables the generator fills: planned as if they were still small, a
 * lookup of 500 SKUs chose the trigram index and took 3.5 s instead of 4 ms (the CSV import's).
 */
async function analyzeCatalog(db: Database) {
  await db.execute(sql`analyze products, variants, variant_prices, inventory_levels,
    product_options, product_option_values, variant_option_values, product_images,
    product_listings, product_listing_counts, listing_option_sets, search_terms`);
}
