import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import {
  categories,
  currencies,
  inventoryLevels,
  productImages,
  productOptions,
  productOptionValues,
  products,
  stockMovements,
  variantOptionValues,
  variantPrices,
  variants,
} from '../schema/index.ts';
import { colourKey, demoImageSize, hashString } from './art.ts';
import { insertDemoCheckout } from './demo-checkout.ts';
import {
  type CategorySpec,
  COLOUR_CODES,
  DEMO_CATEGORIES,
  DEMO_PRODUCTS,
  type OptionSpec,
  type ProductSpec,
} from './demo-data.ts';

export interface SeedCounts {
  categories: number;
  products: number;
  variants: number;
}

/** The demo prices are in euro; the other currencies get rounded conversions. */
export const DEMO_CURRENCY = 'EUR';
export const DEMO_CURRENCIES = [
  { code: 'EUR', rate: 1 },
  { code: 'USD', rate: 1.1 },
  { code: 'GBP', rate: 0.85 },
] as const;
/** Newest demo product; the others are one hour apart going back in time. */
export const DEMO_BASE_DATE = new Date('2025-06-01T09:00:00.000Z');
const HOUR = 3_600_000;
/** Advisory lock so concurrent API instances don't both seed an empty database. */
const SEED_LOCK_KEY = 0x62617a62;

/** Small, fast, seedable PRNG (returns floats in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface DemoRows {
  categories: (typeof categories.$inferInsert)[];
  products: (typeof products.$inferInsert)[];
  options: (typeof productOptions.$inferInsert)[];
  optionValues: (typeof productOptionValues.$inferInsert)[];
  variants: (typeof variants.$inferInsert)[];
  variantOptionValues: (typeof variantOptionValues.$inferInsert)[];
  prices: (typeof variantPrices.$inferInsert)[];
  inventory: (typeof inventoryLevels.$inferInsert)[];
  images: (typeof productImages.$inferInsert)[];
}

/** Descriptions are rich text (HTML): the demo's plain text becomes one paragraph. */
function asHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<p>${escaped}</p>`;
}

/** Whole units in the other currencies (a demo, not an exchange rate). */
function convert(amount: number, rate: number): number {
  return rate === 1 ? amount : Math.round((amount * rate) / 100) * 100;
}

/** About one product in six is on sale, "was" 25% more (rounded to whole units). */
function compareAtFor(spec: ProductSpec, amount: number): number | null {
  return hashString(spec.slug) % 6 === 0 ? Math.ceil((amount * 1.25) / 100) * 100 : null;
}

interface ResolvedOption {
  label: string;
  code: string;
  delta: number;
}

function resolveValues(option: OptionSpec): ResolvedOption[] {
  return option.values.map((v) =>
    typeof v === 'string'
      ? { label: v, code: COLOUR_CODES[v] ?? v.toUpperCase().replace(/[^A-Z0-9]/g, ''), delta: 0 }
      : { label: v[0], code: v[1], delta: v[2] ?? 0 },
  );
}

/** Cartesian product of the options, first option varying slowest. */
function combinations(options: readonly OptionSpec[]): { name: string; value: ResolvedOption }[][] {
  let combos: { name: string; value: ResolvedOption }[][] = [[]];
  for (const option of options) {
    const values = resolveValues(option);
    combos = combos.flatMap((combo) =>
      values.map((value) => [...combo, { name: option.name, value }]),
    );
  }
  return combos;
}

function stockFor(spec: ProductSpec, sku: string): number {
  const r = mulberry32(hashString(sku));
  const x = r();
  if (spec.stock === 'out') return 0;
  if (spec.stock === 'low') return 1 + Math.floor(r() * 5);
  if (x < 0.08) return 0;
  if (x < 0.2) return 1 + Math.floor(r() * 5);
  return 6 + Math.floor(r() * 115);
}

function imageCountFor(spec: ProductSpec, apparel: boolean): number {
  if (spec.images) return spec.images;
  const r = mulberry32(hashString(spec.slug) ^ 0x5eed)();
  return apparel ? 2 + Math.floor(r * 2) : 1 + Math.floor(r * 3);
}

const IMAGE_VIEWS = ['', 'detail', 'styled'] as const;

/**
 * Builds every demo row in memory (ids are random UUIDs; everything else is deterministic).
 * Exposed so tests and tools can inspect the catalog without a database.
 */
export function buildDemoRows(): DemoRows {
  const rows: DemoRows = {
    categories: [],
    products: [],
    options: [],
    optionValues: [],
    variants: [],
    variantOptionValues: [],
    prices: [],
    inventory: [],
    images: [],
  };
  const categoryIds = new Map<string, string>();
  const apparelSlugs = new Set<string>();
  const leafSlugs = new Set<string>();

  const addCategory = (spec: CategorySpec, position: number, parentId: string | null) => {
    const id = randomUUID();
    categoryIds.set(spec.slug, id);
    rows.categories.push({
      id,
      slug: spec.slug,
      name: spec.name,
      description: spec.description,
      parentId,
      position,
      createdAt: DEMO_BASE_DATE,
    });
    return id;
  };
  DEMO_CATEGORIES.forEach((top, i) => {
    const id = addCategory(top, i, null);
    if (!top.children?.length) leafSlugs.add(top.slug);
    top.children?.forEach((child, j) => {
      addCategory(child, j, id);
      leafSlugs.add(child.slug);
      if (top.slug === 'apparel') apparelSlugs.add(child.slug);
    });
  });

  // A fixed shuffle decides the "newest first" order, so the storefront mixes categories.
  const order = DEMO_PRODUCTS.map((_, i) => i);
  const random = mulberry32(20250601);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const rank = new Map(order.map((productIndex, r) => [productIndex, r]));

  const skus = new Set<string>();
  DEMO_PRODUCTS.forEach((spec, index) => {
    const categoryId = categoryIds.get(spec.category);
    if (!categoryId || !leafSlugs.has(spec.category)) {
      throw new Error(`Demo product ${spec.slug}: ${spec.category} is not a leaf category`);
    }
    const productId = randomUUID();
    const createdAt = new Date(DEMO_BASE_DATE.getTime() - (rank.get(index) ?? index) * HOUR);
    rows.products.push({
      id: productId,
      slug: spec.slug,
      title: spec.title,
      description: asHtml(spec.description),
      status: spec.status ?? 'active',
      categoryId,
      createdAt,
      updatedAt: createdAt,
    });

    // Options and values in the order the spec lists them: the order shoppers see.
    const valueIds = new Map<string, { optionId: string; valueId: string }>();
    (spec.options ?? []).forEach((option, position) => {
      const optionId = randomUUID();
      rows.options.push({ id: optionId, productId, name: option.name, position });
      resolveValues(option).forEach((value, valuePosition) => {
        const valueId = randomUUID();
        valueIds.set(`${option.name}\u0000${value.label}`, { optionId, valueId });
        rows.optionValues.push({
          id: valueId,
          optionId,
          value: value.label,
          position: valuePosition,
        });
      });
    });

    combinations(spec.options ?? []).forEach((combo, position) => {
      const sku = [spec.sku, ...combo.map((c) => c.value.code)].join('-');
      if (skus.has(sku)) throw new Error(`Duplicate demo SKU ${sku}`);
      skus.add(sku);
      const variantId = randomUUID();
      rows.variants.push({
        id: variantId,
        productId,
        sku,
        title: combo.length ? combo.map((c) => c.value.label).join(' / ') : 'Default',
        position,
        createdAt,
      });
      for (const c of combo) {
        const ids = valueIds.get(`${c.name}\u0000${c.value.label}`);
        if (ids) rows.variantOptionValues.push({ variantId, productId, ...ids });
      }
      const amount = spec.price + combo.reduce((sum, c) => sum + c.value.delta, 0);
      for (const { code, rate } of DEMO_CURRENCIES) {
        const converted = convert(amount, rate);
        const compareAt = compareAtFor(spec, converted);
        rows.prices.push({
          variantId,
          currency: code,
          amount: converted,
          compareAtAmount: compareAt,
        });
      }
      rows.inventory.push({ variantId, onHand: stockFor(spec, sku) });
    });

    const { width, height } = demoImageSize(spec.slug);
    const imageCount = imageCountFor(spec, apparelSlugs.has(spec.category));
    for (let n = 1; n <= imageCount; n++) {
      const view = IMAGE_VIEWS[n - 1] ?? '';
      rows.images.push({
        productId,
        url: `/media/demo/${spec.slug}-${n}.svg`,
        alt: view ? `${spec.title} – ${view}` : spec.title,
        width,
        height,
        position: n - 1,
      });
    }
    // Each colour has its own picture, shown when the shopper picks it.
    const colours = spec.options?.find((o) => o.name === 'Colour');
    if (colours) {
      resolveValues(colours).forEach((value, i) => {
        rows.images.push({
          productId,
          optionValueId: valueIds.get(`Colour\u0000${value.label}`)?.valueId ?? null,
          url: `/media/demo/${spec.slug}-1_${colourKey(value.label)}.svg`,
          alt: `${spec.title} in ${value.label}`,
          width,
          height,
          position: imageCount + i,
        });
      });
    }
  });
  return rows;
}

/** Inserts in chunks: one statement per table would exceed PostgreSQL's 65,535 parameters. */
async function insertAll<T extends Record<string, unknown>>(
  insert: (chunk: T[]) => Promise<unknown>,
  rows: T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2_000) await insert(rows.slice(i, i + 2_000));
}

async function insertDemo(tx: Database): Promise<SeedCounts> {
  const rows = buildDemoRows();
  await tx
    .insert(currencies)
    .values(DEMO_CURRENCIES.map(({ code }, position) => ({ code, position })))
    .onConflictDoNothing();
  await tx.insert(categories).values(rows.categories);
  await tx.insert(products).values(rows.products);
  await insertAll((c) => tx.insert(productOptions).values(c), rows.options);
  await insertAll((c) => tx.insert(productOptionValues).values(c), rows.optionValues);
  await insertAll((c) => tx.insert(variants).values(c), rows.variants);
  await insertAll((c) => tx.insert(variantOptionValues).values(c), rows.variantOptionValues);
  await insertAll((c) => tx.insert(variantPrices).values(c), rows.prices);
  await insertAll((c) => tx.insert(inventoryLevels).values(c), rows.inventory);
  await insertAll(
    (c) => tx.insert(stockMovements).values(c),
    rows.inventory
      .filter((level) => (level.onHand ?? 0) > 0)
      .map((level) => ({
        variantId: level.variantId,
        reason: 'initial' as const,
        onHandDelta: level.onHand ?? 0,
        onHandAfter: level.onHand ?? 0,
        reservedAfter: 0,
        note: 'Demo catalog',
      })),
  );
  await insertAll((c) => tx.insert(productImages).values(c), rows.images);
  await insertDemoCheckout(tx);
  return {
    categories: rows.categories.length,
    products: rows.products.length,
    variants: rows.variants.length,
  };
}

/**
 * Inserts the demo shop (≈60 products in 18 categories) in one transaction. Fails on a unique
 * violation if the demo slugs already exist; use {@link seedDemoIfEmpty} for idempotent seeding.
 */
export async function seedDemoCatalog(db: Database): Promise<SeedCounts> {
  return db.transaction((tx) => insertDemo(tx));
}

/** Seeds the demo catalog only when there are no categories yet. Returns whether it seeded. */
export async function seedDemoIfEmpty(db: Database): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const existing = await tx.select({ id: categories.id }).from(categories).limit(1);
    if (existing.length > 0) return false;
    await insertDemo(tx);
    return true;
  });
}
