import { z } from 'zod';

/** An amount in integer minor units (cents, pence…) with its ISO 4217 currency. */
export const moneySchema = z.object({
  amount: z.number().int(),
  currency: z
    .string()
    .length(3)
    .regex(/^[A-Z]{3}$/),
});
export type Money = z.infer<typeof moneySchema>;
