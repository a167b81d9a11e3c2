import { z } from 'zod';
import {
  type CategoriesInput,
  type Category,
  categoriesInputSchema,
  categorySchema,
  type ProductBySlugInput,
  type ProductDetail,
  type ProductListInput,
  type ProductPage,
  productBySlugInputSchema,
  productDetailSchema,
  productListInputSchema,
  productPageSchema,
  type ShopCurrency,
  shopCurrencySchema,
} from '../schemas/catalog.ts';
import { createRouter, publicProcedure } from '../trpc.ts';

export interface CatalogService {
  listCurrencies(): Promise<ShopCurrency[]>;
  listCategories(input: CategoriesInput): Promise<Category[]>;
  listProducts(input: ProductListInput): Promise<ProductPage>;
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
    list: publicProcedure
      .input(productListInputSchema)
      .output(productPageSchema)
      .query(({ ctx, input }) => ctx.services.catalog.listProducts(input)),

    bySlug: publicProcedure
      .input(productBySlugInputSchema)
      .output(productDetailSchema)
      .query(({ ctx, input }) => ctx.services.catalog.productBySlug(input)),
  }),
});
