import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import {
  ADJECTIVES,
  COLLECTIONS,
  COLOURS,
  DESCRIPTION_OPENINGS,
  DESCRIPTION_SENTENCES,
  MATERIALS,
  NOUNS,
  RARE_WORDS,
  SIZES,
} from './large-words.ts';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface BatchCounts {
  products: number;
  variants: number;
  images: number;
}

/** Bench products are older than the demo catalog so the demo stays on top of "newest first". */
const BENCH_BASE_DATE = '2025-05-01T00:00:00Z';

const lit = (n: number) => sql.raw(String(Math.trunc(n)));

function textArray(values: readonly string[]): SQL {
  return sql.raw(`(array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[])`);
}

/** A number in [0, 1) fixed by the product number and `salt`: the same catalog every run. */
function rnd(salt: number): SQL {
  return sql.raw(`((hashint8(g.i * 64 + ${salt}) & 2147483647)::float8 / 2147483648)`);
}

/** 1-based index into a list of `n` words, the first ones far more often (higher `skew`). */
function skewed(r: string, n: number, skew: number): SQL {
  return sql.raw(`(1 + least(${n - 1}, floor(${n} * power(${r}, ${skew}))::int))`);
}

/**
 * One batch of generated products, numbers `from`…`to`, in the caller's transaction: rows are
 * made on the server (`generate_series`, temporary tables dropped at commit) and written with one
 * statement per table. The caller has the listing triggers deferred and refreshes the listings.
 */
export async function insertLargeBatch(tx: Tx, from: number, to: number): Promise<BatchCounts> {
  const sizes = textArray(SIZES);
  const colours = textArray(COLOURS);
  // Random draws first, words after: every part of a product comes from its own number.
  await tx.execute(sql`
    create temp table bench_products on commit drop as
    with leaf as (
      select array_agg(c.id order by c.position, c.slug) as ids from categories c
      where not exists (select 1 from categories ch where ch.parent_id = c.id)
    ),
    nouns as (
      select n.ord::int as k, n.noun, n.sized,
        coalesce(c.id, leaf.ids[1 + n.ord::int % cardinality(leaf.ids)]) as category_id
      from unnest(${textArray(NOUNS.map((n) => n[0]))}, ${textArray(NOUNS.map((n) => n[1]))},
        ${sql.raw(`array[${NOUNS.map((n) => n[2]).join(', ')}]::boolean[]`)})
        with ordinality as n(noun, category, sized, ord)
      cross join leaf
      left join categories c on c.slug = n.category
        and not exists (select 1 from categories ch where ch.parent_id = c.id)
    ),
    draws as (
      select g.i, ${rnd(1)} as adjective, ${rnd(2)} as material, ${rnd(3)} as noun,
        ${rnd(4)} as collection, ${rnd(5)} as opening, ${rnd(6)} as sentence,
        ${rnd(7)} as sizes, ${rnd(8)} as size_from, ${rnd(9)} as colours,
        ${rnd(10)} as colour_from, ${rnd(11)} as price, ${rnd(12)} as sale, ${rnd(13)} as sold_out
      from generate_series(${lit(from)}, ${lit(to)}) as g(i)
    ),
    words as (
      select d.*, n.noun as noun_word, n.sized, n.category_id,
        case when d.i % 1009 = 7 then ${textArray(RARE_WORDS)}[1 + (d.i / 1009) % ${lit(RARE_WORDS.length)}]
          when d.collection < 0.15 then ${textArray(COLLECTIONS)}[${skewed('d.collection / 0.15', COLLECTIONS.length, 3)}]
        end as collection_word,
        case when d.adjective < 0.7 then ${textArray(ADJECTIVES)}[${skewed('d.adjective / 0.7', ADJECTIVES.length, 2)}] end
          as adjective_word,
        ${textArray(MATERIALS)}[${skewed('d.material', MATERIALS.length, 1.5)}] as material_word
      from draws d join nouns n on n.k = ${skewed('d.noun', NOUNS.length, 1.8)}
    )
    select w.i, gen_random_uuid() as id,
      'bench-' || lpad(w.i::text, greatest(6, length(w.i::text)), '0') as slug,
      concat_ws(' ', w.collection_word, w.adjective_word, w.material_word, w.noun_word) as title,
      -- Rich text, as the editor and the CSV import store it.
      '<p>Our ' || lower(concat_ws(' ', w.adjective_word, w.material_word, w.noun_word)) || ', '
        || ${textArray(DESCRIPTION_OPENINGS)}[1 + floor(w.opening * ${lit(DESCRIPTION_OPENINGS.length)})::int] || '. '
        || ${textArray(DESCRIPTION_SENTENCES)}[1 + floor(w.sentence * ${lit(DESCRIPTION_SENTENCES.length)})::int]
        || coalesce(' Part of the ' || w.collection_word || ' collection.', '') || '</p>' as description,
      w.category_id,
      ${BENCH_BASE_DATE}::timestamptz - w.i * interval '1 minute' as created_at,
      case when w.sized then 2 + floor(w.sizes * 3)::int else 0 end as sizes,
      -- Apparel comes in two colours half the time; other goods in two or three, 60% of the time.
      case when w.sized then (case when w.colours < 0.5 then 2 else 0 end)
        when w.colours < 0.6 then 2 + floor(w.colours / 0.3)::int % 2 else 0 end as colours,
      floor(w.colour_from * ${lit(COLOURS.length)})::int as colour_from,
      w.size_from,
      -- 4.95 … 299.95, most of them cheap.
      (round(5 * power(60, w.price)) * 100 - 5)::int as price,
      w.sale < 0.1 as on_sale,
      w.sold_out < 0.04 as sold_out
    from words w
  `);
  await tx.execute(sql`
    create temp table bench_variants on commit drop as
    with shaped as (
      select p.*, floor(p.size_from * (${lit(SIZES.length + 1)} - greatest(p.sizes, 1)))::int as size_first
      from bench_products p
    )
    select p.id as product_id, gen_random_uuid() as id, p.slug, p.created_at, p.on_sale,
      (c.k - 1) * greatest(p.sizes, 1) + s.k - 1 as position,
      case when p.colours > 0 then ${colours}[1 + (p.colour_from + c.k - 1) % ${lit(COLOURS.length)}] end as colour,
      case when p.sizes > 0 then ${sizes}[p.size_first + s.k] end as size,
      case when p.sold_out then 0 else stock.n end as stock,
      p.price + case when p.sizes > 0 and p.size_first + s.k >= 5 then 500 else 0 end as price
    from shaped p
    cross join lateral generate_series(1, greatest(p.colours, 1)) as c(k)
    cross join lateral generate_series(1, greatest(p.sizes, 1)) as s(k)
    cross join lateral (
      select (hashint8(p.i * 64 + 32 + c.k * 8 + s.k) & 2147483647)::float8 / 2147483648 as r
    ) as draw
    cross join lateral (
      select case when draw.r < 0.08 then 0 else 1 + floor(120 * draw.r * draw.r)::int end as n
    ) as stock
  `);
  // Colour before Size, as the demo's staff order them.
  await tx.execute(sql`
    create temp table bench_options on commit drop as
    select product_id, gen_random_uuid() as id, name,
      (row_number() over (partition by product_id order by name))::int - 1 as position
    from (select distinct product_id, 'Colour' as name from bench_variants where colour is not null
      union select distinct product_id, 'Size' from bench_variants where size is not null) as n
  `);
  await tx.execute(sql`
    create temp table bench_values on commit drop as
    select o.product_id, o.id as option_id, o.name, gen_random_uuid() as id, v.value,
      (row_number() over (partition by o.id order by min(v.position)))::int - 1 as position
    from bench_options o
    join (
      select product_id, 'Colour' as name, colour as value, position from bench_variants where colour is not null
      union all select product_id, 'Size', size, position from bench_variants where size is not null
    ) as v on v.product_id = o.product_id and v.name = o.name
    group by o.product_id, o.id, o.name, v.value
  `);
  await tx.execute(sql`analyze bench_products`);
  await tx.execute(sql`analyze bench_variants`);
  await tx.execute(sql`analyze bench_options`);
  await tx.execute(sql`analyze bench_values`);

  await tx.execute(sql`
    insert into products (id, slug, title, description, status, category_id, created_at, updated_at)
    select id, slug, title, description, 'active', category_id, created_at, created_at
    from bench_products
  `);
  await tx.execute(sql`
    insert into variants (id, product_id, sku, title, position, created_at)
    select id, product_id, upper(slug) || '-' || (position + 1),
      coalesce(nullif(concat_ws(' / ', colour, size), ''), 'Default'), position, created_at
    from bench_variants
  `);
  await tx.execute(sql`
    insert into product_options (id, product_id, name, position)
    select id, product_id, name, position from bench_options
  `);
  await tx.execute(sql`
    insert into product_option_values (id, option_id, value, position)
    select id, option_id, value, position from bench_values
  `);
  await tx.execute(sql`
    insert into variant_option_values (variant_id, product_id, option_id, value_id)
    select v.id, v.product_id, val.option_id, val.id
    from bench_variants v join bench_values val on val.product_id = v.product_id
      and val.value = case val.name when 'Colour' then v.colour else v.size end
  `);
  // Every currency of the shop; the others are rounded conversions of the euro price. The "was"
  // price is 1.5× so rounding never brings it down to the price.
  await tx.execute(sql`
    insert into variant_prices (variant_id, currency, amount, compare_at_amount)
    select v.id, c.code, conv.amount, case when v.on_sale then conv.was end
    from bench_variants v cross join currencies c
    cross join lateral (
      select case c.code when 'USD' then 1.1 when 'GBP' then 0.85 else 1 end as rate
    ) as r
    cross join lateral (
      select case when r.rate = 1 then v.price
          else (round(v.price * r.rate / 100) * 100 - 5)::bigint end as amount,
        (round(v.price * 1.5 * r.rate / 100) * 100 - 5)::bigint as was
    ) as conv
  `);
  await tx.execute(sql`
    insert into inventory_levels (variant_id, on_hand) select id, stock from bench_variants
  `);
  await tx.execute(sql`
    insert into stock_movements (variant_id, reason, on_hand_delta, on_hand_after, reserved_after, note, created_at)
    select id, 'initial', stock, stock, 0, 'Generated catalog', created_at from bench_variants where stock > 0
  `);
  // The product's picture, and one per colour (the demo images paint that colour).
  await tx.execute(sql`
    insert into product_images (product_id, option_value_id, url, alt, width, height, position)
    select id, null, '/media/demo/' || slug || '-1.svg', title, 800, 800, 0 from bench_products
    union all
    select p.id, v.id, '/media/demo/' || p.slug || '-1_' || lower(v.value) || '.svg',
      p.title || ' in ' || v.value, 800, 800, 1 + v.position
    from bench_values v join bench_products p on p.id = v.product_id where v.name = 'Colour'
  `);
  await tx.execute(
    sql`select refresh_product_listings(array(select id from bench_products)) is null`,
  );

  const [counts] = await tx
    .select({
      products: sql<number>`(select count(*) from bench_products)::int`,
      variants: sql<number>`(select count(*) from bench_variants)::int`,
      images: sql<number>`(select count(*) from bench_products)::int
        + (select count(*) from bench_values where name = 'Colour')::int`,
    })
    .from(sql`(select 1) as one`);
  if (!counts) throw new Error('the generated batch could not be counted');
  return counts;
}
