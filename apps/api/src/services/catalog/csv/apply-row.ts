import type { Database } from '@bazaar/db';
import {
  inventoryLevels,
  products,
  variantOptionValues,
  variantPrices,
  variants,
} from '@bazaar/db/schema';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../db.ts';
import { changeStock } from '../../inventory/stock.ts';
import { upsertVariantPrices } from '../../pricing/variant-prices.ts';
import { upsertOption, upsertOptionValue } from '../options.ts';
import { upsertProducts } from './products.ts';
import { type ImportRow, liveKey, optionKeyOf, RowError } from './rows.ts';

/** Per-import memory, so rows of one product write it once. */
export interface ImportState {
  /** Product slug → id and the fields written. */
  products: Map<string, { id: string; fields: string }>;
  /** `productId option=value@position` → ids of that option and value, once written. */
  values: Map<string, { optionId: string; valueId: string }>;
}

/**
 * Writes one checked row, statement by statement: the import's careful path, used for a chunk
 * the bulk path could not take, so that each row can be refused alone in its savepoint.
 * Throws RowError (or a database error) for what the database refuses.
 */
export async function applyRow(tx: Tx, state: ImportState, row: ImportRow, actorId: string) {
  /** Option ids this row wrote, remembered only once the row commits. */
  const written: [string, { optionId: string; valueId: string }][] = [];
  let product = state.products.get(row.slug);
  if (product?.fields !== row.fields) {
    const [saved] = await upsertProducts(tx, [row]);
    const id =
      saved?.id ??
      (await tx.select({ id: products.id }).from(products).where(eq(products.slug, row.slug)))[0]
        ?.id;
    product = { id: id as string, fields: row.fields };
  }
  const productId = product.id;

  const links: { optionId: string; valueId: string }[] = [];
  for (const [position, option] of row.options.entries()) {
    const key = `${productId} ${option.name}=${option.value}@${position}`;
    let ids = state.values.get(key);
    if (!ids) {
      const optionId = await upsertOption(tx, productId, option.name, position);
      const valueId = await upsertOptionValue(tx, optionId, option.value, 'keep');
      ids = { optionId, valueId };
      written.push([key, ids]);
    }
    links.push(ids);
  }

  const variantTitle = row.options.map((o) => o.value).join(' / ') || 'Default';
  // Written only when something changed: an unchanged variant costs one read, not an update
  // (and its trigger and deferred uniqueness check) per row.
  const [upserted] = await tx
    .insert(variants)
    .values({
      productId,
      sku: row.sku,
      title: variantTitle,
      position: sql`(select count(*) from ${variants} v where v.product_id = ${productId})`,
      archivedAt: row.archived ? new Date() : null,
    })
    .onConflictDoUpdate({
      target: variants.sku,
      set: {
        title: variantTitle,
        archivedAt: row.archived ? sql`coalesce(${variants.archivedAt}, now())` : null,
      },
      setWhere: sql`${variants.productId} = ${productId} and (${variants.title} is distinct from ${variantTitle} or (${variants.archivedAt} is null) = ${row.archived})`,
    })
    .returning({ id: variants.id, optionKey: variants.optionKey });
  const variant =
    upserted ??
    (
      await tx
        .select({ id: variants.id, optionKey: variants.optionKey })
        .from(variants)
        .where(and(eq(variants.sku, row.sku), eq(variants.productId, productId)))
    )[0];
  if (!variant) throw new RowError('sku', 'Another product has this SKU');
  const variantId = variant.id;

  if (liveKey(variant.optionKey) !== optionKeyOf(links)) {
    await tx.delete(variantOptionValues).where(eq(variantOptionValues.variantId, variantId));
    if (links.length) {
      await tx
        .insert(variantOptionValues)
        .values(links.map((l) => ({ variantId, productId, ...l })));
    }
  }
  const emptied = row.priced.filter((c) => !row.prices.some((p) => p.currency === c));
  if (emptied.length) {
    await tx
      .delete(variantPrices)
      .where(and(eq(variantPrices.variantId, variantId), inArray(variantPrices.currency, emptied)));
  }
  await upsertVariantPrices(
    tx,
    row.prices.map((p) => ({ variantId, ...p })),
  );

  const [level] = await tx
    .insert(inventoryLevels)
    .values({ variantId, onHand: 0, lowStockThreshold: row.threshold })
    .onConflictDoUpdate({
      target: inventoryLevels.variantId,
      set: { lowStockThreshold: row.threshold },
      setWhere: sql`${inventoryLevels.lowStockThreshold} is distinct from ${row.threshold}`,
    })
    .returning({ onHand: inventoryLevels.onHand });
  const current =
    level ??
    (
      await tx
        .select({ onHand: inventoryLevels.onHand })
        .from(inventoryLevels)
        .where(eq(inventoryLevels.variantId, variantId))
    )[0];
  if (current?.onHand !== row.onHand) {
    await changeStock(tx as unknown as Database, {
      variantId,
      change: { kind: 'set', onHand: row.onHand, reason: 'import' },
      actorId,
      note: 'CSV import',
    });
  }
  state.products.set(row.slug, product);
  for (const [k, ids] of written) state.values.set(k, ids);
}
