import type { CartLine, CartLineProblem } from '@bazaar/contracts';
import { errorCode, formErrors } from './form-errors';

/**
 * What to tell the shopper when a cart change fails: the API's own sentence for refusals about
 * the item ("Only 3 of Stoneware Mug available"), the usual messages otherwise.
 */
export function cartErrorMessage(error: unknown): string {
  const code = errorCode(error);
  if ((code === 'CONFLICT' || code === 'NOT_FOUND') && error instanceof Error && error.message) {
    return error.message;
  }
  const { formError, fieldErrors } = formErrors(error, { fields: [] });
  return formError ?? Object.values(fieldErrors).flat()[0] ?? 'That did not work. Try again.';
}

const problemText: Record<CartLineProblem, (line: CartLine) => string> = {
  unavailable: () => 'No longer available. Remove it to check out.',
  not_priced: () => 'Not sold in this currency. Remove it or switch currency.',
  sold_out: () => 'Sold out. Remove it to check out.',
  short: (line) => `Only ${line.available} available. Lower the quantity to check out.`,
};

/** Why a line cannot be bought as it is, in the shopper's words; null when it can. */
export const lineProblemText = (line: CartLine): string | null =>
  line.problem ? problemText[line.problem](line) : null;

/** Quantities a shopper can pick for a line: up to what is available (at least its own). */
export function quantityChoices(available: number, current = 1, max = 99): number[] {
  const top = Math.min(max, Math.max(available, current, 1));
  return Array.from({ length: top }, (_, i) => i + 1);
}

/** "1 item", "3 items". */
export const itemsLabel = (count: number) => `${count} ${count === 1 ? 'item' : 'items'}`;
