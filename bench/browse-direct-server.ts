/**
 * The catalog benchmark's baseline: bare node:http and postgres.js answering every request with
 * the newest-first page `catalog.products.list` gives, by running the statements the service
 * sends (captured by the benchmark: their text and parameters, in a JSON file) as prepared
 * statements, in the same order, and shaping the same JSON.
 *   tsx bench/browse-direct-server.ts <database-url> <statements.json> <pool>
 * Prints the listening port on stdout.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type postgresModule from '../packages/db/node_modules/postgres/types/index.js';

export interface CapturedStatement {
  text: string;
  params: unknown[];
}

/** The page statement and what it needs to be shaped: the currency and page size. */
export interface CapturedListing {
  statements: CapturedStatement[];
  limit: number;
}

interface PageRow {
  id: string | null;
  slug: string;
  title: string;
  category_slug: string;
  category_name: string;
  price_min: string;
  price_max: string;
  compare_at: string | null;
  in_stock: boolean;
  created_at: string;
  total: number;
  ord: string;
  image: unknown;
}

const [databaseUrl, file, pool] = process.argv.slice(2);
if (!databaseUrl || !file) throw new Error('usage: browse-direct-server.ts <url> <file> [pool]');
const captured = JSON.parse(readFileSync(file, 'utf8')) as CapturedListing;
const [currencyStatement, pageStatement] = captured.statements;
if (!currencyStatement || !pageStatement || captured.statements.length !== 2) {
  throw new Error('expected two statements: the currency, then the page');
}

const postgres = createRequire(join(import.meta.dirname, '../packages/db/package.json'))(
  'postgres',
) as typeof postgresModule;
const sql = postgres(databaseUrl, { max: Number(pool ?? 10), onnotice: () => {} });
const run = <T>(s: CapturedStatement) =>
  sql.unsafe(s.text, s.params as postgresModule.ParameterOrJSON<never>[], {
    prepare: true,
  }) as unknown as Promise<T[]>;

async function page(): Promise<string> {
  const [shop] = await run<{ code: string }>(currencyStatement as CapturedStatement);
  const currency = shop?.code as string;
  const all = await run<PageRow>(pageStatement as CapturedStatement);
  const rows = all.filter((r) => r.id !== null).sort((a, b) => Number(a.ord) - Number(b.ord));
  const items = rows.slice(0, captured.limit);
  const last = items.at(-1);
  const money = (amount: string) => ({ amount: Number(amount), currency });
  const body = {
    currency,
    items: items.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      category: { slug: r.category_slug, name: r.category_name },
      priceMin: money(r.price_min),
      priceMax: money(r.price_max),
      compareAt: r.compare_at === null ? null : money(r.compare_at),
      inStock: r.in_stock,
      image: r.image,
    })),
    total: Number(all[0]?.total ?? 0),
    sort: 'newest',
    searchedFor: null,
    nextCursor:
      rows.length > captured.limit && last
        ? Buffer.from(JSON.stringify({ s: 'newest', t: last.created_at, i: last.id })).toString(
            'base64url',
          )
        : null,
  };
  // tRPC's envelope with superjson's: nothing in a page needs superjson's type notes.
  return JSON.stringify({ result: { data: { json: body } } });
}

const server = createServer((_req, res) => {
  page().then(
    (body) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    },
    (error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    },
  );
});
server.listen(0, '127.0.0.1', () => {
  console.log((server.address() as AddressInfo).port);
});
process.once('SIGTERM', () => {
  server.close();
  void sql.end({ timeout: 1 });
});
