import { z } from 'zod';
import { productImageSchema, productSummarySchema, slugSchema } from './catalog.ts';
import { currencyCodeSchema, moneySchema } from './money.ts';
import { isPlainText } from './text.ts';

/** Longest search text accepted; longer is the caller's error, not silently cut. */
export const SEARCH_TEXT_MAX = 200;
/** Option facets a listing may filter on at once, and values per option. */
export const OPTION_FILTERS_MAX = 10;
export const OPTION_VALUES_MAX = 50;

const optionTextSchema = z
  .string()
  .min(1)
  .max(100)
  // No control characters: U+001F joins an option's name and value in the listing's index.
  .refine((s) => isPlainText(s), 'Remove control characters and line breaks');

/**
 * What a shopper narrows the catalog by. Every filter is optional; each one given must hold
 * (values of one option are alternatives: Size M or L).
 */
const productFilterFields = z.object({
  /** Words to search for; typos are corrected against the catalog's own words. */
  q: z
    .string()
    .max(SEARCH_TEXT_MAX)
    .refine((s) => isPlainText(s, { multiline: true }), 'Remove control characters')
    .optional(),
  /** Products of this category and all of its descendants. */
  categorySlug: slugSchema.optional(),
  /** Option name → accepted values, e.g. `{ Size: ['M', 'L'], Colour: ['Navy'] }`. */
  options: z
    .record(optionTextSchema, z.array(optionTextSchema).min(1).max(OPTION_VALUES_MAX))
    .refine((o) => Object.keys(o).length <= OPTION_FILTERS_MAX, {
      message: `At most ${OPTION_FILTERS_MAX} options`,
    })
    .optional(),
  /** The cheapest live variant's price, in minor units of the listing's currency, inclusive. */
  priceMin: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  priceMax: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** Only products with a variant that can be bought now. */
  inStock: z.boolean().optional(),
  /** Prices are in this currency; the shop's default when absent. */
  currency: currencyCodeSchema.optional(),
});

const priceRangeInOrder = {
  check: (f: { priceMin?: number | undefined; priceMax?: number | undefined }) =>
    f.priceMin === undefined || f.priceMax === undefined || f.priceMin <= f.priceMax,
  params: { message: 'Must not be below the lowest price', path: ['priceMax'] },
};

export const productFiltersSchema = productFilterFields.refine(
  priceRangeInOrder.check,
  priceRangeInOrder.params,
);
export type ProductFilters = z.infer<typeof productFiltersSchema>;

/**
 * `relevance` needs search words (without them a listing is newest first); prices are the
 * cheapest live variant's in the listing's currency.
 */
export const productSortSchema = z.enum(['relevance', 'newest', 'price_asc', 'price_desc', 'name']);
export type ProductSort = z.infer<typeof productSortSchema>;

export const productListInputSchema = productFilterFields
  .extend({
    limit: z.int().min(1).max(100).default(24),
    /** Relevance when searching, newest first otherwise. */
    sort: productSortSchema.optional(),
    /** Opaque cursor from a previous page's `nextCursor`, valid for the same sort. */
    cursor: z
      .string()
      .min(1)
      .max(2000)
      .regex(/^[\w-]+$/, 'Invalid cursor')
      .nullish(),
  })
  .refine(priceRangeInOrder.check, priceRangeInOrder.params);
export type ProductListInput = z.input<typeof productListInputSchema>;
export type ProductListQuery = z.output<typeof productListInputSchema>;

export const productPageSchema = z.object({
  currency: currencyCodeSchema,
  items: z.array(productSummarySchema),
  /** Products matching the filters, on all pages. */
  total: z.int().nonnegative(),
  /** The order of `items`: the one asked for, or the default. */
  sort: productSortSchema,
  /**
   * The words searched for after correction, when one was corrected ("jakcet" → "jacket"), so
   * the shop can say "Showing results for jacket"; null otherwise.
   */
  searchedFor: z.string().nullable(),
  nextCursor: z.string().nullable(),
});
export type ProductPage = z.infer<typeof productPageSchema>;

export const productFacetsSchema = z.object({
  currency: currencyCodeSchema,
  /** Products matching every filter. */
  total: z.int().nonnegative(),
  /**
   * Categories with matching products (their descendants' included), counted with every filter
   * but the category; `parentSlug` places them in the tree.
   */
  categories: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      parentSlug: z.string().nullable(),
      count: z.int().nonnegative(),
    }),
  ),
  /** Each option's values, counted with every filter but that option's own. */
  options: z.array(
    z.object({
      name: z.string(),
      values: z.array(z.object({ value: z.string(), count: z.int().nonnegative() })),
    }),
  ),
  /** The cheapest and dearest matching product, with every filter but the price range. */
  price: z.object({ min: moneySchema, max: moneySchema }).nullable(),
  /** Matching products that can be bought now, with every filter but "in stock". */
  inStock: z.int().nonnegative(),
});
export type ProductFacets = z.infer<typeof productFacetsSchema>;

export const productSuggestInputSchema = z.object({
  q: z
    .string()
    .max(SEARCH_TEXT_MAX)
    .refine((s) => isPlainText(s, { multiline: true }), 'Remove control characters'),
  currency: currencyCodeSchema.optional(),
  limit: z.int().min(1).max(10).default(6),
});
export type ProductSuggestInput = z.input<typeof productSuggestInputSchema>;

/** What the search box offers while the shopper types. */
export const productSuggestionsSchema = z.object({
  currency: currencyCodeSchema,
  /** The best matches, the last word taken as the start of one. */
  products: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      priceMin: moneySchema,
      image: productImageSchema.nullable(),
    }),
  ),
  /** Categories whose name matches. */
  categories: z.array(z.object({ slug: z.string(), name: z.string() })),
  /** The words after correction, when one was corrected. */
  searchedFor: z.string().nullable(),
});
export type ProductSuggestions = z.infer<typeof productSuggestionsSchema>;
