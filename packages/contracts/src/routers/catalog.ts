import { z } from 'zod';
import {
  type CategoriesInput,
  type Category,
  categoriesInputSchema,
  categorySchema,
  type ProductBySlugInput,
  type ProductDetail,
  productBySlugInputSchema,
  productDetailSchema,
  type ShopCurrency,
  shopCurrencySchema,
} from '../schemas/catalog.ts';
import {
  type ProductFacets,
  type ProductFilters,
  type ProductListQuery,
  type ProductPage,
  type ProductSuggestions,
  productFacetsSchema,
  productFiltersSchema,
  productListInputSchema,
  productPageSchema,
  productSuggestInputSchema,
  productSuggestionsSchema,
} from '../schemas/catalog-browse.ts';
import { createRouter, publicProcedure } from '../trpc.ts';

export interface CatalogService {
  listCurrencies(): Promise<ShopCurrency[]>;
  listCategories(input: CategoriesInput): Promise<Category[]>;
  listProducts(input: ProductListQuery): Promise<ProductPage>;
  productFacets(input: ProductFilters): Promise<ProductFacets>;
  suggestProducts(input: z.output<typeof productSuggestInputSchema>): Promise<ProductSuggestions>;
  productBySlug(input: ProductBySlugInput): Promise<ProductDetail>;
}

export const catalogRouter = createRouter({
  /** The currencies the shop sells in, the default first. */
  currencies: publicProcedure
    .output(z.array(shopCurrencySchema))
    .query(({ ctx }) => ctx.services.catalog.listCurrencies()),

  categories: publicProcedure
    .input(categoriesInputSchema)
    .output(z.array(categorySchema))
    .query(({ ctx, input }) => ctx.services.catalog.listCategories(input)),

  products: createRouter({
    /** A page of products: searched, filtered, sorted, with the total count. */
    list: publicProcedure
      .input(productListInputSchema)
      .output(productPageSchema)
      .query(({ ctx, input }) => ctx.services.catalog.listProducts(input)),

    /** Counts for narrowing the same filters down further. */
    facets: publicProcedure
      .input(productFiltersSchema)
      .output(productFacetsSchema)
      .query(({ ctx, input }) => ctx.services.catalog.productFacets(input)),

    /** Search-as-you-type. */
    suggest: publicProcedure
      .input(productSuggestInputSchema)
      .output(productSuggestionsSchema)
      .query(({ ctx, input }) => ctx.services.catalog.suggestProducts(input)),

    bySlug: publicProcedure
      .input(productBySlugInputSchema)
      .output(productDetailSchema)
      .query(({ ctx, input }) => ctx.services.catalog.productBySlug(input)),
  }),
});
