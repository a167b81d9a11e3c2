import type { CartLine, Money, OrderLine } from '@bazaar/contracts';
import Link from 'next/link';
import { ProductImage } from '@/components/product-image';
import { formatMoney } from '@/lib/money';

export interface ItemRow {
  key: string;
  title: string;
  options: readonly { name: string; value: string }[];
  sku: string;
  quantity: number;
  unitPrice: Money;
  /** What the line costs after its share of the discount. */
  total: Money;
  discount: Money | null;
  image?: CartLine['image'] | undefined;
  href?: string | undefined;
}

/** A placed order's lines as rows (an order shows no images or links: its products may change). */
export function orderItemRows(lines: readonly OrderLine[]): ItemRow[] {
  return lines.map((line) => ({
    key: line.id,
    title: line.productTitle,
    options: line.options,
    sku: line.sku,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    total: line.total,
    discount: line.discount,
  }));
}

/** The items of a quote or an order, one row each, with what each one costs. */
export function OrderItems({
  items,
  label = 'Items',
}: {
  items: readonly ItemRow[];
  label?: string;
}) {
  return (
    <ul aria-label={label} className="divide-y divide-stone-200">
      {items.map((item) => {
        const options = item.options.map((o) => `${o.name}: ${o.value}`).join(' · ');
        return (
          <li
            key={item.key}
            className="flex gap-4 py-4 first:pt-0 last:pb-0"
            data-testid="order-item"
          >
            {item.image !== undefined ? (
              <ProductImage
                image={item.image}
                fallbackAlt={item.title}
                className="size-16 shrink-0 rounded-lg object-cover"
              />
            ) : null}
            <div className="flex min-w-0 flex-1 flex-wrap items-start justify-between gap-x-4 gap-y-1">
              <div className="min-w-0">
                {item.href ? (
                  <Link href={item.href} className="font-medium text-stone-900 hover:underline">
                    {item.title}
                  </Link>
                ) : (
                  <p className="font-medium text-stone-900">{item.title}</p>
                )}
                {options ? <p className="text-sm text-stone-600">{options}</p> : null}
                <p className="text-stone-500 text-xs">
                  SKU <span className="font-mono">{item.sku}</span>
                </p>
                <p className="text-sm text-stone-600 tabular-nums">
                  {item.quantity} × {formatMoney(item.unitPrice)}
                </p>
              </div>
              <div className="text-right">
                <p className="font-medium text-stone-900 tabular-nums">{formatMoney(item.total)}</p>
                {item.discount && item.discount.amount > 0 ? (
                  <p className="text-emerald-800 text-xs tabular-nums">
                    after {formatMoney(item.discount)} off
                  </p>
                ) : null}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
