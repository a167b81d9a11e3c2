'use client';

import type { AdminOrder, OrderEventType } from '@bazaar/contracts';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type ReactNode, useId, useState } from 'react';
import { formatRateBps, orderActions } from '@/app/admin/(console)/orders/_lib/order-actions';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { buttonClass, linkClass } from '@/components/ui/styles';
import { formErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/money';
import { useTRPC } from '@/trpc/react';
import { DataTable } from './data-table';
import { OrderActionsPanel, OrderNoteForm } from './order-actions';
import { OrderAddressLines } from './order-address';
import { OrderStatusBadge } from './order-status-badge';

const EVENT_LABEL: Record<OrderEventType, string> = {
  placed: 'Placed',
  paid: 'Paid',
  payment_failed: 'Payment failed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  note: 'Note',
};

const PAYMENT_STATUS_LABEL: Record<AdminOrder['payments'][number]['status'], string> = {
  created: 'Created',
  processing: 'Processing',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Cancelled',
};

const REFUND_STATUS_LABEL: Record<AdminOrder['refunds'][number]['status'], string> = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

const PROVIDER_LABEL: Record<AdminOrder['payments'][number]['provider'], string> = {
  test: 'Test card',
  stripe: 'Stripe',
};

/** The order's tables sit flush with their card's text. */
const DETAIL_TABLE = {
  headCellClass: 'px-3 py-2 font-medium',
  className: '-mx-3 overflow-x-auto',
  alignTop: true,
};
const tdClass = 'px-3 py-2.5';

/**
 * One order for staff: what was bought and paid, where it goes, what happened to it, and what
 * can be done next. Reads the order from the query cache, which every action updates with the
 * order it answers.
 */
export function OrderDetail({ id, canWrite }: { id: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const { data: order, error } = useQuery(trpc.admin.orders.get.queryOptions({ id }));
  const [notice, setNotice] = useState<string>();

  if (!order) {
    return error ? (
      <FormAlert message={formErrors(error, { fields: [] }).formError} />
    ) : (
      <p className="text-sm text-stone-500">Loading the order…</p>
    );
  }

  const actions = orderActions(order);
  const anyAction = actions.ship || actions.deliver || actions.cancel || actions.refund;

  return (
    <div className="space-y-6">
      <PageHeading
        title={`Order #${order.number}`}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <OrderStatusBadge status={order.status} />
            <span>
              Placed <DateTime value={order.createdAt} />
            </span>
            <Link href="/admin/orders" className={linkClass}>
              All orders
            </Link>
          </span>
        }
        actions={
          <Link
            href={`/admin/orders/${order.id}/packing-slip`}
            className={buttonClass('secondary', 'sm')}
          >
            Packing slip
          </Link>
        }
      />

      <FormStatus message={notice} />
      <StatusNote order={order} />

      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <Card title="Items">
            <LinesTable order={order} />
            <Totals order={order} />
          </Card>
          <Card title="Payments">
            <PaymentsTable order={order} />
            <RefundsTable order={order} />
          </Card>
          <Card title="Timeline" description="Internal notes are seen by staff only.">
            {canWrite ? <OrderNoteForm order={order} onDone={setNotice} /> : null}
            <Timeline order={order} />
          </Card>
        </div>

        <div className="min-w-0 space-y-6">
          {canWrite && anyAction ? (
            <Card title="Actions">
              <OrderActionsPanel order={order} actions={actions} onDone={setNotice} />
            </Card>
          ) : null}
          <Card title="Customer">
            <CustomerDetails order={order} />
          </Card>
          <Card title="Shipping address">
            <div className="text-sm text-stone-800">
              <OrderAddressLines address={order.shippingAddress} />
            </div>
          </Card>
          {order.shipment || order.deliveredAt ? (
            <Card title="Shipment">
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
                {order.shipment ? (
                  <>
                    <dt className="text-stone-600">Carrier</dt>
                    <dd className="text-stone-900">{order.shipment.carrier}</dd>
                    <dt className="text-stone-600">Tracking</dt>
                    <dd className="break-all font-mono text-stone-900">
                      {order.shipment.trackingNumber}
                    </dd>
                    <dt className="text-stone-600">Shipped</dt>
                    <dd className="text-stone-900">
                      <DateTime value={order.shipment.shippedAt} />
                    </dd>
                  </>
                ) : null}
                {order.deliveredAt ? (
                  <>
                    <dt className="text-stone-600">Delivered</dt>
                    <dd className="text-stone-900">
                      <DateTime value={order.deliveredAt} />
                    </dd>
                  </>
                ) : null}
              </dl>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** Why the order stands where it does, when that is not obvious from its status. */
function StatusNote({ order }: { order: AdminOrder }) {
  let text: ReactNode = null;
  if (order.status === 'pending_payment') {
    text = order.reservedUntil ? (
      <>
        Not paid yet. Its stock is reserved until <DateTime value={order.reservedUntil} />; unpaid
        by then, the order is cancelled.
      </>
    ) : (
      'Not paid yet.'
    );
    if (order.paymentMessage)
      text = (
        <>
          {text} Last attempt: {order.paymentMessage}
        </>
      );
  } else if (order.status === 'cancelled') {
    text = order.cancelReason ? `Cancelled: ${order.cancelReason}` : 'Cancelled.';
  }
  if (!text) return null;
  return (
    <p className="rounded-xl bg-white px-4 py-3 text-sm text-stone-700 ring-1 ring-stone-200 compact:rounded-lg">
      {text}
    </p>
  );
}

function LinesTable({ order }: { order: AdminOrder }) {
  const hasDiscount = order.lines.some((l) => l.discount.amount > 0);
  return (
    <DataTable
      caption="Order lines"
      columns={[
        { label: 'Item' },
        { label: 'SKU' },
        { label: 'Qty', numeric: true },
        { label: 'Unit price', numeric: true },
        hasDiscount ? { label: 'Discount', numeric: true } : null,
        { label: 'Total', numeric: true },
      ]}
      {...DETAIL_TABLE}
    >
      {order.lines.map((line) => {
        const variant =
          line.variantTitle || line.options.map((o) => `${o.name}: ${o.value}`).join(', ');
        return (
          <tr key={line.id}>
            <td className={tdClass}>
              <span className="block font-medium text-stone-900">{line.productTitle}</span>
              {variant ? <span className="block text-stone-600 text-xs">{variant}</span> : null}
            </td>
            <td className={`${tdClass} font-mono text-stone-700 text-xs`}>{line.sku}</td>
            <td className={`${tdClass} text-right tabular-nums`}>{line.quantity}</td>
            <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>
              {formatMoney(line.unitPrice)}
            </td>
            {hasDiscount ? (
              <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>
                {line.discount.amount > 0 ? `−${formatMoney(line.discount)}` : '—'}
              </td>
            ) : null}
            <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>
              {formatMoney(line.total)}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

function Totals({ order }: { order: AdminOrder }) {
  const rows: { label: ReactNode; value: string; strong?: boolean; testId?: string }[] = [
    { label: 'Subtotal', value: formatMoney(order.subtotal) },
  ];
  if (order.discount) {
    rows.push({
      label: (
        <>
          Discount <span className="font-mono text-xs">{order.discount.code}</span>
        </>
      ),
      value: `−${formatMoney(order.discount.amount)}`,
    });
  }
  rows.push({
    label: `Shipping (${order.shipping.method})`,
    value: formatMoney(order.shipping.amount),
  });
  const taxName = `${order.tax.name || 'Tax'} ${formatRateBps(order.tax.rateBps)}`;
  rows.push({
    label: order.tax.included ? `${taxName} (included)` : taxName,
    value: formatMoney(order.tax.amount),
  });
  rows.push({ label: 'Total', value: formatMoney(order.total), strong: true, testId: 'total' });
  if (order.refunded.amount > 0) {
    rows.push({
      label: 'Refunded',
      value: `−${formatMoney(order.refunded)}`,
      testId: 'refunded',
    });
  }
  return (
    <dl className="mt-4 ml-auto max-w-sm space-y-1.5 border-stone-200 border-t pt-4 text-sm">
      {rows.map((row, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of rows
          key={i}
          className={`flex justify-between gap-4 ${row.strong ? 'font-semibold text-base text-stone-900' : 'text-stone-700'}`}
        >
          <dt>{row.label}</dt>
          <dd className="tabular-nums" data-testid={row.testId}>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function PaymentsTable({ order }: { order: AdminOrder }) {
  if (order.payments.length === 0) {
    return <p className="text-sm text-stone-600">No payment has been started.</p>;
  }
  const anyRefunded = order.payments.some((p) => p.refunded.amount > 0);
  return (
    <DataTable
      caption="Payments"
      columns={[
        { label: 'Payment' },
        { label: 'Status' },
        { label: 'Amount', numeric: true },
        anyRefunded ? { label: 'Refunded', numeric: true } : null,
      ]}
      {...DETAIL_TABLE}
    >
      {order.payments.map((payment) => (
        <tr key={payment.id}>
          <td className={tdClass}>
            <span className="block text-stone-900">{PROVIDER_LABEL[payment.provider]}</span>
            <span className="block text-stone-500 text-xs">
              <DateTime value={payment.createdAt} />
            </span>
            {payment.providerRef ? (
              <span
                className="block max-w-56 truncate font-mono text-stone-500 text-xs"
                title={payment.providerRef}
              >
                {payment.providerRef}
              </span>
            ) : null}
          </td>
          <td className={tdClass}>
            <span className="block">{PAYMENT_STATUS_LABEL[payment.status]}</span>
            {payment.failureMessage ? (
              <span className="block text-red-700 text-xs">{payment.failureMessage}</span>
            ) : null}
          </td>
          <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>
            {formatMoney(payment.amount)}
          </td>
          {anyRefunded ? (
            <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>
              {payment.refunded.amount > 0 ? formatMoney(payment.refunded) : '—'}
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}

function RefundsTable({ order }: { order: AdminOrder }) {
  const headingId = useId();
  if (order.refunds.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="mt-6">
      <h3 id={headingId} className="font-semibold text-sm text-stone-900">
        Refunds
      </h3>
      <DataTable
        caption="Refunds"
        columns={[
          { label: 'Date' },
          { label: 'Status' },
          { label: 'Reason' },
          { label: 'Amount', numeric: true },
        ]}
        {...DETAIL_TABLE}
        className="-mx-3 mt-2 overflow-x-auto"
      >
        {order.refunds.map((refund) => (
          <tr key={refund.id}>
            <td className={`${tdClass} whitespace-nowrap text-stone-600`}>
              <DateTime value={refund.createdAt} />
            </td>
            <td className={tdClass}>{REFUND_STATUS_LABEL[refund.status]}</td>
            <td className={`${tdClass} text-stone-700`}>{refund.reason || '—'}</td>
            <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>
              {formatMoney(refund.amount)}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Timeline({ order }: { order: AdminOrder }) {
  // Newest first: what just happened is what staff look for.
  const events = order.timeline
    .map((event, index) => ({ event, index }))
    .sort((a, b) => b.event.at.getTime() - a.event.at.getTime() || b.index - a.index);
  if (events.length === 0) return <p className="text-sm text-stone-600">Nothing yet.</p>;
  return (
    <ol aria-label="Timeline" className="mt-2 space-y-4 border-stone-200 border-l pl-5">
      {events.map(({ event, index }) => (
        <li key={index} className="relative text-sm">
          <span
            aria-hidden="true"
            className={`absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full ring-4 ring-white ${
              event.type === 'note'
                ? 'bg-brand-500'
                : event.type === 'payment_failed'
                  ? 'bg-red-600'
                  : 'bg-stone-400'
            }`}
          />
          <p className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium text-stone-900">{EVENT_LABEL[event.type]}</span>
            <span className="text-stone-500 text-xs">
              <DateTime value={event.at} />
              {event.actor ? ` · ${event.actor}` : null}
            </span>
          </p>
          {event.detail ? (
            <p
              className={`mt-0.5 whitespace-pre-line break-words ${
                event.type === 'note'
                  ? 'rounded-lg bg-brand-50 px-3 py-2 text-stone-800'
                  : 'text-stone-700'
              }`}
            >
              {event.detail}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function CustomerDetails({ order }: { order: AdminOrder }) {
  const { customer } = order;
  return (
    <div className="space-y-3 text-sm">
      {customer ? (
        <p>
          <span className="block font-medium text-stone-900">{customer.name}</span>
          <a href={`mailto:${customer.email}`} className={`${linkClass} break-all`}>
            {customer.email}
          </a>
        </p>
      ) : (
        <p>
          <span className="block font-medium text-stone-900">Guest</span>
          <a href={`mailto:${order.email}`} className={`${linkClass} break-all`}>
            {order.email}
          </a>
        </p>
      )}
      {customer && customer.email !== order.email ? (
        <p className="text-stone-600">
          Order email: <span className="break-all">{order.email}</span>
        </p>
      ) : null}
      {customer ? (
        <Link
          href={`/admin/orders?customerId=${customer.id}`}
          className={`${linkClass} inline-block`}
        >
          All orders from {customer.name}
        </Link>
      ) : null}
    </div>
  );
}
