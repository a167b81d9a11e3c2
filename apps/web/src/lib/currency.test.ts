import { describe, expect, it } from 'vitest';
import { currencyName, pickCurrency } from './currency';

const SHOP = [
  { code: 'EUR', isDefault: true },
  { code: 'USD', isDefault: false },
];

describe('pickCurrency', () => {
  it('keeps a remembered currency the shop sells in', () => {
    expect(pickCurrency('USD', SHOP)).toBe('USD');
  });

  it('falls back to the default for anything else', () => {
    expect(pickCurrency(undefined, SHOP)).toBe('EUR');
    expect(pickCurrency('GBP', SHOP)).toBe('EUR');
    expect(pickCurrency('usd', SHOP)).toBe('EUR');
    expect(pickCurrency('GBP', [{ code: 'CHF', isDefault: false }, ...SHOP.slice(1)])).toBe('CHF');
  });
});

describe('currencyName', () => {
  it('names currencies, and falls back to the code', () => {
    expect(currencyName('USD')).toBe('US Dollar');
    expect(currencyName('not a code')).toBe('not a code');
  });
});
