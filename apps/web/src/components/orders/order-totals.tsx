import type { Money } from '@bazaar/contracts';
import type { ReactNode } from 'react';
import { taxLabel, taxNote } from '@/lib/checkout';
import { formatMoney } from '@/lib/money';

export interface TotalsProps {
  subtotal: Money;
  discount: { code: string; amount: Money } | null;
  /** Null before a shipping method is known. */
  shipping: { method: string | null; amount: Money } | null;
  tax: { name: string; rateBps: number; included: boolean; amount: Money };
  total: Money;
  /** What has been refunded so far (orders only). */
  refunded?: Money | null;
}

function Row({
  label,
  value,
  testId,
  strong = false,
}: {
  label: ReactNode;
  value: string;
  testId: string;
  strong?: boolean;
}) {
  return (
    <div
      className={`flex items-baseline justify-between gap-4 ${
        strong ? 'border-stone-200 border-t pt-3 font-semibold text-base text-stone-900' : ''
      }`}
    >
      <dt>{label}</dt>
      <dd className="text-right tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/**
 * Subtotal, discount, shipping, tax and total, exactly as the API computed them (a quote or an
 * order): the browser never adds anything up. Says whether the tax is included or added.
 */
export function OrderTotals({ subtotal, discount, shipping, tax, total, refunded }: TotalsProps) {
  return (
    <div>
      <dl aria-label="Totals" className="space-y-2 text-sm text-stone-700">
        <Row label="Subtotal" value={formatMoney(subtotal)} testId="subtotal" />
        {discount && discount.amount.amount > 0 ? (
          <Row
            label={
              <>
                Discount <span className="font-mono text-stone-500 text-xs">{discount.code}</span>
              </>
            }
            value={`−${formatMoney(discount.amount)}`}
            testId="discount"
          />
        ) : null}
        <Row
          label={shipping?.method ? `Shipping (${shipping.method})` : 'Shipping'}
          value={
            shipping
              ? shipping.amount.amount === 0
                ? 'Free'
                : formatMoney(shipping.amount)
              : 'Next step'
          }
          testId="shipping"
        />
        <Row label={taxLabel(tax)} value={formatMoney(tax.amount)} testId="tax" />
        <Row label="Total" value={formatMoney(total)} testId="total" strong />
        {refunded && refunded.amount > 0 ? (
          <Row label="Refunded" value={`−${formatMoney(refunded)}`} testId="refunded" />
        ) : null}
      </dl>
      <p className="mt-3 text-stone-500 text-xs">{taxNote(tax)}</p>
    </div>
  );
}
