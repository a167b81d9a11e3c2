import type { Money } from '@bazaar/contracts';
import { formatMoney, samePrice } from '@/lib/money';

/** A single price; with `compareAt`, a sale: the price and the struck-through "was" price. */
export function Price({
  money,
  compareAt,
  className,
}: {
  money: Money;
  compareAt?: Money | null | undefined;
  className?: string;
}) {
  if (!compareAt) {
    return (
      <span className={className} data-testid="price">
        {formatMoney(money)}
      </span>
    );
  }
  return (
    <span className={`inline-flex flex-wrap items-baseline gap-x-2 ${className ?? ''}`}>
      <span className="sr-only">Sale price </span>
      <span className="text-rose-700" data-testid="price">
        {formatMoney(money)}
      </span>
      <s className="font-normal text-[0.8em] text-stone-500" data-testid="compare-at-price">
        <span className="sr-only">was </span>
        {formatMoney(compareAt)}
      </s>
    </span>
  );
}

/** "€24.00", or "From €24.00" when variants differ in price; `compareAt` marks a sale. */
export function PriceRange({
  min,
  max,
  compareAt,
  className,
}: {
  min: Money;
  max: Money;
  compareAt?: Money | null | undefined;
  className?: string;
}) {
  return (
    <span className={className}>
      {samePrice(min, max) ? null : <span className="font-normal text-stone-500">From </span>}
      {compareAt ? <Price money={min} compareAt={compareAt} /> : formatMoney(min)}
    </span>
  );
}
