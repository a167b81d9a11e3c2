import { z } from 'zod';
import { productImageSchema, slugSchema } from './catalog.ts';
import { currencyCodeSchema, moneySchema } from './money.ts';

/** At most this many of one item in a cart. */
export const MAX_LINE_QUANTITY = 99;
/** At most this many different items in a cart. */
export const MAX_CART_LINES = 50;

/**
 * Why a line cannot be bought as it is. Lines are flagged, never silently dropped:
 * `unavailable` (no longer sold), `not_priced` (no price in the cart's currency), `sold_out`,
 * `short` (fewer available than the quantity; `available` says how many).
 */
export const cartLineProblemSchema = z.enum(['unavailable', 'not_priced', 'sold_out', 'short']);
export type CartLineProblem = z.infer<typeof cartLineProblemSchema>;

export const cartLineSchema = z.object({
  id: z.uuid(),
  variantId: z.uuid(),
  productSlug: slugSchema,
  productTitle: z.string(),
  variantTitle: z.string(),
  sku: z.string(),
  options: z.array(z.object({ name: z.string(), value: z.string() })),
  image: productImageSchema.nullable(),
  quantity: z.int().min(1).max(MAX_LINE_QUANTITY),
  /** Units that can be bought now. */
  available: z.int().min(0),
  /** Current price in the cart's currency; null when the variant has none. */
  unitPrice: moneySchema.nullable(),
  compareAtPrice: moneySchema.nullable(),
  lineTotal: moneySchema.nullable(),
  problem: cartLineProblemSchema.nullable(),
});
export type CartLine = z.infer<typeof cartLineSchema>;

export const cartSchema = z.object({
  currency: currencyCodeSchema,
  lines: z.array(cartLineSchema),
  /** Units in the cart, for the header's badge. */
  itemCount: z.int().min(0),
  /** Of the lines without a problem. */
  subtotal: moneySchema,
  /** True when the cart has lines and none has a problem. */
  checkoutReady: z.boolean(),
  /** Things the shopper should be told once, e.g. what merging carts at sign-in changed. */
  notices: z.array(z.string()),
});
export type Cart = z.infer<typeof cartSchema>;

const quantity = z
  .int('Enter a whole number')
  .min(1, 'At least 1')
  .max(MAX_LINE_QUANTITY, `At most ${MAX_LINE_QUANTITY} of one item`);

/** The shopper's currency: the cart shows (and later checks out) in it. */
const currency = currencyCodeSchema.optional();

export const cartGetInputSchema = z.object({ currency }).optional();
export type CartGetInput = z.infer<typeof cartGetInputSchema>;

export const addToCartInputSchema = z.object({ variantId: z.uuid(), quantity, currency });
export type AddToCartInput = z.infer<typeof addToCartInputSchema>;

export const setCartQuantityInputSchema = z.object({ lineId: z.uuid(), quantity, currency });
export type SetCartQuantityInput = z.infer<typeof setCartQuantityInputSchema>;

export const removeCartLineInputSchema = z.object({ lineId: z.uuid(), currency });
export type RemoveCartLineInput = z.infer<typeof removeCartLineInputSchema>;
