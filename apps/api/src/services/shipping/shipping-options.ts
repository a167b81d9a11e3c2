import { type SQL, sql } from 'drizzle-orm';

export interface ShippingOption {
  id: string;
  name: string;
  description: string;
  /** The flat rate in the currency. */
  amount: number;
  /** Free from this (discounted) subtotal on; null when never free. */
  freeOverAmount: number | null;
}

/**
 * SQL for the active methods that ship to `country` and have a rate in `currency` (an SQL
 * expression, so pricing can read it in the same statement as the currency), in the shop's order:
 * a JSON array of `ShippingOption`.
 */
export const shippingOptionsJson = (country: string, currency: SQL): SQL => sql`
  coalesce((
    select json_agg(json_build_object('id', m.id, 'name', m.name,
        'description', m.description, 'amount', r.amount,
        'freeOverAmount', r.free_over_amount) order by m.position, m.name)
    from shipping_methods m
    join shipping_rates r on r.method_id = m.id and r.currency = ${currency}
    where m.active
      and (cardinality(m.countries) = 0 or ${country}::text = any(m.countries))
  ), '[]'::json)`;
