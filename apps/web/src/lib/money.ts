import type { Money } from '@bazaar/contracts';

/** The storefront's display locale. One place to change when the shop gets i18n. */
export const SHOP_LOCALE = 'en-IE';

const fractionDigitsCache = new Map<string, number>();

/** How many minor units a currency has (EUR → 2, JPY → 0, BHD → 3), per ICU. */
export function currencyFractionDigits(currency: string): number {
  let digits = fractionDigitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    fractionDigitsCache.set(currency, digits);
  }
  return digits;
}

/** Formats integer minor units as a localised price, e.g. `{ amount: 1299, currency: 'EUR' }` → `€12.99`. */
export function formatMoney(money: Money, locale: string = SHOP_LOCALE): string {
  const digits = currencyFractionDigits(money.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(money.amount / 10 ** digits);
}

/** Whether two prices are the same amount in the same currency. */
export function samePrice(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}
