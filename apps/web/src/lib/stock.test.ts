import { describe, expect, it } from 'vitest';
import { stockLabel, stockLevel } from './stock';

describe('stock', () => {
  it('is out at zero (and below, should the API ever say so), whatever the threshold says', () => {
    expect(stockLevel(0, false)).toBe('out');
    expect(stockLevel(0, true)).toBe('out');
    expect(stockLevel(-1, true)).toBe('out');
    expect(stockLabel(0, true)).toBe('Out of stock');
  });

  it('is low when the API says so, with the count shown', () => {
    expect(stockLevel(1, true)).toBe('low');
    expect(stockLabel(1, true)).toBe('Only 1 left');
    expect(stockLabel(12, true)).toBe('Only 12 left');
  });

  it('is in stock otherwise, without a count', () => {
    expect(stockLevel(3, false)).toBe('in');
    expect(stockLabel(3, false)).toBe('In stock');
    expect(stockLabel(10_000, false)).toBe('In stock');
  });
});
