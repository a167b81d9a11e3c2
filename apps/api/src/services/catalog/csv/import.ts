import { isPlainText, productStatusSchema, skuSchema, slugSchema } from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import {
  catalogImports,
  categories,
  inventoryLevels,
  productOptions,
  productOptionValues,
  products,
  variantOptionValues,
  variantPrices,
  variants,
} from '@bazaar/db/schema';
import { parse } from 'csv-parse/sync';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { isUniqueViolation, type Tx } from '../../../db.ts';
import { changeStock } from '../../inventory/stock.ts';
import { shopCurrencies } from '../../pricing/currencies.ts';
import { decimalToMinor } from '../../pricing/money-text.ts';
import { upsertOption, upsertOptionValue } from '../options.ts';
import { sanitizeRichText } from '../rich-text.ts';
import { BASE_COLUMNS, compareAtColumn, priceColumn, unescapeFormula } from './columns.ts';

type Row = Record<string, string>;
type ReportLine = { row: number; field: string; message: string };

class RowError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const REQUIRED = ['product_slug', 'product_title', 'category_slug', 'sku'] as const;

/**
 * Reads a CSV file (the export's columns, in any order) into rows, or says what is wrong with the
 * file as a whole: not CSV, a required column missing, a column the importer does not know.
 */
export function readCatalogCsv(
  text: string,
  currencies: readonly string[],
): { rows: Row[] } | { error: string } {
  let rows: Row[];
  try {
    rows = parse(text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
    });
  } catch (error) {
    return { error: `This is not a CSV file we can read: ${(error as Error).message}` };
  }
  const header = Object.keys(rows[0] ?? {});
  const known = new Set<string>([
    ...BASE_COLUMNS,
    ...currencies.flatMap((c) => [priceColumn(c), compareAtColumn(c)]),
  ]);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (rows.length && missing.length) return { error: `Missing columns: ${missing.join(', ')}` };
  const unknown = header.filter((c) => !known.has(c));
  if (unknown.length) {
    return {
      error: `Unknown columns: ${unknown.join(', ')} (prices need a column per currency the shop sells in)`,
    };
  }
  return { rows };
}

/** Per-import memory: category ids, and what was last written for each product. */
interface ImportState {
  categoryIds: Map<string, string>;
  currencies: string[];
  /** Product slug → id and the fields written, so repeated product rows write it once. */
  products: Map<string, { id: string; fields: string }>;
  /** `productId option=value@position` → ids of that option and value, once written. */
  values: Map<string, { optionId: string; valueId: string }>;
}

const cell = (row: Row, column: string) => unescapeFormula((row[column] ?? '').trim());

function count(row: Row, column: string, optional: boolean): number | null {
  const text = cell(row, column);
  if (optional && text === '') return null;
  if (!/^\d{1,9}$/.test(text)) throw new RowError(column, 'Enter a whole number, 0 or more');
  return Number(text);
}

function plain(
  row: Row,
  column: string,
  max: number,
  required: boolean,
  multiline = false,
): string {
  const text = cell(row, column);
  if (required && !text) throw new RowError(column, 'This column is required');
  if (text.length > max) throw new RowError(column, `At most ${max} characters`);
  if (!isPlainText(text, { multiline })) {
    throw new RowError(column, 'Remove control characters');
  }
  return text;
}

/** Checks one row and writes it; throws RowError for what the row gets wrong. */
async function applyRow(tx: Tx, state: ImportState, row: Row, actorId: string) {
  /** Option ids this row wrote, remembered only once the row commits. */
  const written: [string, { optionId: string; valueId: string }][] = [];
  const slug = slugSchema.safeParse(cell(row, 'product_slug'));
  if (!slug.success) throw new RowError('product_slug', 'A lowercase slug (a-z, 0-9, hyphens)');
  const title = plain(row, 'product_title', 200, true);
  const statusText = cell(row, 'status') || 'draft';
  const status = productStatusSchema.safeParse(statusText);
  if (!status.success) throw new RowError('status', 'One of active, draft, archived');
  const categoryId = state.categoryIds.get(cell(row, 'category_slug'));
  if (!categoryId) throw new RowError('category_slug', 'No category has this slug');
  const rawDescription = plain(row, 'description', 20_000, false, true);
  const sku = skuSchema.safeParse(cell(row, 'sku'));
  if (!sku.success) throw new RowError('sku', sku.error.issues[0]?.message ?? 'Invalid SKU');
  const archivedText = cell(row, 'archived').toLowerCase();
  if (!['', 'yes', 'no', 'true', 'false'].includes(archivedText)) {
    throw new RowError('archived', 'yes or empty');
  }
  const archived = archivedText === 'yes' || archivedText === 'true';
  const onHand = count(row, 'on_hand', false) ?? 0;
  const threshold = count(row, 'low_stock_threshold', true);
  const options: { name: string; value: string }[] = [];
  for (const n of [1, 2, 3]) {
    const name = plain(row, `option${n}_name`, 50, false);
    const value = plain(row, `option${n}_value`, 50, false);
    if (!name && !value) continue;
    if (!name || !value)
      throw new RowError(
        `option${n}_${name ? 'value' : 'name'}`,
        'Give the option a name and a value',
      );
    if (options.some((o) => o.name === name))
      throw new RowError(`option${n}_name`, 'Each option once');
    options.push({ name, value });
  }
  const prices: { currency: string; amount: number; compareAtAmount: number | null }[] = [];
  const priced = state.currencies.filter((c) => priceColumn(c) in row);
  for (const currency of priced) {
    const text = cell(row, priceColumn(currency));
    const wasText = cell(row, compareAtColumn(currency));
    if (text === '') {
      if (wasText) throw new RowError(compareAtColumn(currency), 'A “was” price needs a price');
      continue;
    }
    const amount = decimalToMinor(text, currency);
    if (amount === null) throw new RowError(priceColumn(currency), 'An amount such as 29.00');
    const compareAt = wasText === '' ? null : decimalToMinor(wasText, currency);
    if (compareAt === null && wasText !== '') {
      throw new RowError(compareAtColumn(currency), 'An amount such as 39.00');
    }
    if (compareAt !== null && compareAt <= amount) {
      throw new RowError(compareAtColumn(currency), 'The “was” price must be above the price');
    }
    prices.push({ currency, amount, compareAtAmount: compareAt });
  }

  // The product, written once per import unless a later row changes its fields.
  const fields = JSON.stringify([title, status.data, categoryId, rawDescription]);
  let product = state.products.get(slug.data);
  if (product?.fields !== fields) {
    // Sanitising costs milliseconds (a DOM): once per product, not once per variant row.
    const description = sanitizeRichText(rawDescription);
    const [saved] = await tx
      .insert(products)
      .values({ slug: slug.data, title, status: status.data, categoryId, description })
      .onConflictDoUpdate({
        target: products.slug,
        set: {
          title,
          status: status.data,
          categoryId,
          description,
          version: sql`${products.version} + 1`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: products.id });
    product = { id: (saved as { id: string }).id, fields };
  }
  const productId = product.id;

  const links: { optionId: string; valueId: string }[] = [];
  for (const [position, option] of options.entries()) {
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

  const variantTitle = options.map((o) => o.value).join(' / ') || 'Default';
  // Written only when something changed: an unchanged variant costs one read, not an update
  // (and its trigger and deferred uniqueness check) per row.
  const [upserted] = await tx
    .insert(variants)
    .values({
      productId,
      sku: sku.data,
      title: variantTitle,
      position: sql`(select count(*) from ${variants} v where v.product_id = ${productId})`,
      archivedAt: archived ? new Date() : null,
    })
    .onConflictDoUpdate({
      target: variants.sku,
      set: {
        title: variantTitle,
        archivedAt: archived ? sql`coalesce(${variants.archivedAt}, now())` : null,
      },
      setWhere: sql`${variants.productId} = ${productId} and (${variants.title} is distinct from ${variantTitle} or (${variants.archivedAt} is null) = ${archived})`,
    })
    .returning({ id: variants.id, optionKey: variants.optionKey });
  const variant =
    upserted ??
    (
      await tx
        .select({ id: variants.id, optionKey: variants.optionKey })
        .from(variants)
        .where(and(eq(variants.sku, sku.data), eq(variants.productId, productId)))
    )[0];
  if (!variant) throw new RowError('sku', 'Another product has this SKU');
  const variantId = variant.id;

  // Links only when they differ (the key the database keeps is the sorted value ids).
  const key = [...links]
    .sort((a, b) => (a.optionId < b.optionId ? -1 : 1))
    .map((l) => l.valueId)
    .join(',');
  if (variant.optionKey.replace(/^archived \S+ /, '') !== key) {
    await tx.delete(variantOptionValues).where(eq(variantOptionValues.variantId, variantId));
    if (links.length) {
      await tx
        .insert(variantOptionValues)
        .values(links.map((l) => ({ variantId, productId, ...l })));
    }
  }
  const emptied = priced.filter((c) => !prices.some((p) => p.currency === c));
  if (emptied.length) {
    await tx
      .delete(variantPrices)
      .where(and(eq(variantPrices.variantId, variantId), inArray(variantPrices.currency, emptied)));
  }
  if (prices.length) {
    await tx
      .insert(variantPrices)
      .values(prices.map((p) => ({ variantId, ...p })))
      .onConflictDoUpdate({
        target: [variantPrices.variantId, variantPrices.currency],
        set: {
          amount: sql`excluded.amount`,
          compareAtAmount: sql`excluded.compare_at_amount`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`(${variantPrices.amount}, ${variantPrices.compareAtAmount}) is distinct from (excluded.amount, excluded.compare_at_amount)`,
      });
  }

  const [level] = await tx
    .insert(inventoryLevels)
    .values({ variantId, onHand: 0, lowStockThreshold: threshold })
    .onConflictDoUpdate({
      target: inventoryLevels.variantId,
      set: { lowStockThreshold: threshold },
      setWhere: sql`${inventoryLevels.lowStockThreshold} is distinct from ${threshold}`,
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
  if (current?.onHand !== onHand) {
    await changeStock(tx as unknown as Database, {
      variantId,
      change: { kind: 'set', onHand, reason: 'import' },
      actorId,
      note: 'CSV import',
    });
  }
  state.products.set(slug.data, product);
  for (const [k, ids] of written) state.values.set(k, ids);
}

/** What the HTTP layer uses to take a file. */
export interface CatalogImporter {
  /** The file's rows, or what is wrong with the file as a whole. */
  read(text: string): Promise<{ rows: Record<string, string>[] } | { error: string }>;
  /** Starts applying the rows; `onFailure` hears why an import stopped (it is marked failed). */
  start(
    actorId: string,
    rows: Record<string, string>[],
    onFailure: (error: unknown) => void,
  ): Promise<string>;
}

/** Rows per transaction. */
const CHUNK = 200;

/** What the report says about a row the database refused. */
function refusal(error: unknown): { field: string; message: string } {
  if (error instanceof RowError) return { field: error.field, message: error.message };
  if (isUniqueViolation(error, 'variants_product_option_key_unique')) {
    return { field: 'option1_value', message: 'Another variant of this product has these options' };
  }
  if (isUniqueViolation(error)) return { field: 'sku', message: 'This SKU or slug is taken' };
  throw error;
}

/** Starts an import of `rows` and returns its id; the rows are applied in the background. */
export async function startCatalogImport(
  db: Database,
  actorId: string,
  rows: Row[],
  onFailure: (error: unknown) => void,
): Promise<string> {
  const [record] = await db
    .insert(catalogImports)
    .values({ total: rows.length, actorId })
    .returning({ id: catalogImports.id });
  const id = (record as { id: string }).id;
  void runImport(db, id, actorId, rows).catch(async (error: unknown) => {
    onFailure(error);
    await db
      .update(catalogImports)
      .set({ status: 'failed', finishedAt: sql`now()` })
      .where(eq(catalogImports.id, id))
      .catch(onFailure);
  });
  return id;
}

/** Each row in its own transaction: a refused row changes nothing, the others still apply. */
export async function runImport(db: Database, id: string, actorId: string, rows: Row[]) {
  const state: ImportState = {
    categoryIds: new Map(
      (await db.select({ slug: categories.slug, id: categories.id }).from(categories)).map((c) => [
        c.slug,
        c.id,
      ]),
    ),
    currencies: (await shopCurrencies(db)).map((c) => c.code),
    products: new Map(),
    values: new Map(),
  };
  const report: ReportLine[] = [];
  let applied = 0;
  // Rows go in chunks, one transaction each, every row in a savepoint of its own: a refused row is
  // rolled back alone (its uniqueness checked at once, not at commit), and the chunk commits once.
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await db.transaction(async (tx) => {
      // An import is idempotent (upserts by slug and SKU) and can be run again, so its commits
      // need not wait for the disk.
      await tx.execute(sql`set local synchronous_commit = off`);
      await tx.execute(sql`set constraints variants_product_option_key_unique immediate`);
      for (const [offset, row] of chunk.entries()) {
        const line = start + offset + 2; // the header is line 1
        const before = { products: new Map(state.products), values: new Map(state.values) };
        try {
          await tx.transaction((savepoint) => applyRow(savepoint, state, row, actorId));
          applied++;
        } catch (error) {
          // Rolled back to the savepoint: forget what this row's writes remembered.
          state.products = before.products;
          state.values = before.values;
          report.push({ row: line, ...refusal(error) });
        }
      }
    });
    await db
      .update(catalogImports)
      .set({ processed: start + chunk.length, applied, report: report.slice(0, 1000) })
      .where(eq(catalogImports.id, id));
  }
  await db
    .update(catalogImports)
    .set({
      status: 'done',
      processed: rows.length,
      applied,
      report: report.slice(0, 1000),
      finishedAt: sql`now()`,
    })
    .where(eq(catalogImports.id, id));
}
