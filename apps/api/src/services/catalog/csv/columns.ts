/**
 * The catalog as a CSV file: one row per variant, product fields repeated on each of its rows.
 * Export writes these columns, import reads them (by name, in any order).
 */
export const BASE_COLUMNS = [
  'product_slug',
  'product_title',
  'status',
  'category_slug',
  'description',
  'option1_name',
  'option1_value',
  'option2_name',
  'option2_value',
  'option3_name',
  'option3_value',
  'sku',
  'archived',
  'on_hand',
  'low_stock_threshold',
] as const;

export type BaseColumn = (typeof BASE_COLUMNS)[number];

export const priceColumn = (currency: string) => `price_${currency}`;
export const compareAtColumn = (currency: string) => `compare_at_${currency}`;

/** The header: the base columns, then a price and a "was" price for each shop currency. */
export function csvHeader(currencies: readonly string[]): string[] {
  return [...BASE_COLUMNS, ...currencies.flatMap((c) => [priceColumn(c), compareAtColumn(c)])];
}

/**
 * Spreadsheet programs run a cell that starts with = + @ (or a tab or CR) as a formula (CSV
 * injection): such a cell is written with a leading apostrophe, which the importer removes again.
 */
export function escapeFormula(value: string): string {
  return /^'*[=+@\t\r]/.test(value) ? `'${value}` : value;
}

export function unescapeFormula(value: string): string {
  return /^'+[=+@\t\r]/.test(value) ? value.slice(1) : value;
}
