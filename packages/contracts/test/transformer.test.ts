import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { transformer } from '../src/transformer.ts';

const wire = (value: unknown) => JSON.stringify(transformer.serialize(value));
const superjsonWire = (value: unknown) => JSON.stringify(superjson.serialize(value));

describe('the transformer', () => {
  it('sends plain JSON exactly as superjson does, without copying it', () => {
    const page = { items: [{ id: 'a', price: { amount: 1250, currency: 'EUR' } }], next: null };
    expect(wire(page)).toBe(superjsonWire(page));
    expect((transformer.serialize(page) as { json: unknown }).json).toBe(page);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // A generated key may be `__proto__`, which both refuse.
        const outcome = (send: (v: unknown) => string) => {
          try {
            return send(value);
          } catch (error) {
            return `refused: ${(error as Error).message}`;
          }
        };
        const sent = outcome(wire);
        expect(sent).toBe(outcome(superjsonWire));
        if (!sent.startsWith('refused'))
          expect(transformer.deserialize(JSON.parse(sent))).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves everything superjson annotates to superjson, so it arrives as it was', () => {
    const when = new Date('2026-12-01T10:00:00Z');
    const cases: unknown[] = [
      when,
      { placedAt: when },
      [1, { deep: [when] }],
      { missing: undefined },
      [1, undefined],
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      new Map([['a', 1]]),
      new Set([1]),
      10n,
      /re/g,
      new URL('https://shop.example/'),
      new (class Money {
        amount = 1;
      })(),
    ];
    for (const value of cases) {
      expect(wire(value)).toBe(superjsonWire(value));
      const back = transformer.deserialize(JSON.parse(wire(value)));
      if (typeof value === 'object' && value !== null && value.constructor.name === 'Money')
        expect(back).toEqual({ amount: 1 });
      else expect(back).toEqual(value);
    }
    expect(
      transformer.deserialize<{ placedAt: Date }>(JSON.parse(wire({ placedAt: when }))).placedAt,
    ).toBeInstanceOf(Date);
  });

  it('refuses the keys superjson refuses, and survives what is too deep to walk', () => {
    const polluted = JSON.parse('{"__proto__": {"admin": true}}');
    expect(() => transformer.serialize(polluted)).toThrow(/prototype pollution/);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200; i++) deep = { next: deep };
    expect(wire(deep)).toBe(superjsonWire(deep));
  });
});
