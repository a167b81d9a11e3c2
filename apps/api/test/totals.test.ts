import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, computeTotals, type TotalsInput } from '../src/services/pricing/totals.ts';

const base: TotalsInput = {
  lines: [],
  discount: null,
  shipping: null,
  taxRateBps: 0,
  pricesIncludeTax: true,
};

describe('computeTotals', () => {
  it('adds lines, takes a percentage off, ships free over the threshold, and finds the VAT inside', () => {
    const totals = computeTotals({
      ...base,
      lines: [
        { key: 'tee', unitAmount: 2900, quantity: 2 },
        { key: 'mug', unitAmount: 1800, quantity: 1 },
      ],
      discount: { kind: 'percentage', percent: 10 },
      shipping: { amount: 495, freeOverAmount: 7500 },
      taxRateBps: 2000,
    });
    // 76.00 − 7.60 = 68.40: under 75.00, so shipping is charged.
    expect(totals).toMatchObject({ subtotal: 7600, discount: 760, shipping: 495, total: 7335 });
    expect(totals.lines.map((l) => [l.key, l.discount, l.total, l.tax])).toEqual([
      ['tee', 580, 5220, 870],
      ['mug', 180, 1620, 270],
    ]);
    // 20% VAT inside 4.95 is 0.825 → 0.83.
    expect(totals.shippingTax).toBe(83);
    expect(totals.tax).toBe(870 + 270 + 83);
  });

  it('adds tax on top when prices exclude it, and caps a fixed discount at the subtotal', () => {
    const exclusive = computeTotals({
      ...base,
      lines: [{ key: 'a', unitAmount: 1000, quantity: 3 }],
      discount: { kind: 'fixed', amount: 500 },
      shipping: { amount: 1000, freeOverAmount: null },
      taxRateBps: 825,
      pricesIncludeTax: false,
    });
    // (30.00 − 5.00) × 8.25% = 2.0625 → 2.06; shipping 10.00 × 8.25% = 0.825 → 0.83.
    expect(exclusive).toMatchObject({
      subtotal: 3000,
      discount: 500,
      shipping: 1000,
      tax: 206 + 83,
    });
    expect(exclusive.total).toBe(3000 - 500 + 1000 + 289);
    const capped = computeTotals({
      ...base,
      lines: [{ key: 'a', unitAmount: 300, quantity: 1 }],
      discount: { kind: 'fixed', amount: 500 },
    });
    expect(capped).toMatchObject({ discount: 300, total: 0 });
  });

  it('free shipping counts the subtotal after the discount, and reaching it exactly is enough', () => {
    const at = (percent: number) =>
      computeTotals({
        ...base,
        lines: [{ key: 'a', unitAmount: 10_000, quantity: 1 }],
        discount: { kind: 'percentage', percent },
        shipping: { amount: 495, freeOverAmount: 7500 },
      }).shipping;
    expect(at(25)).toBe(0);
    expect(at(26)).toBe(495);
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() =>
      computeTotals({ ...base, lines: [{ key: 'a', unitAmount: 10.5, quantity: 1 }] }),
    ).toThrow(RangeError);
    expect(() =>
      computeTotals({ ...base, lines: [{ key: 'a', unitAmount: 100, quantity: 0 }] }),
    ).toThrow(RangeError);
    expect(() => computeTotals({ ...base, taxRateBps: -1 })).toThrow(RangeError);
  });

  it('holds its sums for any cart (generated)', () => {
    const line = fc.record({
      key: fc.string(),
      unitAmount: fc.integer({ min: 0, max: 10_000_000 }),
      quantity: fc.integer({ min: 1, max: 99 }),
    });
    const discount = fc.oneof(
      fc.constant(null),
      fc.record({
        kind: fc.constant('percentage' as const),
        percent: fc.integer({ min: 1, max: 100 }),
      }),
      fc.record({
        kind: fc.constant('fixed' as const),
        amount: fc.integer({ min: 0, max: 100_000_000 }),
      }),
    );
    const shipping = fc.option(
      fc.record({
        amount: fc.integer({ min: 0, max: 100_000 }),
        freeOverAmount: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
      }),
      { nil: null },
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 50 }),
        discount,
        shipping,
        fc.integer({ min: 0, max: 5000 }),
        fc.boolean(),
        (lines, discount, shipping, taxRateBps, pricesIncludeTax) => {
          const t = computeTotals({ lines, discount, shipping, taxRateBps, pricesIncludeTax });
          const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          expect(t.subtotal).toBe(sum(lines.map((l) => l.unitAmount * l.quantity)));
          expect(t.discount).toBeGreaterThanOrEqual(0);
          expect(t.discount).toBeLessThanOrEqual(t.subtotal);
          expect(sum(t.lines.map((l) => l.discount))).toBe(t.discount);
          for (const l of t.lines) {
            expect(l.discount).toBeLessThanOrEqual(l.subtotal);
            expect(l.tax).toBeGreaterThanOrEqual(0);
            if (pricesIncludeTax) expect(l.tax).toBeLessThanOrEqual(l.total);
          }
          expect(t.tax).toBe(sum(t.lines.map((l) => l.tax)) + t.shippingTax);
          expect(t.total).toBe(
            t.subtotal - t.discount + t.shipping + (pricesIncludeTax ? 0 : t.tax),
          );
          expect(Number.isSafeInteger(t.total)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('allocate', () => {
  it('splits exactly, largest remainder first', () => {
    expect(allocate(1000, [1, 1, 1])).toEqual([334, 333, 333]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 30 }),
        (amount, weights) => {
          const parts = allocate(amount, weights);
          const total = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total === 0 ? 0 : amount);
          parts.forEach((p, i) => {
            const exact = total === 0 ? 0 : (amount * (weights[i] as number)) / total;
            expect(Math.abs(p - exact)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});
