import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { categories, productImages, products, variants } from '../schema/index.ts';
import { demoImageSize, hashString } from './art.ts';
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

export const DEMO_CURRENCY = 'EUR';
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

type CategoryRow = typeof categories.$inferInsert;
type ProductRow = typeof products.$inferInsert;
type VariantRow = typeof variants.$inferInsert;
type ImageRow = typeof productImages.$inferInsert;

export interface DemoRows {
  categories: CategoryRow[];
  products: ProductRow[];
  variants: VariantRow[];
  images: ImageRow[];
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
  const rows: DemoRows = { categories: [], products: [], variants: [], images: [] };
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
      description: spec.description,
      status: spec.status ?? 'active',
      categoryId,
      createdAt,
      updatedAt: createdAt,
    });

    combinations(spec.options ?? []).forEach((combo, position) => {
      const sku = [spec.sku, ...combo.map((c) => c.value.code)].join('-');
      if (skus.has(sku)) throw new Error(`Duplicate demo SKU ${sku}`);
      skus.add(sku);
      rows.variants.push({
        productId,
        sku,
        title: combo.length ? combo.map((c) => c.value.label).join(' / ') : 'Default',
        options: Object.fromEntries(combo.map((c) => [c.name, c.value.label])),
        priceAmount: spec.price + combo.reduce((sum, c) => sum + c.value.delta, 0),
        currency: DEMO_CURRENCY,
        stock: stockFor(spec, sku),
        position,
        createdAt,
      });
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
  });
  return rows;
}

async function insertDemo(tx: Database): Promise<SeedCounts> {
  const rows = buildDemoRows();
  await tx.insert(categories).values(rows.categories);
  await tx.insert(products).values(rows.products);
  await tx.insert(variants).values(rows.variants);
  await tx.insert(productImages).values(rows.images);
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
