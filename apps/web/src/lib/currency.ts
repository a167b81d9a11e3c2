import type { ShopCurrency } from '@bazaar/contracts';

/** The shopper's chosen currency, remembered for a year. */
export const CURRENCY_COOKIE = 'bazaar_currency';
export const CURRENCY_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** The remembered currency when the shop still sells in it, else the shop's default. */
export function pickCurrency(remembered: string | undefined, currencies: readonly ShopCurrency[]) {
  const chosen = currencies.find((c) => c.code === remembered);
  const fallback = currencies.find((c) => c.isDefault) ?? currencies[0];
  return (chosen ?? fallback)?.code ?? 'EUR';
}

/** "USD" → "US dollar" (for the switcher's labels). */
export function currencyName(code: string, locale = 'en'): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}
