import { isPlainText, productStatusSchema, skuSchema, slugSchema } from '@bazaar/contracts/server';
import { decimalToMinor } from '../../pricing/money-text.ts';
import { compareAtColumn, priceColumn, unescapeFormula } from './columns.ts';

export type Row = Record<string, string>;
export type ReportLine = { row: number; field: string; message: string };

/** What a row gets wrong, for the report: the column and why. */
export class RowError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A row that passed every check the file alone allows; what the database says comes later. */
export interface ImportRow {
  /** Its line in the file (the header is line 1). */
  line: number;
  slug: string;
  title: string;
  status: 'active' | 'draft' | 'archived';
  categoryId: string;
  /** As in the file; sanitised once per product when written. */
  rawDescription: string;
  /** The product's fields, as one comparable string. */
  fields: string;
  sku: string;
  archived: boolean;
  onHand: number;
  threshold: number | null;
  options: { name: string; value: string }[];
  prices: { currency: string; amount: number; compareAtAmount: number | null }[];
  /** Currencies the file has a price column for: an empty cell there removes the price. */
  priced: string[];
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

/** Checks one row as far as the file allows; throws RowError for what it gets wrong. */
export function checkRow(
  row: Row,
  line: number,
  categoryIds: ReadonlyMap<string, string>,
  currencies: readonly string[],
): ImportRow {
  const slug = slugSchema.safeParse(cell(row, 'product_slug'));
  if (!slug.success) throw new RowError('product_slug', 'A lowercase slug (a-z, 0-9, hyphens)');
  const title = plain(row, 'product_title', 200, true);
  const status = productStatusSchema.safeParse(cell(row, 'status') || 'draft');
  if (!status.success) throw new RowError('status', 'One of active, draft, archived');
  const categoryId = categoryIds.get(cell(row, 'category_slug'));
  if (!categoryId) throw new RowError('category_slug', 'No category has this slug');
  const rawDescription = plain(row, 'description', 20_000, false, true);
  const sku = skuSchema.safeParse(cell(row, 'sku'));
  if (!sku.success) throw new RowError('sku', sku.error.issues[0]?.message ?? 'Invalid SKU');
  const archivedText = cell(row, 'archived').toLowerCase();
  if (!['', 'yes', 'no', 'true', 'false'].includes(archivedText)) {
    throw new RowError('archived', 'yes or empty');
  }
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
  const prices: ImportRow['prices'] = [];
  const priced = currencies.filter((c) => priceColumn(c) in row);
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
  return {
    line,
    slug: slug.data,
    title,
    status: status.data,
    categoryId,
    rawDescription,
    fields: JSON.stringify([title, status.data, categoryId, rawDescription]),
    sku: sku.data,
    archived: archivedText === 'yes' || archivedText === 'true',
    onHand,
    threshold,
    options,
    prices,
    priced,
  };
}

/** The option key the database keeps for a variant with these (option, value) ids. */
export function optionKeyOf(links: readonly { optionId: string; valueId: string }[]): string {
  return [...links]
    .sort((a, b) => (a.optionId < b.optionId ? -1 : 1))
    .map((l) => l.valueId)
    .join(',');
}

/** A live variant's key as stored, whether or not it is archived. */
export const liveKey = (stored: string) => stored.replace(/^archived \S+ /, '');
