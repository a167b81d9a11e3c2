import { z } from 'zod';
import {
  type Category,
  categorySchema,
  type ProductDetail,
  type ProductListInput,
  type ProductPage,
  productBySlugInputSchema,
  productDetailSchema,
  productListInputSchema,
  productPageSchema,
} from '../schemas/catalog.ts';
import { createRouter, publicProcedure } from '../trpc.ts';

export interface CatalogService {
  listCategories(): Promise<Category[]>;
  listProducts(input: ProductListInput): Promise<ProductPage>;
  productBySlug(slug: string): Promise<ProductDetail>;
}

export const catalogRouter = createRouter({
  categories: publicProcedure
    .output(z.array(categorySchema))
    .query(({ ctx }) => ctx.services.catalog.listCategories()),

  products: createRouter({
    list: publicProcedure
      .input(productListInputSchema)
      .output(productPageSchema)
      .query(({ ctx, input }) => ctx.services.catalog.listProducts(input)),

    bySlug: publicProcedure
      .input(productBySlugInputSchema)
      .output(productDetailSchema)
      .query(({ ctx, input }) => ctx.services.catalog.productBySlug(input.slug)),
  }),
});
