import type { Order, OrderEventType } from '@bazaar/contracts';
import { type ReactNode, useId } from 'react';
import { AddressLines } from '@/components/account/address-fields';
import { DateTime } from '@/components/ui/date-time';
import { surfaceClass } from '@/components/ui/styles';
import { ORDER_STATUS, PAYMENT_STATUS, timelineText } from '@/lib/customer-orders';
import { OrderItems, orderItemRows } from './order-items';
import { OrderStatusBadge } from './order-status-badge';
import { OrderTotals } from './order-totals';

function Section({
  title,
  children,
  className,
}: {
  title: string;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={`${surfaceClass} p-5 sm:p-6 ${className ?? ''}`}>
      <h2 id={id} className="font-semibold text-stone-900">
        {title}
      </h2>
      <div className="mt-4">{children}</div>
    </section>
  );
}

function TimelineText({ type, detail }: { type: OrderEventType; detail: string }) {
  const text = timelineText(type, detail);
  return (
    <>
      <p className="font-medium text-stone-900">{text.title}</p>
      {text.detail ? <p className="text-stone-700">{text.detail}</p> : null}
    </>
  );
}

/**
 * One order as its customer sees it: status, shipment, timeline, items, totals and where it
 * goes. The same view in the account area, the guest lookup and the confirmation page; the page
 * around it gives the heading.
 */
export function OrderView({ order }: { order: Order }) {
  return (
    <div className="space-y-6" data-testid="order-view">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-stone-600">
        <OrderStatusBadge status={order.status} />
        <span>
          Placed <DateTime value={order.createdAt} />
        </span>
        {PAYMENT_STATUS[order.paymentStatus] === ORDER_STATUS[order.status].label ? null : (
          <span data-testid="payment-status">{PAYMENT_STATUS[order.paymentStatus]}</span>
        )}
      </div>

      {order.paymentStatus === 'failed' && order.paymentMessage ? (
        <p className="rounded-xl bg-red-50 px-4 py-3 text-red-800 text-sm ring-1 ring-red-200">
          {order.paymentMessage}
        </p>
      ) : null}
      {order.status === 'cancelled' && order.cancelReason ? (
        <p className="rounded-xl bg-stone-100 px-4 py-3 text-sm text-stone-700">
          Cancelled: {order.cancelReason}
        </p>
      ) : null}

      {order.shipment ? (
        <Section title="Shipment">
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-stone-500">Carrier</dt>
              <dd className="font-medium text-stone-900" data-testid="carrier">
                {order.shipment.carrier}
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">Tracking number</dt>
              <dd className="font-medium font-mono text-stone-900" data-testid="tracking-number">
                {order.shipment.trackingNumber}
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">{order.deliveredAt ? 'Delivered' : 'Shipped'}</dt>
              <dd className="text-stone-900">
                <DateTime value={order.deliveredAt ?? order.shipment.shippedAt} />
              </dd>
            </div>
          </dl>
        </Section>
      ) : null}

      <Section title="Items">
        <OrderItems items={orderItemRows(order.lines)} />
        <div className="mt-6 border-stone-200 border-t pt-4">
          <OrderTotals
            subtotal={order.subtotal}
            discount={order.discount}
            shipping={order.shipping}
            tax={order.tax}
            total={order.total}
            refunded={order.refunded}
          />
        </div>
      </Section>

      <div className="grid gap-6 sm:grid-cols-2">
        <Section title="Delivery">
          <AddressLines address={order.shippingAddress} />
          <p className="mt-3 text-sm text-stone-600">
            {order.shipping.method}
            {order.shipping.method ? ' shipping' : ''}
          </p>
        </Section>
        <Section title="Contact">
          <p className="text-sm text-stone-700">
            Updates about this order go to{' '}
            <span className="font-medium text-stone-900 break-all">{order.email}</span>.
          </p>
        </Section>
      </div>

      {order.timeline.length ? (
        <Section title="Timeline">
          <ol aria-label="Order timeline" className="space-y-4 border-stone-200 border-l pl-5">
            {order.timeline.map((event, i) => (
              <li
                // Events have no id; their order never changes.
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, append-only list
                key={i}
                className="relative text-sm"
              >
                <span
                  aria-hidden="true"
                  className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full bg-brand-600 ring-4 ring-white"
                />
                <TimelineText type={event.type} detail={event.detail} />
                <p className="text-stone-500 text-xs">
                  <DateTime value={event.at} />
                </p>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
    </div>
  );
}
