import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Logger } from '../logger.ts';
import { escapeFormula } from '../services/catalog/csv/columns.ts';
import type { CatalogImporter } from '../services/catalog/csv/import.ts';

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

/** Largest CSV accepted: about 100,000 variant rows. */
const MAX_CSV_BYTES = 50 * 1024 * 1024;

/** `POST /files/products.csv`: 202 with the import's id, or 400/413 for a file not taken at all. */
export async function receiveCatalogCsv(
  req: IncomingMessage,
  actorId: string,
  importer: CatalogImporter,
  reply: (status: number, body: unknown) => void,
  log: Logger,
) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_CSV_BYTES) return reply(413, { error: 'The file is larger than 50 MB' });
    chunks.push(chunk as Buffer);
  }
  const read = await importer.read(Buffer.concat(chunks).toString('utf8'));
  if ('error' in read) return reply(400, { error: read.error });
  const id = await importer.start(actorId, read.rows, log);
  reply(202, { id, rows: read.rows.length });
}
