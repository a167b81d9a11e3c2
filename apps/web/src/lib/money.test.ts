import { describe, expect, it } from 'vitest';
import {
  currencyFractionDigits,
  decimalAmount,
  formatMoney,
  formatMoneyInput,
  parseMoneyInput,
  SHOP_LOCALE,
  samePrice,
} from './money';

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

describe('parseMoneyInput', () => {
  it('reads what staff type as minor units', () => {
    expect(parseMoneyInput('29', 'EUR')).toBe(2900);
    expect(parseMoneyInput('29.9', 'EUR')).toBe(2990);
    expect(parseMoneyInput('29,90', 'EUR')).toBe(2990);
    expect(parseMoneyInput(' 1,299.00 ', 'USD')).toBe(129_900);
    expect(parseMoneyInput('1.299,50', 'EUR')).toBe(129_950);
    expect(parseMoneyInput('1,299,000', 'USD')).toBe(129_900_000);
    expect(parseMoneyInput('0', 'EUR')).toBe(0);
    expect(parseMoneyInput('500', 'JPY')).toBe(500);
    expect(parseMoneyInput('1.234', 'BHD')).toBe(1234);
  });

  it('refuses what is not an amount in the currency', () => {
    // "1,299" and "29.999" are ambiguous in a currency of two decimals: refused, not guessed.
    for (const text of ['', 'abc', '-5', '29.999', '1,299', '1e5', '29.', '.5', '5 EUR', '1.2.3']) {
      expect(parseMoneyInput(text, 'EUR'), text).toBeNull();
    }
    expect(parseMoneyInput('5.5', 'JPY')).toBeNull();
    expect(parseMoneyInput('99999999999999999', 'EUR')).toBeNull();
  });

  it('round-trips with formatMoneyInput', () => {
    for (const [amount, currency] of [
      [2900, 'EUR'],
      [5, 'USD'],
      [500, 'JPY'],
      [1234, 'BHD'],
    ] as const) {
      expect(parseMoneyInput(formatMoneyInput(amount, currency), currency)).toBe(amount);
    }
    expect(formatMoneyInput(2900, 'EUR')).toBe('29.00');
  });
});

describe('decimalAmount', () => {
  it('writes minor units as a decimal with the currency’s digits', () => {
    expect(decimalAmount({ amount: 1299, currency: 'EUR' })).toBe('12.99');
    expect(decimalAmount({ amount: 5, currency: 'EUR' })).toBe('0.05');
    expect(decimalAmount({ amount: 2400, currency: 'EUR' })).toBe('24.00');
    expect(decimalAmount({ amount: 500, currency: 'JPY' })).toBe('500');
    expect(decimalAmount({ amount: 1299, currency: 'BHD' })).toBe('1.299');
    expect(decimalAmount({ amount: -150, currency: 'EUR' })).toBe('-1.50');
    expect(decimalAmount({ amount: 9007199254740991, currency: 'EUR' })).toBe('90071992547409.91');
  });
});
