import {
  type CatalogService,
  type Category,
  notFound,
  type ProductDetail,
  type ProductListInput,
  type ProductPage,
  type ProductSummary,
} from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import { categories, productImages, products, variants } from '@bazaar/db/schema';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

interface PriceAggregate {
  min: number;
  max: number;
  currency: string;
  inStock: boolean;
}

type ImageJson = ProductSummary['image'];

const hasVariants = sql`exists (select 1 from ${variants} where ${variants.productId} = ${products.id})`;

export function createCatalogService(db: Database): CatalogService {
  return {
    async listCategories() {
      const rows = await db
        .select({
          id: categories.id,
          slug: categories.slug,
          name: categories.name,
          description: categories.description,
          parentId: categories.parentId,
          position: categories.position,
          ownCount: count(products.id),
        })
        .from(categories)
        .leftJoin(
          products,
          and(eq(products.categoryId, categories.id), eq(products.status, 'active'), hasVariants),
        )
        .groupBy(categories.id)
        .orderBy(asc(categories.position), asc(categories.name));
      return withSubtreeCounts(rows);
    },

    async listProducts(input: ProductListInput): Promise<ProductPage> {
      const conditions: SQL[] = [eq(products.status, 'active'), hasVariants];
      if (input.categorySlug) {
        const ids = await categorySubtreeIds(db, input.categorySlug);
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
              'min', min(${variants.priceAmount}), 'max', max(${variants.priceAmount}),
              'currency', min(${variants.currency}), 'inStock', bool_or(${variants.stock} > 0))
            from ${variants} where ${variants.productId} = ${products.id})`,
          image: sql<ImageJson>`(
            select json_build_object('url', ${productImages.url}, 'alt', ${productImages.alt},
              'width', ${productImages.width}, 'height', ${productImages.height})
            from ${productImages} where ${productImages.productId} = ${products.id}
            order by ${productImages.position} limit 1)`,
        })
        .from(products)
        .innerJoin(categories, eq(categories.id, products.categoryId))
        .where(and(...conditions))
        .orderBy(desc(products.createdAt), desc(products.id))
        .limit(input.limit + 1);

      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          slug: r.slug,
          title: r.title,
          category: { slug: r.categorySlug, name: r.categoryName },
          priceMin: { amount: r.prices.min, currency: r.prices.currency },
          priceMax: { amount: r.prices.max, currency: r.prices.currency },
          inStock: r.prices.inStock,
          image: r.image,
        })),
        nextCursor:
          rows.length > input.limit && last
            ? encodeCursor({ s: 'newest', t: last.createdAt, i: last.id })
            : null,
      };
    },

    async productBySlug(slug: string): Promise<ProductDetail> {
      const [product] = await db
        .select({
          id: products.id,
          slug: products.slug,
          title: products.title,
          description: products.description,
          category: { id: categories.id, slug: categories.slug, name: categories.name },
        })
        .from(products)
        .innerJoin(categories, eq(categories.id, products.categoryId))
        .where(and(eq(products.slug, slug), eq(products.status, 'active')))
        .limit(1);
      if (!product) throw notFound('Product');

      const [variantRows, imageRows] = await Promise.all([
        db
          .select({
            id: variants.id,
            sku: variants.sku,
            title: variants.title,
            options: variants.options,
            amount: variants.priceAmount,
            currency: variants.currency,
            stock: variants.stock,
          })
          .from(variants)
          .where(eq(variants.productId, product.id))
          .orderBy(asc(variants.position), asc(variants.sku)),
        db
          .select({
            url: productImages.url,
            alt: productImages.alt,
            width: productImages.width,
            height: productImages.height,
          })
          .from(productImages)
          .where(eq(productImages.productId, product.id))
          .orderBy(asc(productImages.position)),
      ]);
      if (variantRows.length === 0) throw notFound('Product');

      return {
        ...product,
        images: imageRows,
        options: optionsOf(variantRows.map((v) => v.options)),
        variants: variantRows.map(({ amount, currency, ...v }) => ({
          ...v,
          price: { amount, currency },
        })),
      };
    },
  };
}

/** Option names and values in the order the variants first use them. */
function optionsOf(variantOptions: Record<string, string>[]): ProductDetail['options'] {
  const byName = new Map<string, Set<string>>();
  for (const options of variantOptions) {
    for (const [name, value] of Object.entries(options)) {
      const values = byName.get(name) ?? new Set<string>();
      byName.set(name, values.add(value));
    }
  }
  return [...byName].map(([name, values]) => ({ name, values: [...values] }));
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

async function categorySubtreeIds(db: Database, slug: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    with recursive tree as (
      select ${categories.id} as id from ${categories} where ${categories.slug} = ${slug}
      union
      select c.id from ${categories} c join tree on c.parent_id = tree.id
    )
    select id from tree`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}
