import { z } from 'zod';
import { addressInputSchema, countryCodeSchema, emailSchema } from './accounts.ts';
import { currencyCodeSchema, moneySchema } from './money.ts';
import { plainText } from './text.ts';

export const checkoutQuoteInputSchema = z.object({
  /** The shopper's currency; the cart's when absent. */
  currency: currencyCodeSchema.optional(),
  /** Where it ships: shipping methods and tax depend on it. */
  country: countryCodeSchema,
  region: plainText(100).default(''),
  /** The chosen method; the first one offered when absent. */
  shippingMethodId: z.uuid().optional(),
  discountCode: plainText(40).optional(),
});
export type CheckoutQuoteInput = z.input<typeof checkoutQuoteInputSchema>;
export type CheckoutQuoteRequest = z.output<typeof checkoutQuoteInputSchema>;

export const shippingOptionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** What this method costs for this cart (0 when the cart reaches the free-shipping amount). */
  price: moneySchema,
  /** Free from this discounted subtotal on. */
  freeOver: moneySchema.nullable(),
});
export type ShippingOption = z.infer<typeof shippingOptionSchema>;

export const quoteLineSchema = z.object({
  lineId: z.uuid(),
  sku: z.string(),
  quantity: z.int().min(1),
  unitPrice: moneySchema,
  discount: moneySchema,
  tax: moneySchema,
  total: moneySchema,
});

/** What the order would cost, computed on the server by the one pricing function. */
export const checkoutQuoteSchema = z.object({
  currency: currencyCodeSchema,
  lines: z.array(quoteLineSchema),
  shippingOptions: z.array(shippingOptionSchema),
  /** Null when nothing ships to the country in this currency. */
  shippingMethodId: z.uuid().nullable(),
  discount: z.object({ code: z.string(), amount: moneySchema }).nullable(),
  subtotal: moneySchema,
  shipping: moneySchema,
  tax: z.object({
    name: z.string(),
    rateBps: z.int().min(0),
    /** True when prices include it (then it is part of the total, not added to it). */
    included: z.boolean(),
    amount: moneySchema,
  }),
  total: moneySchema,
});
export type CheckoutQuote = z.infer<typeof checkoutQuoteSchema>;

/**
 * Places the order for the caller's cart. `idempotencyKey` (random, made once per checkout
 * attempt by the client) makes retries safe: the same key with the same request answers the same
 * order, with another request CONFLICT.
 */
export const placeOrderInputSchema = z.object({
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,100}$/, 'Use 16 to 100 letters, digits, - or _ (a UUID will do)'),
  currency: currencyCodeSchema.optional(),
  email: emailSchema,
  shippingAddress: addressInputSchema.omit({ isDefault: true }),
  shippingMethodId: z.uuid(),
  discountCode: plainText(40).optional(),
  /** The total the shopper was shown; when prices changed since, CONFLICT instead of an order. */
  expectedTotal: moneySchema.optional(),
});
export type PlaceOrderInput = z.input<typeof placeOrderInputSchema>;
export type PlaceOrderRequest = z.output<typeof placeOrderInputSchema>;
