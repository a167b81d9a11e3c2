import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { categories, products } from '../schema/index.ts';

export interface LargeSeedOptions {
  /** How many products to add. */
  products: number;
  /** Products per INSERT statement (default 10,000). */
  batchSize?: number;
  /** Called after every batch with the number of products inserted so far. */
  onProgress?: (inserted: number, total: number) => void;
}

export interface LargeSeedResult {
  products: number;
  variants: number;
  images: number;
  /** Number of the first product added (`bench-000001` style slugs continue after earlier runs). */
  firstNumber: number;
}

/** Bench products are older than the demo catalog so the demo stays on top of "newest first". */
const BENCH_BASE_DATE = '2025-05-01T00:00:00Z';

const ADJECTIVES = [
  'Classic',
  'Everyday',
  'Heritage',
  'Modern',
  'Essential',
  'Compact',
  'Weekend',
  'Studio',
  'Field',
  'Coastal',
  'Nordic',
  'Urban',
];
const MATERIALS = [
  'Linen',
  'Cotton',
  'Wool',
  'Ceramic',
  'Oak',
  'Brass',
  'Canvas',
  'Leather',
  'Steel',
  'Recycled',
];
const NOUNS = [
  'Tote',
  'Mug',
  'Tee',
  'Notebook',
  'Lamp',
  'Bottle',
  'Blanket',
  'Scarf',
  'Print',
  'Candle',
  'Jar',
  'Cap',
  'Apron',
  'Tray',
];
const SIZES = ['Small', 'Medium', 'Large'];

const lit = (n: number) => sql.raw(String(Math.trunc(n)));

function textArray(values: readonly string[]) {
  return sql.raw(`(array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[])`);
}

/** Variants of bench product number `i`: 1–3, matching the SQL below. */
function variantCount(i: number): number {
  return 1 + (i % 3);
}

/**
 * Adds `products` active products (slugs `bench-000123`, 1–3 variants and one image each; a
 * product with several variants has a "Size" option; every variant is priced in every currency of
 * the shop and has its stock with an initial movement),
 * spread round-robin over the leaf categories, in one transaction. Rows are generated on the
 * server with `INSERT … SELECT generate_series(…)`, one statement per batch, so nothing but the
 * batch bounds travels over the wire. Needs at least one category (seed the demo catalog first).
 */
export async function seedLargeCatalog(
  db: Database,
  options: LargeSeedOptions,
): Promise<LargeSeedResult> {
  const total = Math.floor(options.products);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 10_000));
  if (!Number.isFinite(total) || total < 0)
    throw new Error('products must be a non-negative number');

  return db.transaction(async (tx) => {
    const [catCount] = await tx.select({ n: sql<number>`count(*)::int` }).from(categories);
    if (!catCount || catCount.n === 0) {
      throw new Error('seedLargeCatalog needs existing categories; seed the demo catalog first');
    }
    const [last] = await tx
      .select({
        n: sql<number>`coalesce(max(substring(${products.slug} from 7)::int), 0)::int`,
      })
      .from(products)
      .where(sql`${products.slug} ~ '^bench-[0-9]{1,9}$'`);
    const first = (last?.n ?? 0) + 1;

    // JIT compilation costs ~0.3 s per statement here and buys nothing for simple row generation.
    await tx.execute(sql`set local jit = off`);

    let variantTotal = 0;
    for (let done = 0; done < total; done += batchSize) {
      const from = first + done;
      const to = first + Math.min(total, done + batchSize) - 1;
      await tx.execute(sql`
        with leaf as (
          select array_agg(c.id order by c.position, c.slug) as ids from categories c
          where not exists (select 1 from categories ch where ch.parent_id = c.id)
        ),
        src as materialized (
          select g.i, gen_random_uuid() as id,
            'bench-' || lpad(g.i::text, greatest(6, length(g.i::text)), '0') as slug,
            ${textArray(ADJECTIVES)}[1 + g.i % ${lit(ADJECTIVES.length)}] || ' '
              || ${textArray(MATERIALS)}[1 + (g.i / ${lit(ADJECTIVES.length)}) % ${lit(MATERIALS.length)}] || ' '
              || ${textArray(NOUNS)}[1 + (g.i / ${lit(ADJECTIVES.length * MATERIALS.length)}) % ${lit(NOUNS.length)}]
              as title,
            leaf.ids[1 + g.i % cardinality(leaf.ids)] as category_id,
            ${BENCH_BASE_DATE}::timestamptz - g.i * interval '1 minute' as created_at,
            500 + ((g.i::bigint * 7919) % 190)::int * 50 as price
          from generate_series(${lit(from)}, ${lit(to)}) as g(i) cross join leaf
        ),
        var as materialized (
          select src.id as product_id, src.price, src.created_at, gen_random_uuid() as id, v.n,
            upper(src.slug) || '-' || v.n as sku,
            case when (src.i + v.n) % 11 = 0 then 0 else ((src.i::bigint * 31 + v.n * 17) % 97)::int end as stock,
            src.i % 3 <> 0 as sized
          from src cross join lateral generate_series(1, 1 + src.i % 3) as v(n)
        ),
        opt as materialized (
          select id as product_id, gen_random_uuid() as id from src where i % 3 <> 0
        ),
        val as materialized (
          select opt.id as option_id, var.id as variant_id, var.product_id, var.n,
            gen_random_uuid() as id
          from opt join var on var.product_id = opt.product_id
        ),
        ins_products as (
          insert into products (id, slug, title, description, status, category_id, created_at, updated_at)
          select id, slug, title,
            '<p>Benchmark product #' || i || ': a ' || lower(title) || ' generated for load testing.</p>',
            'active', category_id, created_at, created_at
          from src
        ),
        ins_variants as (
          insert into variants (id, product_id, sku, title, position, created_at)
          select id, product_id, sku,
            case when sized then ${textArray(SIZES)}[n] else 'Default' end, n - 1, created_at
          from var
        ),
        ins_options as (
          insert into product_options (id, product_id, name, position)
          select id, product_id, 'Size', 0 from opt
        ),
        ins_values as (
          insert into product_option_values (id, option_id, value, position)
          select id, option_id, ${textArray(SIZES)}[n], n - 1 from val
        ),
        ins_links as (
          insert into variant_option_values (variant_id, product_id, option_id, value_id)
          select variant_id, product_id, option_id, id from val
        ),
        ins_prices as (
          -- Every currency of the shop; the others are rounded conversions of the euro price.
          insert into variant_prices (variant_id, currency, amount)
          select var.id, c.code,
            case c.code when 'USD' then round((var.price + (var.n - 1) * 500) * 1.1 / 100) * 100
              when 'GBP' then round((var.price + (var.n - 1) * 500) * 0.85 / 100) * 100
              else var.price + (var.n - 1) * 500 end
          from var cross join currencies c
        ),
        ins_inventory as (
          insert into inventory_levels (variant_id, on_hand) select id, stock from var
        ),
        ins_movements as (
          insert into stock_movements (variant_id, reason, on_hand_delta, on_hand_after, reserved_after, note, created_at)
          select id, 'initial', stock, stock, 0, 'Generated catalog', created_at from var where stock > 0
        )
        insert into product_images (product_id, url, alt, width, height, position)
        select id, '/media/demo/' || slug || '-1.svg', title, 800, 800, 0 from src
      `);
      for (let i = from; i <= to; i++) variantTotal += variantCount(i);
      options.onProgress?.(to - first + 1, total);
    }
    return { products: total, variants: variantTotal, images: total, firstNumber: first };
  });
}
