import { z } from 'zod';
import { countryCodeSchema } from './accounts.ts';
import { currencyCodeSchema } from './money.ts';
import { plainText } from './text.ts';
import { timestampSchema } from './time.ts';

/**
 * What the admin configures for checkout: shipping methods with their rates, tax rates and
 * whether prices include tax, and discount codes. Amounts are integer minor units of the
 * currency beside them (see `money.ts`).
 */

const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;
/** Minor units, zero or more. */
const amountSchema = z.int('Enter a whole number of minor units').min(0).max(MAX_AMOUNT);

export const settingsIdInputSchema = z.object({ id: z.uuid() });

// ── Shipping ────────────────────────────────────────────────────────────────────────────────

export const shippingRateInputSchema = z.object({
  currency: currencyCodeSchema,
  /** The flat rate. */
  amount: amountSchema,
  /** Free once the discounted subtotal reaches this; null when never free. */
  freeOver: amountSchema.nullable().default(null),
});
export type ShippingRateInput = z.infer<typeof shippingRateInputSchema>;

export const shippingMethodInputSchema = z.object({
  /** An existing method; absent for a new one. */
  id: z.uuid().optional(),
  name: plainText(100, { label: 'The name' }).min(1, 'Name the shipping method'),
  description: plainText(200, { label: 'The description' }).default(''),
  /** ISO 3166-1 alpha-2 codes it ships to; empty means every country. */
  countries: z
    .array(countryCodeSchema)
    .max(250)
    .refine((codes) => new Set(codes).size === codes.length, 'Each country once')
    .default([]),
  /** Methods are offered in this order (lowest first), then by name. */
  position: z.int().min(0).max(10_000).default(0),
  /** Inactive methods are kept but not offered. */
  active: z.boolean().default(true),
  /** One rate per shop currency it is offered in: no rate in a currency, not offered in it. */
  rates: z
    .array(shippingRateInputSchema)
    .max(20)
    .refine(
      (rates) => new Set(rates.map((r) => r.currency)).size === rates.length,
      'One rate per currency',
    ),
});
export type ShippingMethodInput = z.input<typeof shippingMethodInputSchema>;
export type ShippingMethodRequest = z.output<typeof shippingMethodInputSchema>;

export const shippingRateSchema = z.object({
  currency: currencyCodeSchema,
  amount: z.int().nonnegative(),
  freeOver: z.int().nonnegative().nullable(),
});
export type ShippingRate = z.infer<typeof shippingRateSchema>;

export const shippingMethodSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  countries: z.array(z.string()),
  position: z.int(),
  active: z.boolean(),
  /** By currency code. */
  rates: z.array(shippingRateSchema),
  createdAt: timestampSchema,
});
export type ShippingMethod = z.infer<typeof shippingMethodSchema>;

// ── Tax ─────────────────────────────────────────────────────────────────────────────────────

export const taxRateInputSchema = z.object({
  /** An existing rate; absent for a new one. */
  id: z.uuid().optional(),
  country: countryCodeSchema,
  /**
   * A state or province as addresses carry it (`CA`); empty for the whole country. A region's
   * rate wins over its country's.
   */
  region: plainText(100, { label: 'The region' }).default(''),
  /** Basis points: 2000 is 20%, 725 is 7.25%. */
  rateBps: z.int('Enter the rate in basis points').min(0).max(100_000),
  /** What receipts call it ("VAT", "Sales tax"). */
  name: plainText(50, { label: 'The name' }).min(1, 'Name the tax, e.g. VAT').default('Tax'),
});
export type TaxRateInput = z.input<typeof taxRateInputSchema>;
export type TaxRateRequest = z.output<typeof taxRateInputSchema>;

export const taxRateSchema = z.object({
  id: z.uuid(),
  country: z.string(),
  region: z.string(),
  rateBps: z.int().nonnegative(),
  name: z.string(),
});
export type TaxRate = z.infer<typeof taxRateSchema>;

export const pricesIncludeTaxSchema = z.object({
  /** Prices and shipping rates include tax (as EU shops show them); otherwise tax is added. */
  pricesIncludeTax: z.boolean(),
});
export type PricesIncludeTax = z.infer<typeof pricesIncludeTaxSchema>;

/** The tax page: the setting and every rate, by country then region. */
export const taxSettingsSchema = pricesIncludeTaxSchema.extend({
  rates: z.array(taxRateSchema),
});
export type TaxSettings = z.infer<typeof taxSettingsSchema>;

// ── Discount codes ──────────────────────────────────────────────────────────────────────────

/** Shoppers type codes in any case; they are stored upper-case. */
export const discountCodeTextSchema = plainText(40, { label: 'The code' })
  .min(1, 'Enter a code')
  .toUpperCase()
  .regex(/^[A-Z0-9_-]+$/, 'Letters, digits, - and _ only');

export const discountKindSchema = z.enum(['percentage', 'fixed']);
export type DiscountKind = z.infer<typeof discountKindSchema>;

/** Dates PostgreSQL and every browser can hold. */
const dateSchema = z
  .date('Enter a date')
  .min(new Date('2000-01-01T00:00:00Z'), 'Enter a date after 2000')
  .max(new Date('9999-12-31T00:00:00Z'), 'Enter a date before 9999');

const limitSchema = z.int('Enter a whole number').min(1, 'At least 1').max(1_000_000_000);

export const discountCodeInputSchema = z
  .object({
    /** An existing code; absent for a new one. */
    id: z.uuid().optional(),
    code: discountCodeTextSchema,
    kind: discountKindSchema,
    /** For `percentage`: 1–100 (ignored for `fixed`). */
    percent: z.int('Enter a whole percentage').min(1).max(100).nullable().default(null),
    /** For `fixed`: minor units of `currency` (ignored for `percentage`). */
    amount: z
      .int('Enter a whole number of minor units')
      .min(1)
      .max(MAX_AMOUNT)
      .nullable()
      .default(null),
    /**
     * Required for a fixed amount or a minimum subtotal; the code then works in this currency
     * only. Null: any currency.
     */
    currency: currencyCodeSchema.nullable().default(null),
    /** The (undiscounted) subtotal an order needs, in `currency`. */
    minSubtotal: amountSchema.nullable().default(null),
    startsAt: dateSchema.nullable().default(null),
    /** Must be after `startsAt`. */
    endsAt: dateSchema.nullable().default(null),
    /** Uses across all customers; null: unlimited. */
    usageLimit: limitSchema.nullable().default(null),
    /** Uses per customer (account, or a guest's email); null: unlimited. */
    perCustomerLimit: limitSchema.nullable().default(null),
    /** An inactive code is refused at checkout but kept, with its uses. */
    active: z.boolean().default(true),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'percentage' && d.percent === null)
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'Enter the percentage off' });
    if (d.kind === 'fixed' && d.amount === null)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter the amount off' });
    if (d.currency === null && d.kind === 'fixed')
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: 'Choose the currency of the amount off',
      });
    else if (d.currency === null && d.minSubtotal !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: 'Choose the currency of the minimum subtotal',
      });
    if (d.startsAt && d.endsAt && d.endsAt <= d.startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'End after the start' });
  });
export type DiscountCodeInput = z.input<typeof discountCodeInputSchema>;
export type DiscountCodeRequest = z.output<typeof discountCodeInputSchema>;

export const discountCodeSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: discountKindSchema,
  percent: z.int().nullable(),
  amount: z.int().nullable(),
  currency: z.string().nullable(),
  minSubtotal: z.int().nullable(),
  startsAt: timestampSchema.nullable(),
  endsAt: timestampSchema.nullable(),
  usageLimit: z.int().nullable(),
  perCustomerLimit: z.int().nullable(),
  /** Uses taken by orders (given back when an unpaid order is cancelled). */
  timesUsed: z.int().nonnegative(),
  /** Orders that used the code: while any does, it can be deactivated but not deleted. */
  orderCount: z.int().nonnegative(),
  active: z.boolean(),
  createdAt: timestampSchema,
});
export type DiscountCode = z.infer<typeof discountCodeSchema>;
