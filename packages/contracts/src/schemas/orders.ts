import { z } from 'zod';
import { moneySchema } from './money.ts';

export const orderStatusSchema = z.enum([
  'pending_payment',
  'paid',
  'fulfilled',
  'delivered',
  'cancelled',
  'refunded',
  'partially_refunded',
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** An order as placing it answers (and a replay of the same request answers again). */
export const placedOrderSchema = z.object({
  id: z.uuid(),
  /** Shown as "#1001". */
  number: z.int().positive(),
  status: orderStatusSchema,
  email: z.string(),
  total: moneySchema,
  /** Unpaid by then, the order is cancelled and its stock released. */
  reservedUntil: z.date().nullable(),
  createdAt: z.date(),
});
export type PlacedOrder = z.infer<typeof placedOrderSchema>;
