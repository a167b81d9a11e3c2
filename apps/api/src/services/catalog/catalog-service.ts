import type {
  CatalogService,
  Category,
  ProductDetail,
  ProductListInput,
  ProductPage,
  ProductSummary,
} from '@bazaar/contracts';
import { notFound } from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import {
  categories,
  inventoryLevels,
  productImages,
  productOptions,
  productOptionValues,
  products,
  shopSettings,
  variantOptionValues,
  variantPrices,
  variants,
} from '@bazaar/db/schema';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { resolveCurrency, shopCurrencies } from '../pricing/currencies.ts';
import { categoryColumns, categorySubtreeIds } from './categories.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { sanitizeRichText } from './rich-text.ts';

interface PriceAggregate {
  min: number | null;
  max: number | null;
  compareAt: number | null;
  inStock: boolean;
}

type ImageJson = ProductSummary['image'];

/** Units that can still be bought. */
const available = sql<number>`coalesce(${inventoryLevels.onHand} - ${inventoryLevels.reserved}, 0)`;

/**
 * A product is for sale in a currency when one of its live variants has a price in it. Listings,
 * counts and product pages all use this one rule, so they never disagree or mix currencies.
 */
function sellsIn(currency: string) {
  return sql`exists (
    select 1 from ${variants} join ${variantPrices} on ${variantPrices.variantId} = ${variants.id}
    where ${variants.productId} = ${products.id} and ${variants.archivedAt} is null
      and ${variantPrices.currency} = ${currency})`;
}

export function createCatalogService(db: Database): CatalogService {
  return {
    listCurrencies: () => shopCurrencies(db),

    async listCategories(input) {
      const currency = await resolveCurrency(db, input?.currency);
      const rows = await db
        .select({
          ...categoryColumns,
          ownCount: count(products.id),
        })
        .from(categories)
        .leftJoin(
          products,
          and(
            eq(products.categoryId, categories.id),
            eq(products.status, 'active'),
            sellsIn(currency),
          ),
        )
        .groupBy(categories.id)
        .orderBy(asc(categories.position), asc(categories.name));
      return withSubtreeCounts(rows);
    },

    async listProducts(input: ProductListInput): Promise<ProductPage> {
      const currency = await resolveCurrency(db, input.currency);
      const conditions: SQL[] = [eq(products.status, 'active'), sellsIn(currency)];
      if (input.categorySlug) {
        const ids = await categorySubtreeIds(db, { slug: input.categorySlug });
        if (ids.length === 0) throw notFound('Category');
        conditions.push(inArray(products.categoryId, ids));
      }
      if (input.cursor) {
        const cursor = decodeCursor(input.cursor);
        conditions.push(
          sql`(${products.createdAt}, ${products.id}) < (${cursor.t}::timestamptz, ${cursor.i}::uuid)`,
        );
      }

      const rows = await db
        .select({
          id: products.id,
          slug: products.slug,
          title: products.title,
          categorySlug: categories.slug,
          categoryName: categories.name,
          createdAt: sql<string>`${products.createdAt}::text`,
          prices: sql<PriceAggregate>`(
            select json_build_object(
              'min', min(vp.amount), 'max', max(vp.amount),
              'compareAt', (array_agg(vp.compare_at_amount order by vp.amount))[1],
              'inStock', coalesce(bool_or(l.on_hand - l.reserved > 0), false))
            from ${variants} v
            join ${variantPrices} vp on vp.variant_id = v.id and vp.currency = ${currency}
            left join ${inventoryLevels} l on l.variant_id = v.id
            where v.product_id = ${products.id} and v.archived_at is null)`,
          // The product's own first picture (not one of a variant or colour), else any.
          image: sql<ImageJson>`(
            select json_build_object('url', i.url, 'alt', i.alt, 'width', i.width, 'height', i.height)
            from ${productImages} i where i.product_id = ${products.id}
            order by (i.variant_id is null and i.option_value_id is null) desc, i.position limit 1)`,
        })
        .from(products)
        .innerJoin(categories, eq(categories.id, products.categoryId))
        .where(and(...conditions))
        .orderBy(desc(products.createdAt), desc(products.id))
        .limit(input.limit + 1);

      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      const money = (amount: number) => ({ amount: Number(amount), currency });
      return {
        currency,
        items: page.map((r) => ({
          id: r.id,
          slug: r.slug,
          title: r.title,
          category: { slug: r.categorySlug, name: r.categoryName },
          priceMin: money(r.prices.min ?? 0),
          priceMax: money(r.prices.max ?? 0),
          compareAt: r.prices.compareAt === null ? null : money(r.prices.compareAt),
          inStock: r.prices.inStock,
          image: r.image,
        })),
        nextCursor:
          rows.length > input.limit && last
            ? encodeCursor({ s: 'newest', t: last.createdAt, i: last.id })
            : null,
      };
    },

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
