import type { Money } from '@bazaar/contracts';
import { currencyFractionDigits, formatMoney, SHOP_LOCALE } from './money';

/** The currency's sign as prices show it: "€", "US$", "¥". */
export function currencySymbol(currency: string, locale: string = SHOP_LOCALE): string {
  return (
    new Intl.NumberFormat(locale, { style: 'currency', currency })
      .formatToParts(0)
      .find((part) => part.type === 'currency')?.value ?? currency
  );
}

/** Whole major units at or below / above an amount, for the price inputs' hints: 1299 → "12" / "13". */
export function wholeUnits(amount: number, currency: string, round: 'down' | 'up'): string {
  const units = amount / 10 ** currencyFractionDigits(currency);
  return String(round === 'down' ? Math.floor(units) : Math.ceil(units));
}

/** A chosen price range in words: "€20.00 – €50.00", "From €20.00", "Up to €50.00". */
export function priceRangeLabel(min: number | null, max: number | null, currency: string): string {
  const money = (amount: number): string => formatMoney({ amount, currency } satisfies Money);
  if (min !== null && max !== null) return `${money(min)} – ${money(max)}`;
  if (min !== null) return `From ${money(min)}`;
  if (max !== null) return `Up to ${money(max)}`;
  return 'Any price';
}
