import type { CartLine } from '@bazaar/contracts';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { cartErrorMessage, itemsLabel, lineProblemText, quantityChoices } from './cart';

const trpcError = (
  code: string,
  message: string,
  fieldErrors: Record<string, string[]> | null = null,
) =>
  new TRPCClientError(message, {
    result: { error: { message, code: -32000, data: { code, fieldErrors } } } as never,
  });

describe('cartErrorMessage', () => {
  it("keeps the API's sentence for refusals about the item", () => {
    expect(
      cartErrorMessage(
        trpcError('CONFLICT', 'Only 3 of Mug available', { quantity: ['Only 3 available'] }),
      ),
    ).toBe('Only 3 of Mug available');
    expect(cartErrorMessage(trpcError('NOT_FOUND', 'This item is not for sale'))).toBe(
      'This item is not for sale',
    );
  });

  it('shows field errors of bad input and a generic message for the rest', () => {
    expect(
      cartErrorMessage(
        trpcError('BAD_REQUEST', '[json]', { quantity: ['At most 99 of one item'] }),
      ),
    ).toBe('At most 99 of one item');
    expect(cartErrorMessage(trpcError('INTERNAL_SERVER_ERROR', 'Internal server error'))).toMatch(
      /on our side/,
    );
    expect(cartErrorMessage(new Error('boom'))).toMatch(/on our side/);
  });
});

describe('lineProblemText', () => {
  const line = (problem: CartLine['problem'], available = 2) =>
    ({ problem, available }) as CartLine;
  it('says what stops a line and how to fix it', () => {
    expect(lineProblemText(line(null))).toBeNull();
    expect(lineProblemText(line('short', 2))).toBe(
      'Only 2 available. Lower the quantity to check out.',
    );
    expect(lineProblemText(line('sold_out'))).toMatch(/^Sold out/);
    expect(lineProblemText(line('not_priced'))).toMatch(/currency/);
    expect(lineProblemText(line('unavailable'))).toMatch(/^No longer available/);
  });
});

describe('quantityChoices', () => {
  it('offers up to what is available, never fewer than the current quantity, at most 99', () => {
    expect(quantityChoices(3)).toEqual([1, 2, 3]);
    expect(quantityChoices(1, 4)).toEqual([1, 2, 3, 4]);
    expect(quantityChoices(0)).toEqual([1]);
    expect(quantityChoices(500)).toHaveLength(99);
    expect(quantityChoices(500, 1, 10)).toHaveLength(10);
  });

  it('counts items', () => {
    expect(itemsLabel(1)).toBe('1 item');
    expect(itemsLabel(0)).toBe('0 items');
  });
});
