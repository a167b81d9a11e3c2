import { describe, expect, it } from 'vitest';
import { LOW_STOCK_THRESHOLD, stockLabel, stockLevel } from './stock';

describe('stock', () => {
  it('is out at zero (and below, should the API ever say so)', () => {
    expect(stockLevel(0)).toBe('out');
    expect(stockLevel(-1)).toBe('out');
    expect(stockLabel(0)).toBe('Out of stock');
  });

  it('is low from 1 up to the threshold, with the count shown', () => {
    expect(LOW_STOCK_THRESHOLD).toBe(5);
    expect(stockLevel(1)).toBe('low');
    expect(stockLabel(1)).toBe('Only 1 left');
    expect(stockLevel(5)).toBe('low');
    expect(stockLabel(5)).toBe('Only 5 left');
  });

  it('is in stock above the threshold, without a count', () => {
    expect(stockLevel(6)).toBe('in');
    expect(stockLabel(6)).toBe('In stock');
    expect(stockLabel(10_000)).toBe('In stock');
  });
});
