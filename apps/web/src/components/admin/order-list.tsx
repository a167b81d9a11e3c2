'use client';

import type { AdminOrderSummary, OrderStatus } from '@bazaar/contracts';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import {
  type AdminOrderQuery,
  adminOrderHref,
  isFiltered,
} from '@/app/admin/(console)/orders/_lib/list-query';
import { Button } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { FormAlert } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { emptyStateClass, inputClass, linkClass, surfaceClass } from '@/components/ui/styles';
import { formErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/money';
import { useTRPC } from '@/trpc/react';
import { DataTable } from './data-table';
import { FilterField, ListPagination } from './list-controls';
import { ORDER_STATUS_LABEL, OrderStatusBadge } from './order-status-badge';

const STATUSES = Object.keys(ORDER_STATUS_LABEL) as OrderStatus[];

/** The admin's order list: search, status and date filters, a customer's orders, keyset pages. */
export function OrderList({ query }: { query: AdminOrderQuery }) {
  const trpc = useTRPC();
  const router = useRouter();
  const list = useQuery(trpc.admin.orders.list.queryOptions(query));
  const items = list.data?.items ?? [];

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    router.push(
      adminOrderHref(query, {
        q: value('q'),
        status: value('status'),
        from: value('from'),
        to: value('to'),
      }),
    );
  }

  // The customer's name, when the list is one customer's orders (every row names them).
  const customer = query.customerId
    ? items.find((o) => o.customerId === query.customerId)
    : undefined;

  return (
    <div className="space-y-6">
      <PageHeading
        title="Orders"
        description={
          list.data
            ? `${list.data.total.toLocaleString('en')} ${list.data.total === 1 ? 'order' : 'orders'}${isFiltered(query) ? ' match' : ''}.`
            : 'Review, fulfil and refund orders.'
        }
      />

      <search>
        <form
          onSubmit={applyFilters}
          aria-label="Filter orders"
          className="flex flex-wrap items-end gap-3"
        >
          <FilterField id="order-search" label="Order number or email" className="min-w-64 flex-1">
            <input
              id="order-search"
              name="q"
              type="search"
              maxLength={100}
              defaultValue={query.q ?? ''}
              placeholder="#1001 or jane@example.com"
              className={`${inputClass} mt-1`}
            />
          </FilterField>
          <FilterField id="order-status" label="Status">
            <select
              id="order-status"
              name="status"
              defaultValue={query.status ?? ''}
              // A status is one click: apply it at once, with whatever else the form holds.
              onChange={(e) => e.currentTarget.form?.requestSubmit()}
              className={`${inputClass} mt-1 min-w-44`}
            >
              <option value="">All</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {ORDER_STATUS_LABEL[status]}
                </option>
              ))}
            </select>
          </FilterField>
          <FilterField id="order-from" label="From">
            <input
              id="order-from"
              name="from"
              type="date"
              defaultValue={query.from ?? ''}
              className={`${inputClass} mt-1`}
            />
          </FilterField>
          <FilterField id="order-to" label="To">
            <input
              id="order-to"
              name="to"
              type="date"
              defaultValue={query.to ?? ''}
              className={`${inputClass} mt-1`}
            />
          </FilterField>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </form>
      </search>
      <p className="-mt-3 flex flex-wrap gap-x-3 text-stone-500 text-xs">
        <span>Dates are days in UTC, both included.</span>
        {isFiltered(query) ? (
          <Link href="/admin/orders" className={linkClass}>
            Clear filters
          </Link>
        ) : null}
      </p>

      {query.customerId ? (
        <p className="flex flex-wrap items-center gap-x-2 text-sm text-stone-700">
          <span>
            Orders of{' '}
            <span className="font-medium text-stone-900">
              {customer?.customerName ?? customer?.email ?? 'one customer'}
            </span>
          </span>
          <Link href={adminOrderHref(query, { customerId: undefined })} className={linkClass}>
            Show every customer’s orders
          </Link>
        </p>
      ) : null}

      <FormAlert message={list.error ? formErrors(list.error, { fields: [] }).formError : null} />

      {list.isPending ? <p className="text-sm text-stone-500">Loading orders…</p> : null}
      {list.data && items.length === 0 ? (
        <div className={emptyStateClass}>
          {isFiltered(query) ? 'No orders match these filters.' : 'No orders yet.'}
        </div>
      ) : null}
      {items.length > 0 ? <OrderTable items={items} /> : null}

      <ListPagination
        firstHref={query.cursor ? adminOrderHref(query, {}) : null}
        nextHref={
          list.data?.nextCursor ? adminOrderHref(query, { cursor: list.data.nextCursor }) : null
        }
      />
    </div>
  );
}

function OrderTable({ items }: { items: AdminOrderSummary[] }) {
  return (
    <DataTable
      caption="Orders"
      columns={[
        { label: 'Order' },
        { label: 'Date' },
        { label: 'Customer' },
        { label: 'Status' },
        { label: 'Items', numeric: true },
        { label: 'Total', numeric: true },
        { label: 'Refunded', numeric: true },
      ]}
      headCellClass="px-4 py-3 font-medium"
      className={`${surfaceClass} overflow-x-auto`}
    >
      {items.map((order) => (
        <tr key={order.id}>
          <th scope="row" className="px-4 py-2.5 font-normal">
            <Link href={`/admin/orders/${order.id}`} className={`${linkClass} tabular-nums`}>
              #{order.number}
            </Link>
          </th>
          <td className="whitespace-nowrap px-4 py-2.5 text-stone-600">
            <DateTime value={order.createdAt} />
          </td>
          <td className="px-4 py-2.5">
            <span className="block max-w-56 truncate text-stone-900">
              {order.customerName ?? <span className="text-stone-500">Guest</span>}
            </span>
            <span className="block max-w-56 truncate text-stone-500 text-xs" title={order.email}>
              {order.email}
            </span>
          </td>
          <td className="px-4 py-2.5">
            <OrderStatusBadge status={order.status} />
          </td>
          <td className="px-4 py-2.5 text-right tabular-nums">{order.itemCount}</td>
          <td className="whitespace-nowrap px-4 py-2.5 text-right tabular-nums">
            {formatMoney(order.total)}
          </td>
          <td className="whitespace-nowrap px-4 py-2.5 text-right text-stone-600 tabular-nums">
            {order.refunded.amount > 0 ? formatMoney(order.refunded) : '—'}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
