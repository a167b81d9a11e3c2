import { type Actor, type ProductInput, permissions } from '@bazaar/contracts/server';
import { schema } from '@bazaar/db';
import type { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeStock } from '../src/services/inventory/stock.ts';
import { insertProduct } from './catalog-fixtures.ts';
import { staffMember } from './fixtures.ts';
import { rejection, useTestApp } from './helpers.ts';

const { categories, products, variants, stockMovements, variantPrices } = schema;
const app = useTestApp();

let staff: Actor;
let categoryId: string;
const admin = () => app().caller(staff).admin.catalog;

beforeAll(async () => {
  const person = await staffMember(app().db, 'Owner');
  staff = {
    kind: 'staff',
    userId: person.id,
    sessionId: 'test',
    permissions: new Set(permissions),
  };
  const [category] = await app()
    .db.insert(categories)
    .values({ slug: 'admin-tests', name: 'Admin tests', position: 50 })
    .returning({ id: categories.id });
  categoryId = category?.id as string;
});

const fieldErrorsOf = (error: TRPCError) =>
  (error.cause as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;

type Variant = ProductInput['variants'][number];
/** The first and second variant of a fresh `tee()`. */
const navyM = () => tee().variants[0] as Variant;
const oatL = () => tee().variants[1] as Variant;

let n = 0;
function tee(overrides: Partial<ProductInput> = {}): ProductInput {
  n++;
  return {
    title: `Admin Tee ${n}`,
    slug: '',
    description: '',
    status: 'active',
    categoryId,
    options: [
      { name: 'Colour', values: ['Navy', 'Oat'] },
      { name: 'Size', values: ['M', 'L'] },
    ],
    variants: [
      {
        sku: `AT${n}-NVY-M`,
        options: { Colour: 'Navy', Size: 'M' },
        prices: [
          { currency: 'EUR', amount: 2900, compareAt: 3900 },
          { currency: 'USD', amount: 3200, compareAt: null },
        ],
        onHand: 5,
        lowStockThreshold: null,
        archived: false,
      },
      {
        sku: `AT${n}-OAT-L`,
        options: { Colour: 'Oat', Size: 'L' },
        prices: [{ currency: 'EUR', amount: 3100, compareAt: null }],
        onHand: 0,
        lowStockThreshold: 2,
        archived: false,
      },
    ],
    images: [
      { url: '/media/demo/admin-tee-1.svg', alt: 'Front', width: 800, height: 1000, option: null },
      {
        url: '/media/demo/admin-tee-1_navy.svg',
        alt: 'In navy',
        width: 800,
        height: 1000,
        option: { name: 'Colour', value: 'Navy' },
      },
    ],
    ...overrides,
  };
}

describe('creating a product', () => {
  it('stores options in order, variants with prices and stock, images, and a generated slug', async () => {
    const input = tee({ title: 'Crème Brûlée Tee!' });
    const created = await admin().products.create(input);
    expect(created.slug).toBe('creme-brulee-tee');
    expect(created.version).toBe(1);
    expect(created.options).toEqual(input.options);
    expect(
      created.variants.map((v) => [v.sku, v.options, v.prices, v.onHand, v.lowStockThreshold]),
    ).toEqual(
      input.variants.map((v) => [
        v.sku,
        v.options,
        [...v.prices].sort((a, b) => a.currency.localeCompare(b.currency)),
        v.onHand,
        v.lowStockThreshold,
      ]),
    );
    expect(created.images.map((i) => i.option)).toEqual([null, { name: 'Colour', value: 'Navy' }]);
    // The storefront sees it, with its sale price.
    const page = await app().caller().catalog.products.bySlug({ slug: 'creme-brulee-tee' });
    expect(page.variants[0]?.compareAtPrice).toEqual({ amount: 3900, currency: 'EUR' });
    // A second product of the same title gets the next free slug.
    const again = await admin().products.create(tee({ title: 'Crème Brûlée Tee!' }));
    expect(again.slug).toBe('creme-brulee-tee-2');
    // The stock it starts with is a movement by the person who saved it.
    const [movement] = await app()
      .db.select()
      .from(stockMovements)
      .where(eq(stockMovements.variantId, created.variants[0]?.id as string));
    expect(movement).toMatchObject({
      reason: 'count',
      onHandDelta: 5,
      actorId: staff.kind === 'staff' ? staff.userId : '',
    });
  });

  it('keeps only safe formatting in the description', async () => {
    const created = await admin().products.create(
      tee({
        description:
          '<p onclick="steal()">Soft <strong>cotton</strong><script>alert(1)</script></p><a href="javascript:alert(1)">x</a><a href="https://maker.example">maker</a><img src=x onerror=alert(1)><style>*{}</style>',
      }),
    );
    expect(created.description).toBe(
      '<p>Soft <strong>cotton</strong></p><a rel="nofollow noopener">x</a><a href="https://maker.example" rel="nofollow noopener">maker</a>',
    );
    // Text without any markup becomes paragraphs.
    const plain = await admin().products.create(
      tee({ description: 'Line one\nstill one\n\nTwo > one & three' }),
    );
    expect(plain.description).toBe('<p>Line one<br>still one</p><p>Two &gt; one &amp; three</p>');
  });

  it('refuses what does not fit, naming the field', async () => {
    const cases: [Partial<ProductInput>, string, RegExp][] = [
      [
        { variants: [{ ...navyM(), options: { Colour: 'Navy' } }] },
        'variants.0.options',
        /Choose a value for each option: Colour, Size/,
      ],
      [
        { variants: [{ ...navyM(), options: { Colour: 'Red', Size: 'M' } }] },
        'variants.0.options',
        /Colour has no value “Red”/,
      ],
      [
        { variants: [navyM(), { ...navyM(), sku: 'OTHER-SKU' }] },
        'variants.1.options',
        /Another variant has these options/,
      ],
      [
        {
          variants: [{ ...navyM(), prices: [{ currency: 'JPY', amount: 100, compareAt: null }] }],
        },
        'variants.0.prices.0.currency',
        /does not sell in JPY/,
      ],
      [{ categoryId: '00000000-0000-4000-8000-000000000000' }, 'categoryId', /Choose a category/],
      [{ slug: 'organic-cotton-tee' }, 'slug', /Another product has this slug/],
    ];
    for (const [overrides, field, message] of cases) {
      const error = await rejection(admin().products.create(tee(overrides)));
      expect(error.code, field).toBe('BAD_REQUEST');
      expect(fieldErrorsOf(error)?.[field]?.[0], field).toMatch(message);
    }
    // A SKU another product uses.
    const [taken] = await app().db.select({ sku: variants.sku }).from(variants).limit(1);
    const input = tee();
    const error = await rejection(
      admin().products.create({
        ...input,
        variants: [{ ...(input.variants[0] as Variant), sku: taken?.sku ?? '' }],
      }),
    );
    expect(fieldErrorsOf(error)?.['variants.0.sku']).toEqual(['Another product has this SKU']);
    // Zod: a "was" price below the price.
    const cheap = await rejection(
      admin().products.create({
        ...input,
        variants: [
          {
            ...(input.variants[0] as Variant),
            prices: [{ currency: 'EUR', amount: 500, compareAt: 400 }],
          },
        ],
      }),
    );
    expect(cheap.code).toBe('BAD_REQUEST');
  });
});

describe('editing a product', () => {
  it('refuses the second of two saves made from the same version, with a clear message', async () => {
    const created = await admin().products.create(tee());
    const base = {
      ...tee(),
      id: created.id,
      version: created.version,
      variants: created.variants.map((v) => ({ ...v, prices: v.prices })),
    };
    const results = await Promise.allSettled([
      admin().products.update({ ...base, title: 'First editor' }),
      admin().products.update({ ...base, title: 'Second editor' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const refusal = lost[0]?.reason as TRPCError;
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toMatch(/Someone else saved this product after you opened it/);
    const stored = await admin().products.get({ id: created.id });
    expect(stored.version).toBe(2);
    expect(['First editor', 'Second editor']).toContain(stored.title);
    // Saving against the new version works.
    const next = await admin().products.update({ ...base, version: 2, title: 'Third' });
    expect(next.version).toBe(3);
  });

  it('archives variants left out, reuses one when its options come back, and records stock counts', async () => {
    const created = await admin().products.create(tee());
    const [navy, oat] = created.variants;
    const keepNavyOnly = {
      ...tee(),
      id: created.id,
      version: created.version,
      title: created.title,
      variants: [{ ...navyM(), id: navy?.id, sku: navy?.sku ?? '', onHand: 8 }],
    };
    const trimmed = await admin().products.update(keepNavyOnly);
    expect(trimmed.variants.map((v) => [v.sku, v.archived, v.onHand])).toEqual([
      [navy?.sku, false, 8],
      [oat?.sku, true, 0],
    ]);
    // Archived, not deleted: it is still there for orders, and gone from the shop.
    expect(await app().db.$count(variants, eq(variants.id, oat?.id as string))).toBe(1);
    const shop = await app().caller().catalog.products.bySlug({ slug: trimmed.slug });
    expect(shop.variants.map((v) => v.sku)).toEqual([navy?.sku]);

    // Adding Oat / L again (no id) brings the archived variant back instead of a new one.
    const restored = await admin().products.update({
      ...keepNavyOnly,
      version: trimmed.version,
      variants: [...keepNavyOnly.variants, { ...oatL(), sku: oat?.sku ?? '', onHand: 3 }],
    });
    expect(restored.variants.filter((v) => !v.archived).map((v) => v.id)).toEqual([
      navy?.id,
      oat?.id,
    ]);
    const counts = await app()
      .db.select({ delta: stockMovements.onHandDelta, reason: stockMovements.reason })
      .from(stockMovements)
      .where(eq(stockMovements.variantId, navy?.id as string))
      .orderBy(stockMovements.createdAt);
    expect(counts).toEqual([
      { delta: 5, reason: 'count' },
      { delta: 3, reason: 'count' },
    ]);
  });

  it('answers NOT_FOUND for a product that does not exist', async () => {
    const error = await rejection(
      admin().products.update({ ...tee(), id: '00000000-0000-4000-8000-000000000000', version: 1 }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(
      (await rejection(admin().products.get({ id: '00000000-0000-4000-8000-000000000000' }))).code,
    ).toBe('NOT_FOUND');
  });
});

describe('the product list', () => {
  it('searches titles and SKUs, filters by status, category and stock, and counts the total', async () => {
    const low = await admin().products.create(tee({ title: 'Zebra Search Lamp' }));
    const search = await admin().products.list({ search: 'zebra search', limit: 10 });
    expect(search.items.map((i) => i.id)).toEqual([low.id]);
    expect(search.total).toBe(1);
    const bySku = await admin().products.list({ search: low.variants[1]?.sku ?? '', limit: 10 });
    expect(bySku.items.map((i) => i.id)).toEqual([low.id]);
    // `%` is a character, not a wildcard: it finds the demo's "70% Dark Chocolate Bar" only.
    const percent = await admin().products.list({ search: '%', limit: 10 });
    expect(percent.items.map((i) => i.title)).toEqual(['70% Dark Chocolate Bar']);

    const row = search.items[0];
    expect(row).toMatchObject({
      variantCount: 2,
      available: 5,
      stock: 'low',
      price: { amount: 2900, currency: 'EUR' },
      category: { id: categoryId, name: 'Admin tests' },
    });

    const drafts = await admin().products.list({ status: 'draft', limit: 100 });
    expect(drafts.items.every((i) => i.status === 'draft')).toBe(true);
    expect(drafts.total).toBe(await app().db.$count(products, eq(products.status, 'draft')));

    const inCategory = await admin().products.list({ categoryId, limit: 100 });
    expect(inCategory.items.every((i) => i.category.id === categoryId)).toBe(true);
    const out = await admin().products.list({ stock: 'out', limit: 100 });
    expect(out.items.every((i) => i.available === 0 && i.stock === 'out')).toBe(true);
    expect(out.total).toBeGreaterThan(0);
  });

  it('filters by stock state exactly as each row reports its state (reserved and archived stock count as the list says)', async () => {
    // Fully reserved: out. Stock only on an archived variant: out. One variant low: low.
    const held = await insertProduct(app().db, {
      slug: 'stock-held',
      status: 'active',
      variants: [{ sku: 'STOCK-HELD', prices: { EUR: 100 }, stock: 3 }],
    });
    await changeStock(app().db, {
      variantId: held.variantIds['STOCK-HELD'] as string,
      change: { kind: 'reserve', quantity: 3 },
    });
    await insertProduct(app().db, {
      slug: 'stock-archived',
      options: [{ name: 'Size', values: ['A', 'B'] }],
      variants: [
        {
          sku: 'STOCK-ARCH-OLD',
          options: { Size: 'A' },
          prices: { EUR: 100 },
          stock: 50,
          archived: true,
        },
        { sku: 'STOCK-ARCH-NEW', options: { Size: 'B' }, prices: { EUR: 100 }, stock: 0 },
      ],
    });
    await insertProduct(app().db, {
      slug: 'stock-one-low',
      options: [{ name: 'Size', values: ['A', 'B'] }],
      variants: [
        { sku: 'STOCK-LOW-A', options: { Size: 'A' }, prices: { EUR: 100 }, stock: 40 },
        { sku: 'STOCK-LOW-B', options: { Size: 'B' }, prices: { EUR: 100 }, stock: 1 },
      ],
    });
    const every = async (stock?: 'in' | 'low' | 'out') => {
      const items: { id: string; slug: string; stock: string }[] = [];
      let cursor: string | null = null;
      do {
        const page = await admin().products.list({
          limit: 100,
          cursor,
          ...(stock ? { stock } : {}),
        });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    };
    const all = await every();
    const stateOf = Object.fromEntries(all.map((i) => [i.slug, i.stock]));
    expect(stateOf).toMatchObject({
      'stock-held': 'out',
      'stock-archived': 'out',
      'stock-one-low': 'low',
    });
    for (const state of ['in', 'low', 'out'] as const) {
      const filtered = await every(state);
      const expected = all.filter((i) => i.stock === state).map((i) => i.id);
      expect(expected.length, state).toBeGreaterThan(0);
      expect(filtered.map((i) => i.id).sort(), state).toEqual(expected.sort());
      expect((await admin().products.list({ stock: state, limit: 1 })).total).toBe(expected.length);
    }
  });

  it.each(['updated', 'created', 'title'] as const)(
    'pages through every product once, sorted by %s',
    async (sort) => {
      const seen: string[] = [];
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await admin().products.list({ sort, limit: 17, cursor });
        seen.push(...page.items.map((i) => i.id));
        keys.push(
          ...page.items.map((i) => (sort === 'title' ? i.title : i.updatedAt.toISOString())),
        );
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(await app().db.$count(products));
      if (sort === 'title')
        expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    },
  );

  it('refuses a forged cursor or one from another sort', async () => {
    const page = await admin().products.list({ sort: 'title', limit: 1 });
    for (const cursor of ['garbage', page.nextCursor ?? '']) {
      const error = await rejection(admin().products.list({ sort: 'updated', limit: 5, cursor }));
      expect(error.code).toBe('BAD_REQUEST');
    }
  });
});

describe('bulk actions', () => {
  it('publishes, archives and deletes, refusing what cannot be done and saying why', async () => {
    const a = await admin().products.create(tee({ status: 'draft' }));
    const unpriced = await admin().products.create(
      tee({ status: 'draft', variants: [{ ...navyM(), prices: [] }] }),
    );
    const ghost = '00000000-0000-4000-8000-000000000000';
    const published = await admin().products.bulk({
      ids: [a.id, unpriced.id, ghost],
      action: 'publish',
    });
    expect(published.changed).toEqual([a.id]);
    expect(published.refused).toEqual([
      { id: ghost, title: '', reason: 'No such product' },
      {
        id: unpriced.id,
        title: unpriced.title,
        reason: 'Nothing to sell: add a variant with a price',
      },
    ]);
    expect((await admin().products.get({ id: a.id })).status).toBe('active');

    const archived = await admin().products.bulk({ ids: [a.id], action: 'archive' });
    expect(archived.changed).toEqual([a.id]);
    const fetched = await admin().products.get({ id: a.id });
    // Each bulk change raises the version, so an editor still open on it cannot overwrite it.
    expect(fetched).toMatchObject({ status: 'archived', version: 3 });

    const deleted = await admin().products.bulk({ ids: [unpriced.id], action: 'delete' });
    expect(deleted.changed).toEqual([unpriced.id]);
    expect(await app().db.$count(products, eq(products.id, unpriced.id))).toBe(0);
  });

  it('never deletes a product that something references: it is refused, to be archived', async () => {
    const db = app().db;
    const kept = await admin().products.create(tee());
    // What order lines will be: a row that references a variant, RESTRICT.
    await db.execute(sql`create table if not exists test_order_lines (
      variant_id uuid not null references variants(id) on delete restrict)`);
    await db.execute(sql`insert into test_order_lines values (${kept.variants[0]?.id}::uuid)`);
    const gone = await admin().products.create(tee());
    const result = await admin().products.bulk({ ids: [kept.id, gone.id], action: 'delete' });
    expect(result.changed).toEqual([gone.id]);
    expect(result.refused).toEqual([
      { id: kept.id, title: kept.title, reason: 'Orders reference it: archive it instead' },
    ]);
    expect((await admin().products.get({ id: kept.id })).variants).toHaveLength(2);
  });

  it('takes at most 500 products and each once', async () => {
    const many = Array.from({ length: 501 }, () => crypto.randomUUID());
    expect((await rejection(admin().products.bulk({ ids: many, action: 'archive' }))).code).toBe(
      'BAD_REQUEST',
    );
    const id = crypto.randomUUID();
    expect(
      (await rejection(admin().products.bulk({ ids: [id, id], action: 'archive' }))).code,
    ).toBe('BAD_REQUEST');
  });
});

describe('catalog settings and overview', () => {
  it('sets currencies, the default and the low-stock threshold; a removed currency takes its prices', async () => {
    const before = await admin().settings();
    expect(before.currencies.map((c) => c.code)).toEqual(['EUR', 'USD', 'GBP']);
    const gbpPrices = await app().db.$count(variantPrices, eq(variantPrices.currency, 'GBP'));
    expect(gbpPrices).toBeGreaterThan(0);

    const after = await admin().updateSettings({
      currencies: [
        { code: 'USD', isDefault: true },
        { code: 'EUR', isDefault: false },
        { code: 'CHF', isDefault: false },
      ],
      lowStockThreshold: 3,
    });
    expect(after).toEqual({
      currencies: [
        { code: 'USD', isDefault: true },
        { code: 'EUR', isDefault: false },
        { code: 'CHF', isDefault: false },
      ],
      lowStockThreshold: 3,
    });
    expect(await app().db.$count(variantPrices, eq(variantPrices.currency, 'GBP'))).toBe(0);
    // The storefront now prices in dollars by default.
    expect((await app().caller().catalog.products.list({ limit: 1 })).currency).toBe('USD');

    const twoDefaults = await rejection(
      admin().updateSettings({
        currencies: [
          { code: 'USD', isDefault: true },
          { code: 'EUR', isDefault: true },
        ],
        lowStockThreshold: 3,
      }),
    );
    expect(twoDefaults.code).toBe('BAD_REQUEST');
    await admin().updateSettings(before);
  });

  it('counts live products, low stock and sold-out variants for the dashboard', async () => {
    const overview = await app().caller(staff).admin.catalog.overview();
    const [live] = await app()
      .db.select({ n: sql<number>`count(*)::int` })
      .from(products)
      .where(
        and(
          eq(products.status, 'active'),
          sql`exists (select 1 from variants v join variant_prices p on p.variant_id = v.id where v.product_id = ${products.id} and v.archived_at is null)`,
        ),
      );
    expect(overview.productsLive).toBe(live?.n);
    expect(overview.lowStock).toBeGreaterThan(0);
    expect(overview.soldOut).toBeGreaterThan(0);
  });
});

describe('category management', () => {
  const positions = async (parentId: string | null) =>
    (await admin().categories.list())
      .filter((c) => c.parentId === parentId)
      .map((c) => [c.name, c.position]);

  it('creates, renames, reorders and moves categories, keeping positions 0…n-1', async () => {
    const root = await admin().categories.create({ name: 'Garden & Patio', parentId: null });
    expect(root.slug).toBe('garden-patio');
    const a = await admin().categories.create({ name: 'Planters', parentId: root.id });
    const b = await admin().categories.create({ name: 'Tools', parentId: root.id });
    const c = await admin().categories.create({ name: 'Seeds', parentId: root.id });
    expect(await positions(root.id)).toEqual([
      ['Planters', 0],
      ['Tools', 1],
      ['Seeds', 2],
    ]);
    await admin().categories.move({ id: c.id, parentId: root.id, position: 0 });
    expect(await positions(root.id)).toEqual([
      ['Seeds', 0],
      ['Planters', 1],
      ['Tools', 2],
    ]);
    // Into another parent: both sides are renumbered; the list shows children after parents.
    await admin().categories.move({ id: b.id, parentId: a.id, position: 99 });
    expect(await positions(root.id)).toEqual([
      ['Seeds', 0],
      ['Planters', 1],
    ]);
    expect(await positions(a.id)).toEqual([['Tools', 0]]);
    const list = await admin().categories.list();
    expect(list.findIndex((x) => x.id === b.id)).toBeGreaterThan(
      list.findIndex((x) => x.id === a.id),
    );
    const renamed = await admin().categories.update({
      id: a.id,
      name: 'Pots & Planters',
      slug: 'pots',
      description: 'Terracotta',
    });
    expect(renamed).toMatchObject({
      name: 'Pots & Planters',
      slug: 'pots',
      description: 'Terracotta',
    });
    // The storefront's tree follows.
    const shop = await app().caller().catalog.categories();
    expect(shop.find((x) => x.id === b.id)?.parentId).toBe(a.id);
  });

  it('refuses to put a category inside itself or its descendants', async () => {
    const top = await admin().categories.create({ name: 'Loop Top', parentId: null });
    const child = await admin().categories.create({ name: 'Loop Child', parentId: top.id });
    for (const parentId of [top.id, child.id]) {
      const error = await rejection(admin().categories.move({ id: top.id, parentId, position: 0 }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(fieldErrorsOf(error)?.parentId).toEqual([
        'A category cannot go inside itself or its subcategories',
      ]);
    }
  });

  it('keeps positions distinct when many moves arrive at once', async () => {
    const parent = await admin().categories.create({ name: 'Busy Parent', parentId: null });
    const kids = [];
    for (let i = 0; i < 8; i++)
      kids.push(await admin().categories.create({ name: `Busy ${i}`, parentId: null }));
    await Promise.all(
      kids.map((k) => admin().categories.move({ id: k.id, parentId: parent.id, position: 0 })),
    );
    const placed = (await positions(parent.id)).map(([, p]) => p);
    expect(placed).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('deletes an empty category, and refuses one that holds products or subcategories', async () => {
    const holding = await admin().categories.create({ name: 'Holding', parentId: null });
    await admin().products.create(tee({ categoryId: holding.id }));
    const full = await rejection(admin().categories.delete({ id: holding.id }));
    expect(full.code).toBe('CONFLICT');
    expect(full.message).toMatch(/still holds products or subcategories/);
    const parent = await admin().categories.create({ name: 'With Child', parentId: null });
    await admin().categories.create({ name: 'The Child', parentId: parent.id });
    expect((await rejection(admin().categories.delete({ id: parent.id }))).code).toBe('CONFLICT');
    const empty = await admin().categories.create({ name: 'Empty', parentId: null });
    expect(await admin().categories.delete({ id: empty.id })).toEqual({ accepted: true });
    expect((await admin().categories.list()).some((c) => c.id === empty.id)).toBe(false);
    expect((await rejection(admin().categories.delete({ id: empty.id }))).code).toBe('NOT_FOUND');
    // Duplicate slugs are a field error.
    const clash = await rejection(
      admin().categories.create({ name: 'Again', slug: 'apparel', parentId: null }),
    );
    expect(fieldErrorsOf(clash)?.slug).toEqual(['Another category has this slug']);
  });
});

describe('hostile descriptions', () => {
  it('refuses control characters (PostgreSQL cannot store NUL) with a field error, not a 500', async () => {
    for (const description of ['<p>a\u0000b</p>', 'x\u0007y', 'a\uD800b']) {
      const error = await rejection(admin().products.create(tee({ description })));
      expect(error.code).toBe('BAD_REQUEST');
      // A Zod failure: its issue names the field.
      const issues = (error.cause as { issues?: { path: PropertyKey[] }[] }).issues ?? [];
      expect(issues.map((i) => i.path.join('.'))).toEqual(['description']);
    }
  });
});
