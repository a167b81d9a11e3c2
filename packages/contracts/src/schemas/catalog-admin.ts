import { z } from 'zod';
import {
  productImageSchema,
  productStatusSchema,
  shopCurrencySchema,
  slugSchema,
} from './catalog.ts';
import { currencyCodeSchema, moneySchema } from './money.ts';
import { plainText } from './text.ts';
import { timestampSchema } from './time.ts';

/** What the admin's product list can show: one stock state per product. */
export const stockFilterSchema = z.enum(['in', 'low', 'out']);
export type StockFilter = z.infer<typeof stockFilterSchema>;

export const adminProductSortSchema = z.enum(['updated', 'title', 'created']);
export type AdminProductSort = z.infer<typeof adminProductSortSchema>;

export const adminProductListInputSchema = z.object({
  /** Title, slug or a variant's SKU contains this. */
  search: plainText(100).optional(),
  status: productStatusSchema.optional(),
  /** Products of this category and its descendants. */
  categoryId: z.uuid().optional(),
  stock: stockFilterSchema.optional(),
  sort: adminProductSortSchema.default('updated'),
  cursor: z
    .string()
    .min(1)
    .max(500)
    .regex(/^[\w-]+$/, 'Invalid cursor')
    .nullish(),
  limit: z.int().min(1).max(100).default(50),
});
export type AdminProductListInput = z.infer<typeof adminProductListInputSchema>;

export const adminProductRowSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  status: productStatusSchema,
  category: z.object({ id: z.uuid(), name: z.string() }),
  /** Live (not archived) variants. */
  variantCount: z.int().nonnegative(),
  /** Units available across live variants. */
  available: z.int().nonnegative(),
  stock: stockFilterSchema,
  /** The cheapest live variant in the shop's default currency. */
  price: moneySchema.nullable(),
  image: productImageSchema.nullable(),
  updatedAt: timestampSchema,
});
export type AdminProductRow = z.infer<typeof adminProductRowSchema>;

export const adminProductPageSchema = z.object({
  items: z.array(adminProductRowSchema),
  nextCursor: z.string().nullable(),
  /** Products matching the filters, across all pages. */
  total: z.int().nonnegative(),
});
export type AdminProductPage = z.infer<typeof adminProductPageSchema>;

export const bulkProductActionSchema = z.enum(['publish', 'draft', 'archive', 'delete']);
export type BulkProductAction = z.infer<typeof bulkProductActionSchema>;

export const bulkProductsInputSchema = z.object({
  ids: z
    .array(z.uuid())
    .min(1, 'Select at least one product')
    .max(500, 'At most 500 products at once')
    .refine((ids) => new Set(ids).size === ids.length, 'Each product once'),
  action: bulkProductActionSchema,
});
export type BulkProductsInput = z.infer<typeof bulkProductsInputSchema>;

export const bulkProductsResultSchema = z.object({
  changed: z.array(z.uuid()),
  /** Products the action could not apply to, and why (e.g. orders reference it: archive it). */
  refused: z.array(z.object({ id: z.uuid(), title: z.string(), reason: z.string() })),
});
export type BulkProductsResult = z.infer<typeof bulkProductsResultSchema>;

export const productIdInputSchema = z.object({ id: z.uuid() });

const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

export const variantPriceInputSchema = z
  .object({
    currency: currencyCodeSchema,
    amount: z.int('Enter a whole number of minor units').min(0).max(MAX_AMOUNT),
    /** The "was" price, above `amount`; null when not on sale. */
    compareAt: z.int().min(1).max(MAX_AMOUNT).nullable().default(null),
  })
  .refine((p) => p.compareAt === null || p.compareAt > p.amount, {
    path: ['compareAt'],
    message: 'The “was” price must be above the price',
  });
export type VariantPriceInput = z.infer<typeof variantPriceInputSchema>;

export const skuSchema = plainText(64, { label: 'The SKU' })
  .min(1, 'Enter a SKU')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'Letters, digits and . _ / - only');

const optionNameSchema = plainText(50, { label: 'An option name' }).min(1, 'Name the option');
const optionValueSchema = plainText(50, { label: 'A value' }).min(1, 'Enter a value');

export const productOptionInputSchema = z.object({
  name: optionNameSchema,
  values: z
    .array(optionValueSchema)
    .min(1, 'Give the option at least one value')
    .max(100)
    .refine((values) => new Set(values).size === values.length, 'Each value once'),
});

export const variantInputSchema = z.object({
  /** An existing variant of this product; absent for a new one. */
  id: z.uuid().optional(),
  sku: skuSchema,
  /** Option name → value: one value for every option of the product. */
  options: z.record(optionNameSchema, optionValueSchema).default({}),
  prices: z
    .array(variantPriceInputSchema)
    .max(20)
    .refine(
      (prices) => new Set(prices.map((p) => p.currency)).size === prices.length,
      'One price per currency',
    ),
  /** Units on hand; a change is recorded as a stock count by the person saving. */
  onHand: z.int().min(0).max(1_000_000_000),
  /** Null: the shop's threshold. */
  lowStockThreshold: z.int().min(0).max(1_000_000).nullable().default(null),
  archived: z.boolean().default(false),
});
export type VariantInput = z.infer<typeof variantInputSchema>;

export const productImageInputSchema = z.object({
  url: z
    .string()
    .max(500)
    .regex(/^\/media\/[A-Za-z0-9/_.-]+$/, 'An uploaded image'),
  alt: plainText(300, { label: 'Alt text' }),
  width: z.int().positive().max(20_000),
  height: z.int().positive().max(20_000),
  /** Shown when the shopper picks this value. */
  option: z.object({ name: optionNameSchema, value: optionValueSchema }).nullable().default(null),
});

export const productInputSchema = z.object({
  title: plainText(200, { label: 'The title' }).min(1, 'Enter a title'),
  /** Generated from the title when empty. */
  slug: z.union([slugSchema, z.literal('')]).default(''),
  /** Rich text (HTML); sanitised on the server, so only safe formatting is kept. */
  description: plainText(20_000, { multiline: true, label: 'The description' }).default(''),
  status: productStatusSchema,
  categoryId: z.uuid('Choose a category'),
  options: z
    .array(productOptionInputSchema)
    .max(3, 'At most three options')
    .refine(
      (options) => new Set(options.map((o) => o.name)).size === options.length,
      'Each option name once',
    )
    .default([]),
  variants: z.array(variantInputSchema).min(1, 'Add at least one variant').max(200),
  images: z.array(productImageInputSchema).max(30).default([]),
});
export type ProductInput = z.infer<typeof productInputSchema>;

export const updateProductInputSchema = productInputSchema.extend({
  id: z.uuid(),
  /** The version the editor loaded; a save against an older one is refused. */
  version: z.int().positive(),
});
export type UpdateProductInput = z.infer<typeof updateProductInputSchema>;

export const adminVariantSchema = z.object({
  id: z.uuid(),
  sku: z.string(),
  options: z.record(z.string(), z.string()),
  prices: z.array(
    z.object({
      currency: currencyCodeSchema,
      amount: z.int(),
      compareAt: z.int().nullable(),
    }),
  ),
  onHand: z.int(),
  reserved: z.int(),
  lowStockThreshold: z.int().nullable(),
  archived: z.boolean(),
});
export type AdminVariant = z.infer<typeof adminVariantSchema>;

export const adminProductSchema = z.object({
  id: z.uuid(),
  version: z.int().positive(),
  title: z.string(),
  slug: z.string(),
  description: z.string(),
  status: productStatusSchema,
  categoryId: z.uuid(),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  variants: z.array(adminVariantSchema),
  images: z.array(
    productImageSchema.extend({
      option: z.object({ name: z.string(), value: z.string() }).nullable(),
    }),
  ),
  updatedAt: timestampSchema,
});
export type AdminProduct = z.infer<typeof adminProductSchema>;

/** The shop's catalog settings. */
export const catalogSettingsSchema = z.object({
  currencies: z.array(shopCurrencySchema),
  lowStockThreshold: z.int().nonnegative(),
});
export type CatalogSettings = z.infer<typeof catalogSettingsSchema>;

export const catalogSettingsInputSchema = z.object({
  /** In display order; exactly one default. */
  currencies: z
    .array(shopCurrencySchema)
    .min(1, 'Sell in at least one currency')
    .max(20)
    .refine((c) => new Set(c.map((x) => x.code)).size === c.length, 'Each currency once')
    .refine((c) => c.filter((x) => x.isDefault).length === 1, 'Choose one default currency'),
  lowStockThreshold: z.int().min(0).max(1_000_000),
});
export type CatalogSettingsInput = z.infer<typeof catalogSettingsInputSchema>;

/** Figures for the admin dashboard. */
export const catalogOverviewSchema = z.object({
  /** Active products a shopper can buy (a live, priced variant). */
  productsLive: z.int().nonnegative(),
  /** Live variants at or below their low-stock threshold but not sold out. */
  lowStock: z.int().nonnegative(),
  soldOut: z.int().nonnegative(),
});
export type CatalogOverview = z.infer<typeof catalogOverviewSchema>;

export const categoryInputSchema = z.object({
  name: plainText(100, { label: 'The name' }).min(1, 'Enter a name'),
  /** Made from the name when empty. */
  slug: z.union([slugSchema, z.literal('')]).default(''),
  description: plainText(500, { label: 'The description' }).default(''),
  /** Null for a top-level category. */
  parentId: z.uuid().nullable().default(null),
});
export type CategoryInput = z.infer<typeof categoryInputSchema>;

export const updateCategoryInputSchema = z.object({
  id: z.uuid(),
  name: categoryInputSchema.shape.name,
  slug: slugSchema,
  description: categoryInputSchema.shape.description,
});
export type UpdateCategoryInput = z.infer<typeof updateCategoryInputSchema>;

export const moveCategoryInputSchema = z.object({
  id: z.uuid(),
  /** The new parent; null for the top level. */
  parentId: z.uuid().nullable(),
  /** Place among the new siblings, from 0; past the end means last. */
  position: z.int().min(0).max(10_000),
});
export type MoveCategoryInput = z.infer<typeof moveCategoryInputSchema>;

export const categoryIdInputSchema = z.object({ id: z.uuid() });

/** A category as the admin edits it. */
export const adminCategorySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: z.uuid().nullable(),
  position: z.int(),
  /** Products (any status) directly in it. */
  productCount: z.int().nonnegative(),
});
export type AdminCategory = z.infer<typeof adminCategorySchema>;

export const catalogImportSchema = z.object({
  id: z.uuid(),
  status: z.enum(['running', 'done', 'failed']),
  /** Data rows in the file. */
  total: z.int().nonnegative(),
  processed: z.int().nonnegative(),
  applied: z.int().nonnegative(),
  /** Rows not applied: the file's line, the column, and why. A refused row changed nothing. */
  report: z.array(z.object({ row: z.int(), field: z.string(), message: z.string() })),
  createdAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
});
export type CatalogImport = z.infer<typeof catalogImportSchema>;

export const catalogImportIdInputSchema = z.object({ id: z.uuid() });
