import { describe, expect, it } from 'vitest';
import { currencySymbol, priceRangeLabel, wholeUnits } from './price-range';

describe('currencySymbol', () => {
  it('is the sign prices show', () => {
    expect(currencySymbol('EUR')).toBe('€');
    expect(currencySymbol('GBP')).toBe('£');
  });
});

describe('wholeUnits', () => {
  it('rounds to whole major units in the asked direction', () => {
    expect(wholeUnits(1299, 'EUR', 'down')).toBe('12');
    expect(wholeUnits(1299, 'EUR', 'up')).toBe('13');
    expect(wholeUnits(1200, 'EUR', 'up')).toBe('12');
    expect(wholeUnits(1299, 'JPY', 'down')).toBe('1299');
  });
});

describe('priceRangeLabel', () => {
  it('names a range, a floor or a ceiling', () => {
    expect(priceRangeLabel(2000, 5000, 'EUR')).toBe('€20.00 – €50.00');
    expect(priceRangeLabel(2000, null, 'EUR')).toBe('From €20.00');
    expect(priceRangeLabel(null, 5000, 'EUR')).toBe('Up to €50.00');
  });
});
