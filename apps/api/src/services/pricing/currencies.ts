import { invalidField, type ShopCurrency } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { currencies } from '@bazaar/db/schema';
import { asc, desc } from 'drizzle-orm';

const currencyQueries = new WeakMap<Database, { execute(): Promise<ShopCurrency[]> }>();

/** The currencies the shop sells in, the default first (built once per database: every page asks). */
export async function shopCurrencies(db: Database): Promise<ShopCurrency[]> {
  let query = currencyQueries.get(db);
  if (!query) {
    query = db
      .select({ code: currencies.code, isDefault: currencies.isDefault })
      .from(currencies)
      .orderBy(desc(currencies.isDefault), asc(currencies.position), asc(currencies.code))
      .prepare('shop_currencies');
    currencyQueries.set(db, query);
  }
  return query.execute();
}

/**
 * The currency to price a request in: the one asked for when the shop sells in it, the default
 * when none was asked for. Any other code is the caller's error (a field error on `currency`).
 */
export async function resolveCurrency(
  db: Database,
  requested: string | undefined,
): Promise<string> {
  const all = await shopCurrencies(db);
  if (requested === undefined) {
    const fallback = all[0]?.code;
    if (!fallback) throw new Error('The shop has no currency; migration 0003 creates one');
    return fallback;
  }
  if (all.some((c) => c.code === requested)) return requested;
  throw invalidField('currency', `The shop does not sell in ${requested}`);
}
