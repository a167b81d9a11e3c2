import { AppError } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { catalogImports, categories } from '@bazaar/db/schema';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { isUniqueViolation, type Tx } from '../../../db.ts';
import type { Logger } from '../../../logger.ts';
import { shopCurrencies } from '../../pricing/currencies.ts';
import { applyChunk, NeedsRowByRow } from './apply-chunk.ts';
import { applyRow, type ImportState } from './apply-row.ts';
import { BASE_COLUMNS, compareAtColumn, priceColumn } from './columns.ts';
import { checkRow, type ImportRow, type ReportLine, type Row, RowError } from './rows.ts';

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

/** What the HTTP layer uses to take a file. */
export interface CatalogImporter {
  /** The file's rows, or what is wrong with the file as a whole. */
  read(text: string): Promise<{ rows: Row[] } | { error: string }>;
  /** Starts applying the rows in the background; returns the import's id. */
  start(actorId: string, rows: Row[], log: Logger): Promise<string>;
}

/** Rows per transaction. */
const CHUNK = 500;

/** What the report says about a row the database refused. */
function refusal(error: unknown): { field: string; message: string } {
  if (error instanceof RowError) return { field: error.field, message: error.message };
  if (isUniqueViolation(error, 'variants_product_option_key_unique')) {
    return { field: 'option1_value', message: 'Another variant of this product has these options' };
  }
  if (isUniqueViolation(error)) return { field: 'sku', message: 'This SKU or slug is taken' };
  // changeStock's refusal: a count below the units reserved for orders.
  if (error instanceof AppError && error.code === 'CONFLICT') {
    return { field: 'on_hand', message: error.message };
  }
  throw error;
}

/** Starts an import of `rows` and returns its id; the rows are applied in the background. */
export async function startCatalogImport(
  db: Database,
  actorId: string,
  rows: Row[],
  log: Logger,
): Promise<string> {
  const [record] = await db
    .insert(catalogImports)
    .values({ total: rows.length, actorId })
    .returning({ id: catalogImports.id });
  const id = (record as { id: string }).id;
  void runImport(db, id, actorId, rows, { log }).catch(async (err: unknown) => {
    log.error({ err, importId: id }, 'catalog import failed');
    await db
      .update(catalogImports)
      .set({ status: 'failed', finishedAt: sql`now()` })
      .where(eq(catalogImports.id, id))
      .catch((err: unknown) =>
        log.error({ err, importId: id }, 'catalog import not marked failed'),
      );
  });
  return id;
}

export interface ImportOptions {
  log?: Pick<Logger, 'info'>;
  /**
   * `bulk` (the default) writes a chunk in a few multi-row statements and falls back to `rows`
   * for a chunk the database refuses; `rows` writes every row in its own savepoint (the benchmark's
   * baseline).
   */
  mode?: 'bulk' | 'rows';
}

/**
 * Applies `rows` in chunks, one transaction each, and keeps the import's progress and report.
 * A refused row changes nothing; the others still apply.
 */
export async function runImport(
  db: Database,
  id: string,
  actorId: string,
  rows: Row[],
  { log, mode = 'bulk' }: ImportOptions = {},
) {
  const categoryIds = new Map(
    (await db.select({ slug: categories.slug, id: categories.id }).from(categories)).map((c) => [
      c.slug,
      c.id,
    ]),
  );
  const currencies = (await shopCurrencies(db)).map((c) => c.code);
  const state: ImportState = { products: new Map(), values: new Map() };
  const report: ReportLine[] = [];
  let applied = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const checked: ImportRow[] = [];
    const chunkReport: ReportLine[] = [];
    for (const [offset, row] of rows.slice(start, start + CHUNK).entries()) {
      const line = start + offset + 2; // the header is line 1
      try {
        checked.push(checkRow(row, line, categoryIds, currencies));
      } catch (error) {
        chunkReport.push({ row: line, ...refusal(error) });
      }
    }
    const refused =
      (mode === 'bulk' ? await bulk(db, state, checked, actorId, start, log) : null) ??
      (await rowByRow(db, state, checked, actorId));
    chunkReport.push(...refused);
    chunkReport.sort((a, b) => a.row - b.row);
    report.push(...chunkReport);
    applied += checked.length - refused.length;
    await db
      .update(catalogImports)
      .set({
        processed: Math.min(start + CHUNK, rows.length),
        applied,
        report: report.slice(0, 1000),
      })
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

/** The chunk in one transaction of multi-row statements; null when it must go row by row. */
async function bulk(
  db: Database,
  state: ImportState,
  rows: ImportRow[],
  actorId: string,
  start: number,
  log: ImportOptions['log'],
): Promise<ReportLine[] | null> {
  try {
    const result = await db.transaction(async (tx) => {
      // An import is idempotent (upserts by slug and SKU) and can be run again, so its commits
      // need not wait for the disk. Its statements' lists change size with every chunk: planned
      // once for unknown lists, a lookup of 500 SKUs chose the trigram index (2.4 s, not 5 ms).
      await tx.execute(sql`set local synchronous_commit = off`);
      await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
      return applyChunk(tx, state, rows, actorId);
    });
    for (const [slug, product] of result.products) state.products.set(slug, product);
    // Option positions may have moved: the row-by-row path must not trust what it remembered.
    state.values.clear();
    return result.report;
  } catch (error) {
    const reason = error instanceof NeedsRowByRow ? error.message : refusalOrNull(error);
    if (reason === null) throw error;
    log?.info({ firstRow: start + 2, reason }, 'catalog import: chunk applied row by row');
    return null;
  }
}

/** Why the database refused a chunk, or null for an error no row could cause. */
function refusalOrNull(error: unknown): string | null {
  try {
    return refusal(error).message;
  } catch {
    return null;
  }
}

/** The chunk in one transaction, every row in a savepoint of its own; the rows it refused. */
async function rowByRow(
  db: Database,
  state: ImportState,
  rows: ImportRow[],
  actorId: string,
): Promise<ReportLine[]> {
  const refused: ReportLine[] = [];
  await db.transaction(async (tx: Tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    // A refused row is rolled back alone: its options' uniqueness is checked at once, not at commit.
    await tx.execute(sql`set constraints variants_product_option_key_unique immediate`);
    for (const row of rows) {
      const before = { products: new Map(state.products), values: new Map(state.values) };
      try {
        await tx.transaction((savepoint) => applyRow(savepoint, state, row, actorId));
      } catch (error) {
        // Rolled back to the savepoint: forget what this row's writes remembered.
        state.products = before.products;
        state.values = before.values;
        refused.push({ row: row.line, ...refusal(error) });
      }
    }
  });
  return refused;
}
