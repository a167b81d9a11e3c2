import { z } from 'zod';
import {
  categorySchema,
  productBySlugInputSchema,
  productDetailSchema,
  productListInputSchema,
  productPageSchema,
} from '../schemas/catalog.ts';
import { createRouter, publicProcedure } from '../trpc.ts';

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
