import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { NoAccess } from '@/components/admin/no-access';
import { OrderAddressLines } from '@/components/admin/order-address';
import { OrderPrintButton } from '@/components/admin/order-print-button';
import { linkClass } from '@/components/ui/styles';
import { getQueryClient, getTRPC, trpcErrorCode } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../../../_lib/session';

export const metadata: Metadata = { title: 'Packing slip' };

/** The shop's name as the slip prints it (the shop has no name setting yet). */
const SHOP_NAME = 'Bazaar';

/**
 * Printed, the slip is the only thing on the paper: the console's sidebar and header (the layout
 * around every console page) are hidden, and so is anything marked `print:hidden` here.
 */
const PRINT_CSS = `
@media print {
  @page { margin: 16mm; }
  body:has([data-packing-slip]) aside,
  body:has([data-packing-slip]) header { display: none !important; }
  body:has([data-packing-slip]) #main { padding: 0 !important; }
  body:has([data-packing-slip]),
  body:has([data-packing-slip]) div { background: white !important; }
}
`;

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

export default async function PackingSlipPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'orders:read')) return <NoAccess title="Orders" />;
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const order = await getQueryClient()
    .fetchQuery(getTRPC().admin.orders.get.queryOptions({ id }))
    .catch((error: unknown) => {
      if (trpcErrorCode(error) === 'NOT_FOUND') notFound();
      throw error;
    });
  const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={`/admin/orders/${order.id}`} className={`${linkClass} text-sm`}>
          ← Order #{order.number}
        </Link>
        <OrderPrintButton />
      </div>

      <article
        data-packing-slip
        aria-label={`Packing slip for order #${order.number}`}
        className="rounded-2xl bg-white p-10 text-stone-900 shadow-sm ring-1 ring-stone-900/5 print:rounded-none print:p-0 print:shadow-none print:ring-0"
      >
        <div className="flex flex-wrap items-start justify-between gap-6 border-stone-300 border-b pb-6">
          <div>
            <p className="font-display font-semibold text-2xl">{SHOP_NAME}</p>
            <h1 className="mt-1 text-stone-600 text-xs uppercase tracking-widest">Packing slip</h1>
          </div>
          <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 text-sm">
            <dt className="text-stone-600">Order</dt>
            <dd className="font-semibold tabular-nums">#{order.number}</dd>
            <dt className="text-stone-600">Date</dt>
            <dd>
              <time dateTime={order.createdAt.toISOString()}>{DATE.format(order.createdAt)}</time>
            </dd>
            {order.shipping.method ? (
              <>
                <dt className="text-stone-600">Shipping</dt>
                <dd>{order.shipping.method}</dd>
              </>
            ) : null}
          </dl>
        </div>

        <section aria-labelledby="slip-ship-to" className="py-6">
          <h2 id="slip-ship-to" className="text-stone-600 text-xs uppercase tracking-widest">
            Ship to
          </h2>
          <div className="mt-2 text-base">
            <OrderAddressLines address={order.shippingAddress} />
          </div>
        </section>

        <table className="w-full border-stone-300 border-t text-left text-sm">
          <caption className="sr-only">Items</caption>
          <thead className="text-stone-600 text-xs uppercase tracking-widest">
            <tr>
              <th scope="col" className="w-10 py-3 font-medium">
                <span className="sr-only">Packed</span>
              </th>
              <th scope="col" className="py-3 pr-4 font-medium">
                Item
              </th>
              <th scope="col" className="py-3 pr-4 font-medium">
                SKU
              </th>
              <th scope="col" className="py-3 text-right font-medium">
                Qty
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200 border-stone-300 border-y align-top">
            {order.lines.map((line) => {
              const variant =
                line.variantTitle || line.options.map((o) => `${o.name}: ${o.value}`).join(', ');
              return (
                <tr key={line.id} className="break-inside-avoid">
                  <td className="py-3">
                    <span
                      aria-hidden="true"
                      className="block size-4 rounded-sm border border-stone-500"
                    />
                  </td>
                  <td className="py-3 pr-4">
                    <span className="block font-medium">{line.productTitle}</span>
                    {variant ? <span className="block text-stone-600">{variant}</span> : null}
                  </td>
                  <td className="py-3 pr-4 font-mono">{line.sku}</td>
                  <td className="py-3 text-right font-semibold text-base tabular-nums">
                    {line.quantity}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <th scope="row" colSpan={2} className="py-3 pr-4 text-right font-medium">
                Units
              </th>
              <td className="py-3 text-right font-semibold tabular-nums">{units}</td>
            </tr>
          </tfoot>
        </table>

        <p className="mt-8 text-sm text-stone-600">
          Thank you for shopping with {SHOP_NAME}. Questions about this order? Quote #{order.number}
          .
        </p>
      </article>
    </div>
  );
}
