import type { CatalogService, Category, ProductDetail } from '@bazaar/contracts/server';
import { notFound } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import {
  categories,
  inventoryLevels,
  productImages,
  productListings,
  productOptions,
  productOptionValues,
  products,
  shopSettings,
  variantOptionValues,
  variantPrices,
  variants,
} from '@bazaar/db/schema';
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { resolveCurrency, shopCurrencies } from '../pricing/currencies.ts';
import { categoryColumns } from './categories.ts';
import { productFacets } from './product-facets.ts';
import { listProducts } from './product-list.ts';
import { suggestProducts } from './product-suggest.ts';
import { sanitizeRichText } from './rich-text.ts';

/** Units that can still be bought. */
const available = sql<number>`coalesce(${inventoryLevels.onHand} - ${inventoryLevels.reserved}, 0)`;

export function createCatalogService(db: Database): CatalogService {
  return {
    listCurrencies: () => shopCurrencies(db),

    async listCategories(input) {
      const currency = await resolveCurrency(db, input?.currency);
      const rows = await db
        .select({
          ...categoryColumns,
          ownCount: count(productListings.productId),
        })
        .from(categories)
        .leftJoin(
          productListings,
          and(
            eq(productListings.categoryId, categories.id),
            eq(productListings.currency, currency),
          ),
        )
        .groupBy(categories.id)
        .orderBy(asc(categories.position), asc(categories.name));
      return withSubtreeCounts(rows);
    },

    listProducts: (input) => listProducts(db, input),
    productFacets: (input) => productFacets(db, input),
    suggestProducts: (input) => suggestProducts(db, input),

    async productBySlug(input): Promise<ProductDetail> {
      const currency = await resolveCurrency(db, input.currency);
      const [product] = await db
        .select({
          id: products.id,
          slug: products.slug,
          title: products.title,
          description: products.description,
          category: { id: categories.id, slug: categories.slug, name: categories.name },
          currencies: sql<string[]>`array(
            select distinct vp.currency from ${variantPrices} vp join ${variants} v on v.id = vp.variant_id
            where v.product_id = ${products.id} and v.archived_at is null order by vp.currency)`,
          lowStockThreshold: sql<number>`(select ${shopSettings.lowStockThreshold} from ${shopSettings})`,
        })
        .from(products)
        .innerJoin(categories, eq(categories.id, products.categoryId))
        .where(and(eq(products.slug, input.slug), eq(products.status, 'active')))
        .limit(1);
      if (!product) throw notFound('Product');

      const [optionRows, variantRows, imageRows] = await Promise.all([
        db
          .select({
            name: productOptions.name,
            values: sql<
              string[]
            >`array_agg(${productOptionValues.value} order by ${productOptionValues.position}, ${productOptionValues.value})`,
          })
          .from(productOptions)
          .innerJoin(productOptionValues, eq(productOptionValues.optionId, productOptions.id))
          .where(
            and(
              eq(productOptions.productId, product.id),
              // Only values a live variant has: the others cannot be picked anyway.
              sql`exists (select 1 from ${variantOptionValues} x join ${variants} v on v.id = x.variant_id
                where x.value_id = ${productOptionValues.id} and v.archived_at is null)`,
            ),
          )
          .groupBy(productOptions.id)
          .orderBy(asc(productOptions.position), asc(productOptions.name)),
        db
          .select({
            id: variants.id,
            sku: variants.sku,
            title: variants.title,
            options: sql<Record<string, string>>`coalesce((
              select json_object_agg(o.name, ov.value)
              from ${variantOptionValues} x
              join ${productOptions} o on o.id = x.option_id
              join ${productOptionValues} ov on ov.id = x.value_id
              where x.variant_id = ${variants.id}), '{}'::json)`,
            amount: variantPrices.amount,
            compareAtAmount: variantPrices.compareAtAmount,
            stock: available,
            threshold: inventoryLevels.lowStockThreshold,
          })
          .from(variants)
          .leftJoin(
            variantPrices,
            and(eq(variantPrices.variantId, variants.id), eq(variantPrices.currency, currency)),
          )
          .leftJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id))
          .where(and(eq(variants.productId, product.id), isNull(variants.archivedAt)))
          .orderBy(asc(variants.position), asc(variants.sku)),
        db
          .select({
            url: productImages.url,
            alt: productImages.alt,
            width: productImages.width,
            height: productImages.height,
            variantId: productImages.variantId,
            optionName: productOptions.name,
            optionValue: productOptionValues.value,
          })
          .from(productImages)
          .leftJoin(productOptionValues, eq(productOptionValues.id, productImages.optionValueId))
          .leftJoin(productOptions, eq(productOptions.id, productOptionValues.optionId))
          .where(eq(productImages.productId, product.id))
          .orderBy(asc(productImages.position)),
      ]);
      if (variantRows.length === 0) throw notFound('Product');

      const { lowStockThreshold, ...rest } = product;
      return {
        ...rest,
        // Sanitised on the way out too: rows written outside the editor (seeds, SQL, imports)
        // are safe to render, and plain text arrives as paragraphs.
        description: sanitizeRichText(product.description),
        currency,
        images: imageRows.map(({ optionName, optionValue, ...image }) => ({
          ...image,
          option:
            optionName !== null && optionValue !== null
              ? { name: optionName, value: optionValue }
              : null,
        })),
        options: optionRows,
        variants: variantRows.map(({ amount, compareAtAmount, threshold, stock, ...v }) => ({
          ...v,
          price: amount === null ? null : { amount, currency },
          compareAtPrice:
            amount === null || compareAtAmount === null
              ? null
              : { amount: compareAtAmount, currency },
          stock: Number(stock),
          lowStock: Number(stock) > 0 && Number(stock) <= (threshold ?? lowStockThreshold),
        })),
      };
    },
  };
}

type CategoryRow = Omit<Category, 'productCount'> & { ownCount: number };

/** Adds each category's active product count to all of its ancestors. */
function withSubtreeCounts(rows: CategoryRow[]): Category[] {
  const byId = new Map(rows.map((r) => [r.id, { ...r, productCount: 0 }]));
  for (const row of rows) {
    const seen = new Set<string>();
    for (let id: string | null = row.id; id && !seen.has(id); id = byId.get(id)?.parentId ?? null) {
      seen.add(id);
      const node = byId.get(id);
      if (node) node.productCount += Number(row.ownCount);
    }
  }
  return [...byId.values()].map(({ ownCount: _own, ...c }) => c);
}
