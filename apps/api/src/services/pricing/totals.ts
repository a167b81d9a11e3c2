/**
 * The one pricing function: everything a cart, a quote and an order show as totals comes from
 * here, in integer minor units of one currency. Pure (no database), so it is tested on its own
 * with generated inputs.
 */

export interface TotalsLine {
  /** The caller's id for the line (a cart line, a variant). */
  key: string;
  unitAmount: number;
  quantity: number;
}

export type DiscountRule =
  /** `percent` of the subtotal, 1–100. */
  | { kind: 'percentage'; percent: number }
  /** A fixed amount off, never more than the subtotal. */
  | { kind: 'fixed'; amount: number };

export interface TotalsInput {
  lines: TotalsLine[];
  discount: DiscountRule | null;
  /** The chosen shipping rate; null before one is chosen. Free when the discounted subtotal reaches `freeOverAmount`. */
  shipping: { amount: number; freeOverAmount: number | null } | null;
  /** The destination's tax rate in basis points (2000 = 20%); 0 where none applies. */
  taxRateBps: number;
  /** Prices (and the shipping rate) already include tax, as in the EU; otherwise tax is added. */
  pricesIncludeTax: boolean;
}

export interface LineTotals {
  key: string;
  subtotal: number;
  discount: number;
  tax: number;
  /** subtotal − discount (tax included or not, as the prices are). */
  total: number;
}

export interface Totals {
  subtotal: number;
  discount: number;
  shipping: number;
  /** Included in the prices, or added to them. */
  tax: number;
  shippingTax: number;
  total: number;
  lines: LineTotals[];
}

/** round(a × b / c) for non-negative integers, half up, exact at any size. */
function mulDivRound(a: number, b: number, c: number): number {
  const [x, y, z] = [BigInt(a), BigInt(b), BigInt(c)];
  return Number((2n * x * y + z) / (2n * z));
}

function assertAmount(name: string, value: number) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

/** The discount on `subtotal`, never more than it. */
function discountOn(subtotal: number, rule: DiscountRule | null): number {
  if (!rule) return 0;
  if (rule.kind === 'fixed') return Math.min(rule.amount, subtotal);
  return mulDivRound(subtotal, rule.percent, 100);
}

/**
 * Splits `amount` over `weights` in proportion, largest remainder first, so the parts add up to
 * `amount` exactly (a 10.00 discount over three equal lines: 3.34, 3.33, 3.33).
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total === 0) return weights.map(() => 0);
  const big = BigInt(amount);
  const sum = BigInt(total);
  const parts = weights.map((w) => Number((big * BigInt(w)) / sum));
  const remainders = weights.map((w) => (big * BigInt(w)) % sum);
  let left = amount - parts.reduce((acc, p) => acc + p, 0);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const [ra, rb] = [remainders[a] as bigint, remainders[b] as bigint];
      return ra === rb ? a - b : rb > ra ? 1 : -1;
    });
  for (const i of order) {
    if (left === 0) break;
    parts[i] = (parts[i] as number) + 1;
    left -= 1;
  }
  return parts;
}

/** The tax in `amount` (inclusive prices) or on it (exclusive). */
const taxOf = (amount: number, rateBps: number, inclusive: boolean) =>
  rateBps === 0
    ? 0
    : inclusive
      ? mulDivRound(amount, rateBps, 10_000 + rateBps)
      : mulDivRound(amount, rateBps, 10_000);

export function computeTotals(input: TotalsInput): Totals {
  for (const line of input.lines) {
    assertAmount('unitAmount', line.unitAmount);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw new RangeError(`quantity must be a positive integer, got ${line.quantity}`);
    }
  }
  if (!Number.isInteger(input.taxRateBps) || input.taxRateBps < 0 || input.taxRateBps > 100_000) {
    throw new RangeError(`taxRateBps out of range: ${input.taxRateBps}`);
  }
  const lineSubtotals = input.lines.map((l) => l.unitAmount * l.quantity);
  const subtotal = lineSubtotals.reduce((sum, s) => sum + s, 0);
  assertAmount('subtotal', subtotal);
  const discount = discountOn(subtotal, input.discount);
  const lineDiscounts = allocate(discount, lineSubtotals);
  const inclusive = input.pricesIncludeTax;
  const lines = input.lines.map((line, i) => {
    const total = (lineSubtotals[i] as number) - (lineDiscounts[i] as number);
    return {
      key: line.key,
      subtotal: lineSubtotals[i] as number,
      discount: lineDiscounts[i] as number,
      tax: taxOf(total, input.taxRateBps, inclusive),
      total,
    };
  });
  const rate = input.shipping;
  const shipping =
    !rate || (rate.freeOverAmount !== null && subtotal - discount >= rate.freeOverAmount)
      ? 0
      : rate.amount;
  const shippingTax = taxOf(shipping, input.taxRateBps, inclusive);
  const tax = lines.reduce((sum, l) => sum + l.tax, 0) + shippingTax;
  const total = subtotal - discount + shipping + (inclusive ? 0 : tax);
  assertAmount('total', total);
  return { subtotal, discount, shipping, tax, shippingTax, total, lines };
}
