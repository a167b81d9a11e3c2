/** How many minor units a currency has (EUR → 2, JPY → 0, BHD → 3), per ICU. */
export function fractionDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** 2900 EUR → "29.00": how amounts appear in files people open in a spreadsheet. */
export function minorToDecimal(amount: number, currency: string): string {
  const digits = fractionDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (digits === 0) return `${sign}${abs}`;
  const text = String(abs).padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * "29", "29.9", "29.90" → 2990 for EUR; null for anything else (a comma, a sign, too many
 * decimals, an amount past 2^53 minor units). Files use a dot; nothing is guessed.
 */
export function decimalToMinor(text: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const amount = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(amount) ? amount : null;
}

/** 24030 EUR → "€240.30": amounts in words people read (mail, timelines). */
export const formatMoney = (amount: number, currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).format(
    amount / 10 ** fractionDigits(currency),
  );
