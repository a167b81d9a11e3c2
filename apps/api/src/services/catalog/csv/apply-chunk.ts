import {
  inventoryLevels,
  productOptions,
  productOptionValues,
  products,
  stockMovements,
  variantOptionValues,
  variantPrices,
  variants,
} from '@bazaar/db/schema';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Tx } from '../../../db.ts';
import { upsertVariantPrices, type VariantPrice } from '../../pricing/variant-prices.ts';
import type { ImportState } from './apply-row.ts';
import { upsertProducts } from './products.ts';
import { type ImportRow, liveKey, optionKeyOf, type ReportLine } from './rows.ts';

/**
 * `column` is one of `values`, for slugs and SKUs: as an IN list PostgreSQL may answer it from the
 * column's trigram index, which on SKUs sharing a prefix (ACME-00012-…) took 2.4–7 s per chunk of
 * 500 (a catalog of 4,000 variants); from `unnest` it probes the unique index or hashes (2–8 ms).
 */
const oneOf = (column: SQL | AnyPgColumn, values: string[]) =>
  sql`${column} in (select unnest(${sql.param(values)}::text[]))`;

/** Why a chunk must be applied row by row instead (its transaction is rolled back first). */
export class NeedsRowByRow extends Error {}

/** `(values ($1::uuid, $2::text), …)`: rows for an UPDATE … FROM or an IN list. */
function valuesOf(rows: unknown[][], types: string[]): SQL {
  return sql.join(
    rows.map(
      (row) =>
        sql`(${sql.join(
          row.map((value, i) => sql`${value}::${sql.raw(types[i] as string)}`),
          sql`, `,
        )})`,
    ),
    sql`, `,
  );
}

const unique = <T>(items: Iterable<T>) => [...new Set(items)];

interface Plan {
  row: ImportRow;
  productId: string;
  variantId: string;
  title: string;
  links: { optionId: string; valueId: string }[];
  existing?: { id: string; title: string; archived: boolean; optionKey: string };
}

/**
 * Applies a chunk of checked rows in a few statements per table instead of several per row: reads
 * what the database holds for the chunk's products and SKUs, then writes only the differences, each
 * table in one multi-row statement. Stock follows `changeStock`'s rules (a count never below what is
 * reserved, a movement for every change) for many variants at once.
 *
 * Rows whose SKU belongs to another product are reported and left out. Anything else the database
 * refuses (two variants with the same options, a count below reserved, a concurrent edit) fails the
 * chunk's transaction; the caller then applies it row by row, where each row can be refused alone.
 */
export async function applyChunk(
  tx: Tx,
  state: ImportState,
  rows: ImportRow[],
  actorId: string,
): Promise<{ report: ReportLine[]; products: Map<string, { id: string; fields: string }> }> {
  const skus = new Set<string>();
  for (const row of rows) {
    if (skus.has(row.sku)) throw new NeedsRowByRow(`SKU ${row.sku} is on two rows`);
    skus.add(row.sku);
  }
  const report: ReportLine[] = [];
  const written = new Map<string, { id: string; fields: string }>();
  if (!rows.length) return { report, products: written };

  const knownProducts = new Map(
    (
      await tx
        .select({ id: products.id, slug: products.slug })
        .from(products)
        .where(oneOf(products.slug, unique(rows.map((r) => r.slug))))
    ).map((p) => [p.slug, p.id]),
  );
  const knownVariants = new Map(
    (
      await tx
        .select({
          id: variants.id,
          sku: variants.sku,
          productId: variants.productId,
          title: variants.title,
          archived: sql<boolean>`${variants.archivedAt} is not null`,
          optionKey: variants.optionKey,
        })
        .from(variants)
        .where(oneOf(variants.sku, [...skus]))
    ).map((v) => [v.sku, v]),
  );
  const accepted = rows.filter((row) => {
    const variant = knownVariants.get(row.sku);
    if (variant && variant.productId !== knownProducts.get(row.slug)) {
      report.push({ row: row.line, field: 'sku', message: 'Another product has this SKU' });
      return false;
    }
    return true;
  });
  if (!accepted.length) return { report, products: written };

  // Products: each written once, with the fields of its last row; unchanged ones are not touched.
  const lastRowOf = new Map(accepted.map((row) => [row.slug, row]));
  const productIds = new Map<string, string>();
  const productWrites = [...lastRowOf.values()].filter((row) => {
    const remembered = state.products.get(row.slug);
    if (remembered?.fields !== row.fields) return true;
    productIds.set(row.slug, remembered.id);
    return false;
  });
  if (productWrites.length) {
    const saved = await upsertProducts(tx, productWrites);
    for (const p of saved) productIds.set(p.slug, p.id);
  }
  for (const row of lastRowOf.values()) {
    const id = productIds.get(row.slug) ?? knownProducts.get(row.slug);
    if (!id) throw new NeedsRowByRow(`product ${row.slug} changed meanwhile`);
    productIds.set(row.slug, id);
    written.set(row.slug, { id, fields: row.fields });
  }
  const idOf = (row: ImportRow) => productIds.get(row.slug) as string;
  const productIdList = unique(productIds.values());

  // Options at the rows' positions, then values (a new value goes last).
  const options = new Map(
    (
      await tx
        .select({
          id: productOptions.id,
          productId: productOptions.productId,
          name: productOptions.name,
          position: productOptions.position,
        })
        .from(productOptions)
        .where(inArray(productOptions.productId, productIdList))
    ).map((o) => [`${o.productId} ${o.name}`, o]),
  );
  const wantedOptions = new Map<string, { productId: string; name: string; position: number }>();
  for (const row of accepted) {
    for (const [position, { name }] of row.options.entries()) {
      wantedOptions.set(`${idOf(row)} ${name}`, { productId: idOf(row), name, position });
    }
  }
  const optionWrites = [...wantedOptions.entries()]
    .filter(([key, o]) => options.get(key)?.position !== o.position)
    .map(([, o]) => o);
  if (optionWrites.length) {
    const saved = await tx
      .insert(productOptions)
      .values(optionWrites)
      .onConflictDoUpdate({
        target: [productOptions.productId, productOptions.name],
        set: { position: sql`excluded.position` },
      })
      .returning({
        id: productOptions.id,
        productId: productOptions.productId,
        name: productOptions.name,
        position: productOptions.position,
      });
    for (const o of saved) options.set(`${o.productId} ${o.name}`, o);
  }
  const optionIdOf = (row: ImportRow, name: string) =>
    (options.get(`${idOf(row)} ${name}`) as { id: string }).id;
  const optionIds = unique([...options.values()].map((o) => o.id));
  const existingValues = optionIds.length
    ? await tx
        .select({
          id: productOptionValues.id,
          optionId: productOptionValues.optionId,
          value: productOptionValues.value,
        })
        .from(productOptionValues)
        .where(inArray(productOptionValues.optionId, optionIds))
    : [];
  const valueIds = new Map(existingValues.map((v) => [`${v.optionId} ${v.value}`, v.id]));
  const valueCounts = new Map<string, number>();
  for (const v of existingValues)
    valueCounts.set(v.optionId, (valueCounts.get(v.optionId) ?? 0) + 1);
  const newValues = new Map<string, { optionId: string; value: string; position: number }>();
  for (const row of accepted) {
    for (const { name, value } of row.options) {
      const optionId = optionIdOf(row, name);
      const key = `${optionId} ${value}`;
      if (valueIds.has(key) || newValues.has(key)) continue;
      const position = valueCounts.get(optionId) ?? 0;
      valueCounts.set(optionId, position + 1);
      newValues.set(key, { optionId, value, position });
    }
  }
  if (newValues.size) {
    const saved = await tx
      .insert(productOptionValues)
      .values([...newValues.values()])
      .returning({
        id: productOptionValues.id,
        optionId: productOptionValues.optionId,
        value: productOptionValues.value,
      });
    for (const v of saved) valueIds.set(`${v.optionId} ${v.value}`, v.id);
  }

  // Variants: new ones in one insert (placed after the product's others), changed ones in one update.
  const plans: Plan[] = accepted.map((row) => ({
    row,
    productId: idOf(row),
    variantId: knownVariants.get(row.sku)?.id ?? '',
    title: row.options.map((o) => o.value).join(' / ') || 'Default',
    links: row.options.map(({ name, value }) => {
      const optionId = optionIdOf(row, name);
      return { optionId, valueId: valueIds.get(`${optionId} ${value}`) as string };
    }),
    existing: knownVariants.get(row.sku),
  }));
  const created = plans.filter((p) => !p.existing);
  if (created.length) {
    const counts = new Map(
      (
        await tx
          .select({ productId: variants.productId, count: sql<number>`count(*)::int` })
          .from(variants)
          .where(inArray(variants.productId, unique(created.map((p) => p.productId))))
          .groupBy(variants.productId)
      ).map((c) => [c.productId, c.count]),
    );
    const saved = await tx
      .insert(variants)
      .values(
        created.map((p) => {
          const position = counts.get(p.productId) ?? 0;
          counts.set(p.productId, position + 1);
          return {
            productId: p.productId,
            sku: p.row.sku,
            title: p.title,
            position,
            archivedAt: p.row.archived ? new Date() : null,
          };
        }),
      )
      .returning({ id: variants.id, sku: variants.sku });
    const ids = new Map(saved.map((v) => [v.sku, v.id]));
    for (const p of created) p.variantId = ids.get(p.row.sku) as string;
  }
  const changed = plans.filter(
    (p) => p.existing && (p.existing.title !== p.title || p.existing.archived !== p.row.archived),
  );
  if (changed.length) {
    await tx.execute(sql`
      update variants set title = v.title,
        archived_at = case when v.archived then coalesce(variants.archived_at, now()) end
      from (values ${valuesOf(
        changed.map((p) => [p.variantId, p.title, p.row.archived]),
        ['uuid', 'text', 'boolean'],
      )}) as v(id, title, archived)
      where variants.id = v.id`);
  }

  // Option links where they differ; the database recomputes each variant's key and checks at
  // commit that no two live variants of a product share one.
  const relinked = plans.filter(
    (p) => liveKey(p.existing?.optionKey ?? '') !== optionKeyOf(p.links),
  );
  const unlinked = relinked.filter((p) => p.existing).map((p) => p.variantId);
  if (unlinked.length) {
    await tx.delete(variantOptionValues).where(inArray(variantOptionValues.variantId, unlinked));
  }
  const links = relinked.flatMap((p) =>
    p.links.map((l) => ({ variantId: p.variantId, productId: p.productId, ...l })),
  );
  if (links.length) await tx.insert(variantOptionValues).values(links);

  await writePrices(tx, plans);
  await writeStock(tx, plans, actorId);
  return { report, products: written };
}

/** Prices that differ are upserted; an empty cell in a currency's column removes that price. */
async function writePrices(tx: Tx, plans: Plan[]) {
  const existingIds = plans.filter((p) => p.existing).map((p) => p.variantId);
  const current = new Map(
    (existingIds.length
      ? await tx
          .select({
            variantId: variantPrices.variantId,
            currency: variantPrices.currency,
            amount: variantPrices.amount,
            compareAtAmount: variantPrices.compareAtAmount,
          })
          .from(variantPrices)
          .where(inArray(variantPrices.variantId, existingIds))
      : []
    ).map((p) => [`${p.variantId} ${p.currency}`, p]),
  );
  const removals: [string, string][] = [];
  const upserts: VariantPrice[] = [];
  for (const { row, variantId } of plans) {
    for (const currency of row.priced) {
      const wanted = row.prices.find((p) => p.currency === currency);
      const held = current.get(`${variantId} ${currency}`);
      if (!wanted) {
        if (held) removals.push([variantId, currency]);
      } else if (
        held?.amount !== wanted.amount ||
        held.compareAtAmount !== wanted.compareAtAmount
      ) {
        upserts.push({ variantId, ...wanted });
      }
    }
  }
  if (removals.length) {
    await tx.execute(
      sql`delete from variant_prices where (variant_id, currency) in (${valuesOf(removals, ['uuid', 'text'])})`,
    );
  }
  await upsertVariantPrices(tx, upserts);
}

/**
 * Stock levels and thresholds. A new variant starts at its count (an `import` movement records
 * it); an existing one is counted like `changeStock`'s `set`: its row locked, never below what is
 * reserved, the movement's delta against the level it replaces.
 */
async function writeStock(tx: Tx, plans: Plan[], actorId: string) {
  const existingIds = plans.filter((p) => p.existing).map((p) => p.variantId);
  const levels = new Map(
    (existingIds.length
      ? await tx
          .select({
            variantId: inventoryLevels.variantId,
            onHand: inventoryLevels.onHand,
            threshold: inventoryLevels.lowStockThreshold,
          })
          .from(inventoryLevels)
          .where(inArray(inventoryLevels.variantId, existingIds))
      : []
    ).map((l) => [l.variantId, l]),
  );
  const fresh = plans.filter((p) => !levels.has(p.variantId));
  if (fresh.length) {
    const saved = await tx
      .insert(inventoryLevels)
      .values(
        fresh.map((p) => ({
          variantId: p.variantId,
          onHand: p.row.onHand,
          lowStockThreshold: p.row.threshold,
        })),
      )
      .onConflictDoNothing()
      .returning({ variantId: inventoryLevels.variantId });
    if (saved.length !== fresh.length) throw new NeedsRowByRow('stock levels changed meanwhile');
    const stocked = fresh.filter((p) => p.row.onHand !== 0);
    if (stocked.length) {
      await tx.insert(stockMovements).values(
        stocked.map((p) => ({
          variantId: p.variantId,
          reason: 'import' as const,
          onHandDelta: p.row.onHand,
          onHandAfter: p.row.onHand,
          reservedAfter: 0,
          actorId,
          note: 'CSV import',
        })),
      );
    }
  }
  const thresholds = plans.filter((p) => {
    const level = levels.get(p.variantId);
    return level && level.threshold !== p.row.threshold;
  });
  if (thresholds.length) {
    await tx.execute(sql`
      update inventory_levels set low_stock_threshold = v.threshold
      from (values ${valuesOf(
        thresholds.map((p) => [p.variantId, p.row.threshold]),
        ['uuid', 'int'],
      )}) as v(variant_id, threshold)
      where inventory_levels.variant_id = v.variant_id`);
  }
  const counted = plans.filter((p) => {
    const level = levels.get(p.variantId);
    return level && level.onHand !== p.row.onHand;
  });
  if (counted.length) {
    const [result] = rowsOf<{ counted: number }>(
      await tx.execute(sql`
        with wanted as (
          select * from (values ${valuesOf(
            counted.map((p) => [p.variantId, p.row.onHand]),
            ['uuid', 'int'],
          )}) as v(variant_id, on_hand)
        ), locked as (
          select l.variant_id, l.on_hand as before, w.on_hand as after
          from inventory_levels l join wanted w on w.variant_id = l.variant_id
          for update of l
        ), counted as (
          update inventory_levels l set on_hand = locked.after, updated_at = now()
          from locked
          where l.variant_id = locked.variant_id and locked.after >= l.reserved
          returning l.variant_id, l.on_hand, l.reserved, locked.before
        ), moved as (
          insert into stock_movements
            (variant_id, reason, on_hand_delta, reserved_delta, on_hand_after, reserved_after, actor_id, note)
          select variant_id, 'import', on_hand - before, 0, on_hand, reserved, ${actorId}::uuid, 'CSV import'
          from counted where on_hand <> before
        )
        select count(*)::int as counted from counted`),
    );
    if (result?.counted !== counted.length) {
      throw new NeedsRowByRow('a count is below the units reserved for orders');
    }
  }
}
