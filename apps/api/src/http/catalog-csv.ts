import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { escapeFormula } from '../services/catalog/csv/columns.ts';

/**
 * `GET /files/products.csv`: the whole catalog, streamed. Rows are read a page at a time and
 * written as the client takes them (backpressure), so memory stays flat at any catalog size.
 */
export async function sendCatalogCsv(res: ServerResponse, rows: AsyncGenerator<string[]>) {
  const day = new Date().toISOString().slice(0, 10);
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="bazaar-products-${day}.csv"`,
    'cache-control': 'no-store',
  });
  // A byte-order mark, so spreadsheet programs read the file as UTF-8.
  res.write('\uFEFF');
  await pipeline(Readable.from(rows), stringify({ cast: { string: escapeFormula } }), res);
}
