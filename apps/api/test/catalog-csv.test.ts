import { type Actor, type CatalogImport, permissions } from '@bazaar/contracts/server';
import { schema } from '@bazaar/db';
import { seedLargeCatalog } from '@bazaar/db/seed';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeFormula, unescapeFormula } from '../src/services/catalog/csv/columns.ts';
import { changeStock } from '../src/services/inventory/stock.ts';
import { decimalToMinor, minorToDecimal } from '../src/services/pricing/money-text.ts';
import { insertProduct } from './catalog-fixtures.ts';
import { customRole, signedIn, staffMember } from './fixtures.ts';
import { SHOP_ORIGIN, useTestApp } from './helpers.ts';

const app = useTestApp({ config: { demoMode: true } });
let editor = '';
let support = '';
let staff: Actor;

beforeAll(async () => {
  const db = app().db;
  const owner = await staffMember(db, 'Owner');
  staff = { kind: 'staff', userId: owner.id, sessionId: 'test', permissions: new Set(permissions) };
  editor = (await signedIn(app(), owner.email)).cookie() ?? '';
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
    const put = await fetch(`${app().url}/files/products.csv`, { method: 'PUT' });
    expect(put.status).toBe(405);
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

/** Posts a CSV file and waits for its import to finish. */
async function importCsv(text: string, init: { session?: string; type?: string } = {}) {
  const res = await fetch(`${app().url}/files/products.csv`, {
    method: 'POST',
    headers: {
      'content-type': init.type ?? 'text/csv',
      origin: SHOP_ORIGIN,
      cookie: `bazaar_session=${init.session ?? editor}`,
    },
    body: text,
  });
  const body = (await res.json()) as { id?: string; error?: string };
  if (res.status !== 202 || !body.id) return { status: res.status, body, result: null };
  let result: CatalogImport;
  for (;;) {
    result = await app().caller(staff).admin.catalog.imports.get({ id: body.id });
    if (result.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { status: res.status, body, result };
}

/** Chunks the import had to apply row by row, as logged. */
const fallbacks = () =>
  app()
    .lines()
    .filter((l) => l.msg === 'catalog import: chunk applied row by row');

async function variantRow(sku: string) {
  const [row] = await app().db.select().from(schema.variants).where(eq(schema.variants.sku, sku));
  if (!row) throw new Error(`no variant ${sku}`);
  return row;
}

async function levelOf(sku: string) {
  const [row] = await app()
    .db.select()
    .from(schema.inventoryLevels)
    .where(eq(schema.inventoryLevels.variantId, (await variantRow(sku)).id));
  return row as typeof schema.inventoryLevels.$inferSelect;
}

async function movementsOf(sku: string) {
  return app()
    .db.select()
    .from(schema.stockMovements)
    .where(eq(schema.stockMovements.variantId, (await variantRow(sku)).id))
    .orderBy(schema.stockMovements.createdAt);
}

const exportText = async () =>
  new TextDecoder().decode(await (await download(editor)).arrayBuffer());

describe('catalog CSV import', () => {
  it('round-trips: importing an export changes nothing, and exporting again gives the same file', {
    timeout: 60_000,
  }, async () => {
    const before = await exportText();
    const movements = await app().db.$count(schema.stockMovements);
    const { status, result } = await importCsv(before);
    expect(status).toBe(202);
    expect(result).toMatchObject({ status: 'done', report: [] });
    expect(result?.applied).toBe(result?.total);
    expect(result?.total).toBe(parse(before, { columns: true }).length);
    expect(await exportText()).toBe(before);
    // No stock changed, so no movement was recorded.
    expect(await app().db.$count(schema.stockMovements)).toBe(movements);
  });

  it('applies good rows, refuses bad ones with row, column and reason, and a refused row changes nothing', async () => {
    const header =
      'product_slug,product_title,status,category_slug,option1_name,option1_value,sku,on_hand,price_EUR,compare_at_EUR,price_USD';
    const file = [
      header,
      'imported-lamp,Imported Lamp,active,lighting,Finish,Brass,IMP-LAMP-BRS,7,49.00,59.00,55.00',
      'imported-lamp,Imported Lamp,active,lighting,Finish,Black,IMP-LAMP-BLK,0,45.00,,',
      'broken-price,Broken Price,active,lighting,,,IMP-BROKEN,1,49.999,,',
      'no-category,No Category,active,no-such-category,,,IMP-NOCAT,1,10.00,,',
      'imported-lamp,Imported Lamp,active,lighting,Finish,Brass,IMP-LAMP-TWIN,1,49.00,,',
      `thief,Thief,active,lighting,,,${'IMP-LAMP-BRS'},1,1.00,,`,
      'low-was,Low Was,active,lighting,,,IMP-LOWWAS,1,10.00,5.00,',
      '=cmd,Formula,active,lighting,,,IMP-FORMULA,1,10.00,,',
      'nul-title,Bad\u0000Title,active,lighting,,,IMP-NUL,1,10.00,,',
    ].join('\n');
    const { result } = await importCsv(file);
    expect(result).toMatchObject({ status: 'done', total: 9, processed: 9, applied: 2 });
    expect(result?.report).toEqual([
      { row: 4, field: 'price_EUR', message: 'An amount such as 29.00' },
      { row: 5, field: 'category_slug', message: 'No category has this slug' },
      {
        row: 6,
        field: 'option1_value',
        message: 'Another variant of this product has these options',
      },
      { row: 7, field: 'sku', message: 'Another product has this SKU' },
      { row: 8, field: 'compare_at_EUR', message: 'The “was” price must be above the price' },
      { row: 9, field: 'product_slug', message: 'A lowercase slug (a-z, 0-9, hyphens)' },
      { row: 10, field: 'product_title', message: 'Remove control characters' },
    ]);
    const lamp = await app().caller().catalog.products.bySlug({ slug: 'imported-lamp' });
    expect(lamp.options).toEqual([{ name: 'Finish', values: ['Brass', 'Black'] }]);
    expect(
      lamp.variants.map((v) => [v.sku, v.price?.amount, v.compareAtPrice?.amount, v.stock]),
    ).toEqual([
      ['IMP-LAMP-BRS', 4900, 5900, 7],
      ['IMP-LAMP-BLK', 4500, undefined, 0],
    ]);
    // Refused rows left nothing behind: no product, no variant.
    for (const slug of ['broken-price', 'no-category', 'thief', 'low-was']) {
      expect(await app().db.$count(schema.products, eq(schema.products.slug, slug)), slug).toBe(0);
    }
    expect(await app().db.$count(schema.variants, eq(schema.variants.sku, 'IMP-LAMP-TWIN'))).toBe(
      0,
    );
    // The stock it brought is an import movement by the person importing.
    const [movement] = await app()
      .db.select()
      .from(schema.stockMovements)
      .innerJoin(schema.variants, eq(schema.variants.id, schema.stockMovements.variantId))
      .where(eq(schema.variants.sku, 'IMP-LAMP-BRS'));
    expect(movement?.stock_movements).toMatchObject({ reason: 'import', onHandDelta: 7 });
    // A SKU on two rows: the chunk went row by row, so each row's writes stand or fall alone.
    expect(fallbacks()).toContainEqual(
      expect.objectContaining({ firstRow: 2, reason: 'SKU IMP-LAMP-BRS is on two rows' }),
    );
  });

  it('applies a chunk in bulk, reporting what the file and the SKUs get wrong, with the same result as row by row', async () => {
    const header =
      'product_slug,product_title,status,category_slug,description,option1_name,option1_value,option2_name,option2_value,sku,on_hand,low_stock_threshold,archived,price_EUR,compare_at_EUR,price_USD';
    const before = fallbacks().length;
    const first = await importCsv(
      [
        header,
        'bulk-chair,Bulk Chair,active,lighting,<p>Sit <script>x</script></p>,Wood,Oak,Size,S,BULK-OAK-S,4,2,,120.00,150.00,130.00',
        'bulk-chair,Bulk Chair,active,lighting,<p>Sit <script>x</script></p>,Wood,Oak,Size,L,BULK-OAK-L,0,,,125.00,,',
        'bulk-chair,Bulk Chair,active,lighting,<p>Sit <script>x</script></p>,Wood,Ash,Size,S,BULK-ASH-S,9,,,120.00,,130.00',
        'bulk-stool,Bulk Stool,draft,lighting,,,,,,BULK-STOOL,1,,,abc,,',
        `bulk-thief,Bulk Thief,active,lighting,,,,,,IMP-LAMP-BRS,1,,,10.00,,`,
        'bulk-lamp,Bulk Lamp,active,lighting,,,,,,BULK-LAMP,3,,yes,10.00,,',
      ].join('\n'),
    );
    expect(first.result).toMatchObject({ status: 'done', total: 6, applied: 4 });
    expect(first.result?.report).toEqual([
      { row: 5, field: 'price_EUR', message: 'An amount such as 29.00' },
      { row: 6, field: 'sku', message: 'Another product has this SKU' },
    ]);
    const chair = await app().caller().catalog.products.bySlug({ slug: 'bulk-chair' });
    expect(chair.description).toBe('<p>Sit </p>');
    expect(chair.options).toEqual([
      { name: 'Wood', values: ['Oak', 'Ash'] },
      { name: 'Size', values: ['S', 'L'] },
    ]);
    expect(
      chair.variants.map((v) => [
        v.sku,
        v.title,
        v.price?.amount,
        v.compareAtPrice?.amount,
        v.stock,
      ]),
    ).toEqual([
      ['BULK-OAK-S', 'Oak / S', 12000, 15000, 4],
      ['BULK-OAK-L', 'Oak / L', 12500, undefined, 0],
      ['BULK-ASH-S', 'Ash / S', 12000, undefined, 9],
    ]);
    expect(await app().db.$count(schema.products, eq(schema.products.slug, 'bulk-thief'))).toBe(0);
    const lamp = await variantRow('BULK-LAMP');
    expect(lamp.archivedAt).not.toBeNull();

    // Again, changed: a price removed by its empty cell, a count, a threshold, a new value, the
    // option order swapped, the lamp back on sale.
    const second = await importCsv(
      [
        header,
        'bulk-chair,Bulk Chair,active,lighting,<p>Sit</p>,Size,S,Wood,Oak,BULK-OAK-S,6,,,120.00,150.00,',
        'bulk-chair,Bulk Chair,active,lighting,<p>Sit</p>,Size,L,Wood,Oak,BULK-OAK-L,0,,,125.00,,',
        'bulk-chair,Bulk Chair,active,lighting,<p>Sit</p>,Size,M,Wood,Ash,BULK-ASH-M,2,,,121.00,,',
        'bulk-lamp,Bulk Lamp,active,lighting,,,,,,BULK-LAMP,3,,,10.00,,',
      ].join('\n'),
    );
    expect(second.result).toMatchObject({ status: 'done', applied: 4, report: [] });
    const again = await app().caller().catalog.products.bySlug({ slug: 'bulk-chair' });
    expect(again.options).toEqual([
      { name: 'Size', values: ['S', 'L', 'M'] },
      { name: 'Wood', values: ['Oak', 'Ash'] },
    ]);
    expect(again.variants.map((v) => [v.sku, v.title, v.stock])).toEqual([
      ['BULK-OAK-S', 'S / Oak', 6],
      ['BULK-OAK-L', 'L / Oak', 0],
      ['BULK-ASH-S', 'Ash / S', 9],
      ['BULK-ASH-M', 'M / Ash', 2],
    ]);
    const usd = await app()
      .caller()
      .catalog.products.bySlug({ slug: 'bulk-chair', currency: 'USD' });
    expect(usd.variants.find((v) => v.sku === 'BULK-OAK-S')?.price).toBeNull();
    expect((await levelOf('BULK-OAK-S')).lowStockThreshold).toBeNull();
    expect((await variantRow('BULK-LAMP')).archivedAt).toBeNull();
    // The count is a movement from 4 to 6 by the importer.
    const movements = await movementsOf('BULK-OAK-S');
    expect(movements.map((m) => [m.onHandDelta, m.onHandAfter])).toEqual([
      [4, 4],
      [2, 6],
    ]);
    expect(fallbacks().length).toBe(before);

    // A row the database refuses at commit (the same options as another variant): the chunk is
    // rolled back and applied row by row, so only that row is refused.
    const twin = await importCsv(
      [
        header,
        'bulk-chair,Bulk Chair,active,lighting,<p>Sit</p>,Size,S,Wood,Oak,BULK-OAK-S,7,,,120.00,150.00,',
        'bulk-chair,Bulk Chair,active,lighting,<p>Sit</p>,Size,S,Wood,Oak,BULK-OAK-TWIN,1,,,120.00,,',
      ].join('\n'),
    );
    expect(twin.result).toMatchObject({ status: 'done', applied: 1 });
    expect(twin.result?.report).toEqual([
      {
        row: 3,
        field: 'option1_value',
        message: 'Another variant of this product has these options',
      },
    ]);
    expect((await levelOf('BULK-OAK-S')).onHand).toBe(7);
    expect(await app().db.$count(schema.variants, eq(schema.variants.sku, 'BULK-OAK-TWIN'))).toBe(
      0,
    );
    expect(fallbacks().at(-1)).toMatchObject({
      reason: 'Another variant of this product has these options',
    });
  });

  it('refuses a count below the units reserved for orders as a row, not the whole import', async () => {
    await importCsv(
      'product_slug,product_title,category_slug,sku,on_hand,price_EUR\nheld-mug,Held Mug,lighting,HELD-MUG,5,8.00\nheld-cup,Held Cup,lighting,HELD-CUP,5,8.00',
    );
    const mug = await variantRow('HELD-MUG');
    await changeStock(app().db, { variantId: mug.id, change: { kind: 'reserve', quantity: 3 } });
    const { result } = await importCsv(
      'product_slug,product_title,category_slug,sku,on_hand,price_EUR\nheld-mug,Held Mug,lighting,HELD-MUG,2,8.00\nheld-cup,Held Cup,lighting,HELD-CUP,1,8.00',
    );
    expect(result).toMatchObject({ status: 'done', applied: 1 });
    expect(result?.report).toEqual([
      {
        row: 2,
        field: 'on_hand',
        message: 'HELD-MUG cannot go below the units reserved for orders',
      },
    ]);
    expect(await levelOf('HELD-MUG')).toMatchObject({ onHand: 5, reserved: 3 });
    expect(await levelOf('HELD-CUP')).toMatchObject({ onHand: 1 });
    // Counting at least what is reserved is taken, in bulk.
    const before = fallbacks().length;
    const ok = await importCsv(
      'product_slug,product_title,category_slug,sku,on_hand,price_EUR\nheld-mug,Held Mug,lighting,HELD-MUG,3,8.00',
    );
    expect(ok.result).toMatchObject({ applied: 1, report: [] });
    expect(await levelOf('HELD-MUG')).toMatchObject({ onHand: 3, reserved: 3 });
    expect(fallbacks().length).toBe(before);
  });

  it('refuses a file it cannot take at all, before changing anything', async () => {
    const cases: [string, RegExp][] = [
      ['product_slug,sku\nx,y', /Missing columns: product_title, category_slug/],
      [
        'product_slug,product_title,category_slug,sku,price_JPY\nx,X,tops,X-1,1',
        /Unknown columns: price_JPY/,
      ],
      ['product_slug,product_title\n"unclosed,quote', /not a CSV file we can read/],
    ];
    for (const [text, message] of cases) {
      const { status, body } = await importCsv(text);
      expect(status, text).toBe(400);
      expect(body.error).toMatch(message);
    }
    expect((await importCsv('a,b', { session: support })).status).toBe(403);
    expect((await importCsv('a,b', { session: 'nobody' })).status).toBe(401);
    // A body a plain HTML form could send is refused (CSRF).
    expect((await importCsv('a,b', { type: 'text/plain' })).status).toBe(415);
  });
});
