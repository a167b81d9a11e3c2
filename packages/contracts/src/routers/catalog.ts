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
import { createRouter, publicRoute } from '../trpc.ts';

const tags = ['Catalog'];

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
  currencies: publicRoute({
    method: 'GET',
    path: '/currencies',
    tags,
    summary: 'Currencies sold in',
  })
    .output(z.array(shopCurrencySchema))
    .query(({ ctx }) => ctx.services.catalog.listCurrencies()),

  categories: publicRoute({ method: 'GET', path: '/categories', tags, summary: 'Category tree' })
    .input(categoriesInputSchema)
    .output(z.array(categorySchema))
    .query(({ ctx, input }) => ctx.services.catalog.listCategories(input)),

  products: createRouter({
    /** A page of products: searched, filtered, sorted, with the total count. */
    // POST: the option filters are a map, which a query string cannot carry.
    list: publicRoute({
      method: 'POST',
      path: '/products/search',
      tags,
      summary: 'A page of products: searched, filtered, sorted',
    })
      .input(productListInputSchema)
      .output(productPageSchema)
      .query(({ ctx, input }) => ctx.services.catalog.listProducts(input)),

    /** Counts for narrowing the same filters down further. */
    facets: publicRoute({
      method: 'POST',
      path: '/products/facets',
      tags,
      summary: 'Counts for narrowing a listing',
    })
      .input(productFiltersSchema)
      .output(productFacetsSchema)
      .query(({ ctx, input }) => ctx.services.catalog.productFacets(input)),

    /** Search-as-you-type. */
    suggest: publicRoute({
      method: 'GET',
      path: '/search/suggestions',
      tags,
      summary: 'Search-as-you-type suggestions',
    })
      .input(productSuggestInputSchema)
      .output(productSuggestionsSchema)
      .query(({ ctx, input }) => ctx.services.catalog.suggestProducts(input)),

    bySlug: publicRoute({
      method: 'GET',
      path: '/products/{slug}',
      tags,
      summary: 'One product with its variants',
    })
      .input(productBySlugInputSchema)
      .output(productDetailSchema)
      .query(({ ctx, input }) => ctx.services.catalog.productBySlug(input)),
  }),
});
