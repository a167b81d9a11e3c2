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

/**
 * Integer minor units as a plain decimal string, as structured data wants a price:
 * `{ amount: 1299, currency: 'EUR' }` → "12.99", 500 JPY → "500". String arithmetic, no floats.
 */
export function decimalAmount(money: Money): string {
  const digits = currencyFractionDigits(money.currency);
  const sign = money.amount < 0 ? '-' : '';
  const text = String(Math.abs(money.amount));
  if (digits === 0) return `${sign}${text}`;
  const padded = text.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** Whether two prices are the same amount in the same currency. */
export function samePrice(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}

/**
 * What staff type as a price ("29", "29.9", "29,90", "1,299.00", "1.299,50") → integer minor
 * units, or null when it is not an amount in `currency`: too many decimals, letters, a sign, or
 * ambiguous ("1,299" could be 1.299 or 1299: money is not the place to guess).
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const digits = currencyFractionDigits(currency);
  const s = text.trim().replace(/[\s\u00a0']/g, '');
  const match = /^(\d{1,3}(?:([.,])\d{3})*|\d+)(?:([.,])(\d+))?$/.exec(s);
  if (!match) return null;
  const [, wholePart = '', grouping, decimalMark, fraction = ''] = match;
  if (grouping && grouping === decimalMark) return null;
  // "1,299" or "1.234" alone: a grouping or a decimal mark? Only a 3-decimal currency says.
  if (grouping && !decimalMark && digits !== 3 && wholePart.split(grouping).length === 2)
    return null;
  let whole = wholePart;
  let minor = fraction;
  if (grouping && !decimalMark && digits === 3 && wholePart.split(grouping).length === 2) {
    [whole, minor] = wholePart.split(grouping) as [string, string];
  }
  whole = whole.replace(/[.,]/g, '');
  if (minor.length > digits) return null;
  const amount = Number(whole) * 10 ** digits + Number(minor.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(amount) ? amount : null;
}

/** Minor units as staff edit them: 2900 EUR → "29.00", 500 JPY → "500". */
export function formatMoneyInput(amount: number, currency: string): string {
  const digits = currencyFractionDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
}
