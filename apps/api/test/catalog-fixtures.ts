import { randomUUID } from 'node:crypto';
import type { ProductInput } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import {
  categories,
  inventoryLevels,
  productImages,
  productOptions,
  productOptionValues,
  products,
  variantOptionValues,
  variantPrices,
  variants,
} from '@bazaar/db/schema';
import { sql } from 'drizzle-orm';

/** What the admin's product editor sends for an active product with one variant (EUR price). */
export const oneVariantProduct = (p: {
  title: string;
  sku: string;
  categoryId: string;
  amount: number;
  onHand: number;
}): ProductInput => ({
  title: p.title,
  slug: '',
  description: '',
  status: 'active',
  categoryId: p.categoryId,
  options: [],
  variants: [
    {
      sku: p.sku,
      options: {},
      prices: [{ currency: 'EUR', amount: p.amount, compareAt: null }],
      onHand: p.onHand,
      lowStockThreshold: null,
      archived: false,
    },
  ],
  images: [],
});

/** A price in minor units, or `[amount, compareAt]` for a sale. */
type PriceSpec = number | readonly [amount: number, compareAt: number];

export interface ProductFixture {
  /** Random when absent. */
  id?: string;
  slug: string;
  status?: 'draft' | 'active' | 'archived';
  /** A new category of its own when absent. */
  categoryId?: string;
  /** PostgreSQL timestamptz text, for exact keyset tests. */
  createdAt?: string;
  /** In display order. */
  options?: { name: string; values: string[] }[];
  variants: {
    sku: string;
    options?: Record<string, string>;
    prices: Record<string, PriceSpec>;
    stock?: number;
    archived?: boolean;
  }[];
  /** Images; `option` ties one to an option value. */
  images?: { url: string; option?: { name: string; value: string } }[];
}

export interface InsertedProduct {
  id: string;
  categoryId: string;
  variantIds: Record<string, string>;
}

let categoryCounter = 0;

/** Writes a product in the catalog model straight to the database, as the admin would. */
export async function insertProduct(db: Database, spec: ProductFixture): Promise<InsertedProduct> {
  return db.transaction(async (tx) => {
    let categoryId = spec.categoryId;
    if (!categoryId) {
      const [category] = await tx
        .insert(categories)
        .values({
          slug: `fixture-${process.pid}-${++categoryCounter}-${Date.now()}`,
          name: 'Fixture',
        })
        .returning({ id: categories.id });
      categoryId = (category as { id: string }).id;
    }
    const id = spec.id ?? randomUUID();
    await tx.insert(products).values({
      id,
      slug: spec.slug,
      title: spec.slug,
      status: spec.status ?? 'active',
      categoryId,
      ...(spec.createdAt ? { createdAt: sql`${spec.createdAt}::timestamptz` } : {}),
    });
    const valueIds = new Map<string, { optionId: string; valueId: string }>();
    for (const [position, option] of (spec.options ?? []).entries()) {
      const optionId = randomUUID();
      await tx
        .insert(productOptions)
        .values({ id: optionId, productId: id, name: option.name, position });
      for (const [valuePosition, value] of option.values.entries()) {
        const valueId = randomUUID();
        valueIds.set(`${option.name}=${value}`, { optionId, valueId });
        await tx
          .insert(productOptionValues)
          .values({ id: valueId, optionId, value, position: valuePosition });
      }
    }
    const variantIds: Record<string, string> = {};
    for (const [position, variant] of spec.variants.entries()) {
      const variantId = randomUUID();
      variantIds[variant.sku] = variantId;
      await tx.insert(variants).values({
        id: variantId,
        productId: id,
        sku: variant.sku,
        title: Object.values(variant.options ?? {}).join(' / ') || 'Default',
        position,
        archivedAt: variant.archived ? new Date() : null,
      });
      const links = Object.entries(variant.options ?? {}).map(([name, value]) => {
        const ids = valueIds.get(`${name}=${value}`);
        if (!ids) throw new Error(`${variant.sku}: no option value ${name}=${value}`);
        return { variantId, productId: id, ...ids };
      });
      if (links.length) await tx.insert(variantOptionValues).values(links);
      const prices = Object.entries(variant.prices).map(([currency, price]) => ({
        variantId,
        currency,
        amount: typeof price === 'number' ? price : price[0],
        compareAtAmount: typeof price === 'number' ? null : price[1],
      }));
      if (prices.length) await tx.insert(variantPrices).values(prices);
      await tx.insert(inventoryLevels).values({ variantId, onHand: variant.stock ?? 0 });
    }
    for (const [position, image] of (spec.images ?? []).entries()) {
      await tx.insert(productImages).values({
        productId: id,
        optionValueId: image.option
          ? valueIds.get(`${image.option.name}=${image.option.value}`)?.valueId
          : null,
        url: image.url,
        width: 800,
        height: 800,
        position,
      });
    }
    return { id, categoryId, variantIds };
  });
}
