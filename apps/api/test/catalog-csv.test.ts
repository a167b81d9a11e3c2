import { schema } from '@bazaar/db';
import { seedLargeCatalog } from '@bazaar/db/seed';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeFormula, unescapeFormula } from '../src/services/catalog/csv/columns.ts';
import { decimalToMinor, minorToDecimal } from '../src/services/pricing/money-text.ts';
import { insertProduct } from './catalog-fixtures.ts';
import { customRole, signedIn, staffMember } from './fixtures.ts';
import { useTestApp } from './helpers.ts';

const app = useTestApp({ config: { demoMode: true } });
let editor = '';
let support = '';

beforeAll(async () => {
  const db = app().db;
  editor = (await signedIn(app(), (await staffMember(db, 'Owner')).email)).cookie() ?? '';
  const role = await customRole(db, 'No catalog', ['orders:read']);
  support = (await signedIn(app(), (await staffMember(db, role)).email)).cookie() ?? '';
});

const download = (session?: string) =>
  fetch(`${app().url}/files/products.csv`, {
    headers: session ? { cookie: `bazaar_session=${session}` } : {},
  });

describe('catalog CSV export', () => {
  it('is only for staff who may edit the catalog', async () => {
    expect((await download()).status).toBe(401);
    expect((await download(support)).status).toBe(403);
    const post = await fetch(`${app().url}/files/products.csv`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('streams one row per variant, with options, stock and a price per shop currency', async () => {
    const db = app().db;
    await insertProduct(db, {
      slug: 'csv-tee',
      options: [
        { name: 'Colour', values: ['Navy'] },
        { name: 'Size', values: ['M', 'L'] },
      ],
      variants: [
        {
          sku: 'CSV-NVY-M',
          options: { Colour: 'Navy', Size: 'M' },
          prices: { EUR: [2900, 3900], USD: 3200 },
          stock: 4,
        },
        {
          sku: 'CSV-NVY-L',
          options: { Colour: 'Navy', Size: 'L' },
          prices: { EUR: 2900 },
          stock: 0,
          archived: true,
        },
      ],
    });
    await db
      .update(schema.products)
      .set({ title: '=HYPERLINK("http://evil.example")' })
      .where(eqSlug('csv-tee'));
    const res = await download(editor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="bazaar-products-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A UTF-8 byte-order mark first, for spreadsheet programs (the decoder drops it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder().decode(bytes), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(await db.$count(schema.variants));
    expect(Object.keys(rows[0] ?? {})).toEqual([
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
      'price_EUR',
      'compare_at_EUR',
      'price_USD',
      'compare_at_USD',
      'price_GBP',
      'compare_at_GBP',
    ]);
    const tee = rows.filter((r) => r.product_slug === 'csv-tee');
    expect(tee).toEqual([
      expect.objectContaining({
        // Written so a spreadsheet shows it as text instead of running it.
        product_title: `'=HYPERLINK("http://evil.example")`,
        option1_name: 'Colour',
        option1_value: 'Navy',
        option2_name: 'Size',
        option2_value: 'M',
        sku: 'CSV-NVY-M',
        archived: '',
        on_hand: '4',
        price_EUR: '29.00',
        compare_at_EUR: '39.00',
        price_USD: '32.00',
        compare_at_USD: '',
        price_GBP: '',
      }),
      expect.objectContaining({
        sku: 'CSV-NVY-L',
        archived: 'yes',
        on_hand: '0',
        price_EUR: '29.00',
        price_USD: '',
      }),
    ]);
    // Sorted by product, so a product's rows are together.
    const slugs = rows.map((r) => r.product_slug);
    expect(slugs).toEqual([...slugs].sort());
  });

  it('pages through a catalog larger than one page', async () => {
    await seedLargeCatalog(app().db, { products: 1_500 });
    const rows = parse(await (await download(editor)).text(), { columns: true }) as {
      sku: string;
    }[];
    expect(rows).toHaveLength(await app().db.$count(schema.variants));
    expect(new Set(rows.map((r) => r.sku)).size).toBe(rows.length);
  });
});

describe('formula escaping', () => {
  it('escapes what a spreadsheet would run, and the importer gets the text back', () => {
    for (const value of [
      '=1+1',
      '+33 6',
      '@SUM(A1)',
      '\tx',
      "'=already",
      "''=twice",
      'plain',
      "'quote",
      '-5',
      '',
    ]) {
      expect(unescapeFormula(escapeFormula(value)), value).toBe(value);
    }
    expect(escapeFormula('=1+1')).toBe("'=1+1");
    expect(escapeFormula("it's fine")).toBe("it's fine");
  });
});

function eqSlug(slug: string) {
  return eq(schema.products.slug, slug);
}

describe('amounts in files', () => {
  it('writes minor units as decimals and reads them back, refusing what is not one', () => {
    for (const [amount, currency, text] of [
      [2900, 'EUR', '29.00'],
      [5, 'USD', '0.05'],
      [500, 'JPY', '500'],
      [1234, 'BHD', '1.234'],
      [9_000_000_000_000, 'EUR', '90000000000.00'],
    ] as const) {
      expect(minorToDecimal(amount, currency)).toBe(text);
      expect(decimalToMinor(text, currency)).toBe(amount);
    }
    expect(decimalToMinor('29.9', 'EUR')).toBe(2990);
    for (const text of ['29,00', '-1', '1.234', '', 'abc', '1e3', '99999999999999999']) {
      expect(decimalToMinor(text, 'EUR'), text).toBeNull();
    }
  });
});
