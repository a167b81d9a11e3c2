import { describe, expect, it } from 'vitest';
import { currencyFractionDigits, formatMoney, SHOP_LOCALE, samePrice } from './money';

describe('currencyFractionDigits', () => {
  it('knows each currency’s minor units', () => {
    expect(currencyFractionDigits('EUR')).toBe(2);
    expect(currencyFractionDigits('JPY')).toBe(0);
    expect(currencyFractionDigits('BHD')).toBe(3);
  });
});

describe('formatMoney', () => {
  it('reads the amount as minor units', () => {
    expect(formatMoney({ amount: 1299, currency: 'EUR' })).toBe('€12.99');
    expect(formatMoney({ amount: 2400, currency: 'EUR' })).toBe('€24.00');
    expect(formatMoney({ amount: 5, currency: 'EUR' })).toBe('€0.05');
    expect(formatMoney({ amount: 0, currency: 'EUR' })).toBe('€0.00');
  });

  it('uses the currency’s own number of decimals', () => {
    expect(formatMoney({ amount: 1299, currency: 'JPY' })).toBe('JP¥1,299');
    expect(formatMoney({ amount: 1299, currency: 'BHD' })).toBe('BHD\u00a01.299');
  });

  it('formats for the shop’s locale unless told otherwise', () => {
    expect(SHOP_LOCALE).toBe('en-IE');
    expect(formatMoney({ amount: 123_450, currency: 'EUR' })).toBe('€1,234.50');
    expect(formatMoney({ amount: 123_450, currency: 'EUR' }, 'de-DE')).toBe('1.234,50\u00a0€');
  });

  it('shows negative amounts', () => {
    expect(formatMoney({ amount: -500, currency: 'EUR' })).toBe('-€5.00');
  });
});

describe('samePrice', () => {
  it('compares amount and currency', () => {
    expect(samePrice({ amount: 100, currency: 'EUR' }, { amount: 100, currency: 'EUR' })).toBe(
      true,
    );
    expect(samePrice({ amount: 100, currency: 'EUR' }, { amount: 101, currency: 'EUR' })).toBe(
      false,
    );
    expect(samePrice({ amount: 100, currency: 'EUR' }, { amount: 100, currency: 'USD' })).toBe(
      false,
    );
  });
});
