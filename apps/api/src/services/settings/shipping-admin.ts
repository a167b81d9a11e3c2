import {
  notFound,
  type ShippingMethod,
  type ShippingMethodRequest,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { currencies, shippingMethods, shippingRates } from '@bazaar/db/schema';
import { and, asc, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';
import { requireShopCurrencies } from './field-errors.ts';

/** Methods (all, or the one with `id`) with their rates, in the order checkout offers them. */
async function loadMethods(db: DbOrTx, id?: string): Promise<ShippingMethod[]> {
  const [methods, rates] = await Promise.all([
    db
      .select()
      .from(shippingMethods)
      .where(id ? eq(shippingMethods.id, id) : undefined)
      .orderBy(asc(shippingMethods.position), asc(shippingMethods.name), asc(shippingMethods.id)),
    db
      .select({
        methodId: shippingRates.methodId,
        currency: shippingRates.currency,
        amount: shippingRates.amount,
        freeOver: shippingRates.freeOverAmount,
      })
      .from(shippingRates)
      .innerJoin(currencies, eq(currencies.code, shippingRates.currency))
      .where(id ? eq(shippingRates.methodId, id) : undefined)
      // The shop's currency order: the default first.
      .orderBy(desc(currencies.isDefault), asc(currencies.position), asc(currencies.code)),
  ]);
  return methods.map((m) => ({
    id: m.id,
    name: m.name,
    description: m.description,
    countries: m.countries,
    position: m.position,
    active: m.active,
    rates: rates
      .filter((r) => r.methodId === m.id)
      .map(({ currency, amount, freeOver }) => ({ currency, amount, freeOver })),
    createdAt: m.createdAt,
  }));
}

export function createShippingAdmin(db: Database) {
  return {
    listShippingMethods: () => loadMethods(db),

    /** The method and its whole set of rates in one transaction: rates left out are removed. */
    saveShippingMethod: (_actorId: string, input: ShippingMethodRequest) =>
      db.transaction(async (tx): Promise<ShippingMethod> => {
        await requireShopCurrencies(
          tx,
          input.rates.map((r, i) => ({ field: `rates.${i}.currency`, code: r.currency })),
        );
        const values = {
          name: input.name,
          description: input.description,
          countries: input.countries,
          position: input.position,
          active: input.active,
        };
        const [row] = input.id
          ? await tx
              .update(shippingMethods)
              .set(values)
              .where(eq(shippingMethods.id, input.id))
              .returning({ id: shippingMethods.id })
          : await tx.insert(shippingMethods).values(values).returning({ id: shippingMethods.id });
        if (!row) throw notFound('Shipping method');
        const kept = input.rates.map((r) => r.currency);
        await tx
          .delete(shippingRates)
          .where(
            and(
              eq(shippingRates.methodId, row.id),
              kept.length ? notInArray(shippingRates.currency, kept) : undefined,
            ),
          );
        if (input.rates.length) {
          await tx
            .insert(shippingRates)
            .values(
              input.rates.map((r) => ({
                methodId: row.id,
                currency: r.currency,
                amount: r.amount,
                freeOverAmount: r.freeOver,
              })),
            )
            .onConflictDoUpdate({
              target: [shippingRates.methodId, shippingRates.currency],
              set: {
                amount: sql`excluded.amount`,
                freeOverAmount: sql`excluded.free_over_amount`,
              },
            });
        }
        const [saved] = await loadMethods(tx, row.id);
        return saved as ShippingMethod;
      }),

    /** Orders keep the method's name and what it cost; their reference becomes null. */
    async deleteShippingMethod(_actorId: string, id: string) {
      const [row] = await db
        .delete(shippingMethods)
        .where(eq(shippingMethods.id, id))
        .returning({ id: shippingMethods.id });
      if (!row) throw notFound('Shipping method');
    },
  };
}
