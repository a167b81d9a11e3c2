import type { Money } from '@bazaar/contracts';
import { formatMoney, samePrice } from '@/lib/money';

/** A single price. */
export function Price({ money, className }: { money: Money; className?: string }) {
  return (
    <span className={className} data-testid="price">
      {formatMoney(money)}
    </span>
  );
}

/** "€24.00", or "From €24.00" when variants differ in price. */
export function PriceRange({
  min,
  max,
  className,
}: {
  min: Money;
  max: Money;
  className?: string;
}) {
  return (
    <span className={className}>
      {samePrice(min, max) ? null : <span className="font-normal text-stone-500">From </span>}
      {formatMoney(min)}
    </span>
  );
}
