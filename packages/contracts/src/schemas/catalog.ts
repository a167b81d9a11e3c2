import { z } from 'zod';
import { currencyCodeSchema, moneySchema } from './money.ts';

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

/** An image of a product page: of the whole product, of one variant, or of one option value. */
export const productDetailImageSchema = productImageSchema.extend({
  variantId: z.uuid().nullable(),
  /** Shown when the shopper picks this value, e.g. { name: 'Colour', value: 'Navy' }. */
  option: z.object({ name: z.string(), value: z.string() }).nullable(),
});
export type ProductDetailImage = z.infer<typeof productDetailImageSchema>;

/** A currency the shop sells in. */
export const shopCurrencySchema = z.object({
  code: currencyCodeSchema,
  isDefault: z.boolean(),
});
export type ShopCurrency = z.infer<typeof shopCurrencySchema>;

/** Prices are shown in this currency; the shop's default when absent. */
const currencyInput = currencyCodeSchema.optional();

export const categoriesInputSchema = z.object({ currency: currencyInput }).optional();
export type CategoriesInput = z.infer<typeof categoriesInputSchema>;

export const productSummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  category: z.object({ slug: z.string(), name: z.string() }),
  /**
   * Lowest and highest variant price in the page's currency; equal when all variants cost the
   * same. A listing only holds products with a price in its currency.
   */
  priceMin: moneySchema,
  priceMax: moneySchema,
  /** The "was" price of the cheapest variant, when it is on sale. */
  compareAt: moneySchema.nullable(),
  inStock: z.boolean(),
  image: productImageSchema.nullable(),
});
export type ProductSummary = z.infer<typeof productSummarySchema>;

export const productBySlugInputSchema = z.object({ slug: slugSchema, currency: currencyInput });
export type ProductBySlugInput = z.infer<typeof productBySlugInputSchema>;

export const variantSchema = z.object({
  id: z.uuid(),
  sku: z.string(),
  title: z.string(),
  /** Option name → value, e.g. { Size: 'M', Colour: 'Blue' }. */
  options: z.record(z.string(), z.string()),
  /** In the requested currency; null when the variant has no price in it (not for sale there). */
  price: moneySchema.nullable(),
  /** The "was" price when the variant is on sale. */
  compareAtPrice: moneySchema.nullable(),
  /** Units that can still be bought (on hand minus those held for unpaid orders). */
  stock: z.number().int().nonnegative(),
  /** At or below the low-stock threshold, but not sold out. */
  lowStock: z.boolean(),
});
export type Variant = z.infer<typeof variantSchema>;

/** An option with its values, both in the order staff chose. */
export const productOptionSchema = z.object({
  name: z.string(),
  values: z.array(z.string()),
});

export const productDetailSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  /** Safe HTML (paragraphs, emphasis, lists, headings, links), sanitised by the API. */
  description: z.string(),
  category: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  images: z.array(productDetailImageSchema),
  options: z.array(productOptionSchema),
  variants: z.array(variantSchema),
  /** The currency of the variants' prices. */
  currency: currencyCodeSchema,
  /** The currencies the product has prices in: when `currency` is not among them, it is not sold in it. */
  currencies: z.array(currencyCodeSchema),
});
export type ProductDetail = z.infer<typeof productDetailSchema>;
