import type { Database } from '@bazaar/db';
import {
  categories,
  inventoryLevels,
  productOptions,
  productOptionValues,
  products,
  variantOptionValues,
  variantPrices,
  variants,
} from '@bazaar/db/schema';
import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { shopCurrencies } from '../../pricing/currencies.ts';
import { minorToDecimal } from '../../pricing/money-text.ts';
import { csvHeader } from './columns.ts';

/** Products per page: their variants follow them in one more query. */
const PAGE = 500;

type VariantRow = {
  productId: string;
  options: { name: string; value: string }[];
  sku: string;
  archived: boolean;
  onHand: number;
  threshold: number | null;
  prices: Record<string, { amount: number; compareAt: number | null }>;
};

/**
 * Every variant as a CSV row, header first. Products are read a page at a time by their slug
 * (the unique index keeps each page cheap), then their variants, so 100,000 products never sit
 * in memory at once and a product's rows stay together.
 */
export async function* catalogCsvRows(db: Database): AsyncGenerator<string[]> {
  const codes = (await shopCurrencies(db)).map((c) => c.code);
  yield csvHeader(codes);
  let after: string | null = null;
  for (;;) {
    const page = await db
      .select({
        id: products.id,
        slug: products.slug,
        title: products.title,
        status: sql<string>`${products.status}::text`,
        category: categories.slug,
        description: products.description,
      })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(after === null ? undefined : gt(products.slug, after))
      .orderBy(asc(products.slug))
      .limit(PAGE);
    if (page.length === 0) return;
    const rows: VariantRow[] = await db
      .select({
        productId: variants.productId,
        options: sql<VariantRow['options']>`coalesce((
          select json_agg(json_build_object('name', o.name, 'value', ov.value) order by o.position, o.name)
          from ${variantOptionValues} x
          join ${productOptions} o on o.id = x.option_id
          join ${productOptionValues} ov on ov.id = x.value_id
          where x.variant_id = ${variants.id}), '[]'::json)`,
        sku: variants.sku,
        archived: sql<boolean>`${variants.archivedAt} is not null`,
        onHand: sql<number>`coalesce(${inventoryLevels.onHand}, 0)`,
        threshold: inventoryLevels.lowStockThreshold,
        prices: sql<VariantRow['prices']>`coalesce((
          select json_object_agg(p.currency, json_build_object('amount', p.amount, 'compareAt', p.compare_at_amount))
          from ${variantPrices} p where p.variant_id = ${variants.id}), '{}'::json)`,
      })
      .from(variants)
      .leftJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id))
      .where(
        inArray(
          variants.productId,
          page.map((p) => p.id),
        ),
      )
      .orderBy(asc(variants.position), asc(variants.sku));
    const byProduct = new Map<string, VariantRow[]>();
    for (const row of rows) {
      const list = byProduct.get(row.productId);
      if (list) list.push(row);
      else byProduct.set(row.productId, [row]);
    }
    for (const product of page) {
      for (const row of byProduct.get(product.id) ?? []) {
        const options = [0, 1, 2].flatMap((i) => [
          row.options[i]?.name ?? '',
          row.options[i]?.value ?? '',
        ]);
        yield [
          product.slug,
          product.title,
          product.status,
          product.category,
          product.description,
          ...options,
          row.sku,
          row.archived ? 'yes' : '',
          String(row.onHand),
          row.threshold === null ? '' : String(row.threshold),
          ...codes.flatMap((code) => {
            const price = row.prices[code];
            return price
              ? [
                  minorToDecimal(Number(price.amount), code),
                  price.compareAt === null ? '' : minorToDecimal(Number(price.compareAt), code),
                ]
              : ['', ''];
          }),
        ];
      }
    }
    after = page.at(-1)?.slug ?? null;
  }
}
