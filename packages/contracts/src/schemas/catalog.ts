import { z } from 'zod';
import { moneySchema } from './money.ts';

export const slugSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Must be a lowercase slug (a-z, 0-9, hyphens)');

export const productStatusSchema = z.enum(['draft', 'active', 'archived']);
export type ProductStatus = z.infer<typeof productStatusSchema>;

export const categorySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: z.uuid().nullable(),
  position: z.number().int(),
  /** Active products in this category and its descendants. */
  productCount: z.number().int().nonnegative(),
});
export type Category = z.infer<typeof categorySchema>;

export const productImageSchema = z.object({
  url: z.string(),
  alt: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type ProductImage = z.infer<typeof productImageSchema>;

export const productSortSchema = z.enum(['newest']);
export type ProductSort = z.infer<typeof productSortSchema>;

export const productListInputSchema = z.object({
  /** Products of this category and all of its descendants. */
  categorySlug: slugSchema.optional(),
  limit: z.number().int().min(1).max(100).default(24),
  sort: productSortSchema.default('newest'),
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor: z
    .string()
    .min(1)
    .max(500)
    .regex(/^[\w-]+$/, 'Invalid cursor')
    .nullish(),
});
export type ProductListInput = z.infer<typeof productListInputSchema>;

export const productSummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  category: z.object({ slug: z.string(), name: z.string() }),
  /** Lowest and highest variant price; equal when all variants cost the same. */
  priceMin: moneySchema,
  priceMax: moneySchema,
  inStock: z.boolean(),
  image: productImageSchema.nullable(),
});
export type ProductSummary = z.infer<typeof productSummarySchema>;

export const productPageSchema = z.object({
  items: z.array(productSummarySchema),
  nextCursor: z.string().nullable(),
});
export type ProductPage = z.infer<typeof productPageSchema>;

export const productBySlugInputSchema = z.object({ slug: slugSchema });

export const variantSchema = z.object({
  id: z.uuid(),
  sku: z.string(),
  title: z.string(),
  /** Option name → value, e.g. { Size: 'M', Colour: 'Blue' }. */
  options: z.record(z.string(), z.string()),
  price: moneySchema,
  stock: z.number().int().nonnegative(),
});
export type Variant = z.infer<typeof variantSchema>;

export const productOptionSchema = z.object({
  name: z.string(),
  values: z.array(z.string()),
});

export const productDetailSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  images: z.array(productImageSchema),
  options: z.array(productOptionSchema),
  variants: z.array(variantSchema),
});
export type ProductDetail = z.infer<typeof productDetailSchema>;
