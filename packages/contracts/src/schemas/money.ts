import { z } from 'zod';

/** An ISO 4217 code such as EUR. */
export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as EUR');
export type CurrencyCode = z.infer<typeof currencyCodeSchema>;

/**
 * An amount in integer minor units (cents, pence…) with its ISO 4217 currency. The database keeps
 * amounts as `bigint`; the API carries them as safe integers (up to 2^53 − 1 minor units, 90
 * trillion euro), which plain JSON clients can read.
 */
export const moneySchema = z.object({
  amount: z.int(),
  currency: currencyCodeSchema,
});
export type Money = z.infer<typeof moneySchema>;
