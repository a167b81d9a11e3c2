'use client';

import type { AdminProductRow, BulkProductAction } from '@bazaar/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DateTime } from '@/components/ui/date-time';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import {
  buttonClass,
  emptyStateClass,
  inputClass,
  linkClass,
  surfaceClass,
} from '@/components/ui/styles';
import { type AdminProductQuery, adminProductHref } from '@/lib/admin-products';
import { categoryPickerOptions } from '@/lib/categories';
import { formErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/money';
import { useTRPC } from '@/trpc/react';
import { ProductImage } from '../product-image';
import { CatalogImport } from './catalog-import';
import { DataTable } from './data-table';
import { FilterField, ListPagination } from './list-controls';

const STATUS_TONE: Record<AdminProductRow['status'], BadgeTone> = {
  active: 'success',
  draft: 'neutral',
  archived: 'muted',
};
const STOCK_LABEL: Record<AdminProductRow['stock'], string> = {
  in: 'In stock',
  low: 'Low',
  out: 'Sold out',
};
const STOCK_TONE: Record<AdminProductRow['stock'], BadgeTone> = {
  in: 'success',
  low: 'warning',
  out: 'danger',
};
const ACTION_LABEL: Record<BulkProductAction, string> = {
  publish: 'Publish',
  draft: 'Move to draft',
  archive: 'Archive',
  delete: 'Delete',
};

/** The admin's product list: search, filters, sort, pages and bulk actions, all on the server. */
export function ProductList({ query }: { query: AdminProductQuery }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.catalog.products.list.queryOptions(query));
  const categories = useQuery(trpc.catalog.categories.queryOptions({}));
  const bulk = useMutation(trpc.admin.catalog.products.bulk.mutationOptions());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  const items = list.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((p) => selected.has(p.id));
  const go = (changes: Parameters<typeof adminProductHref>[1]) => {
    setSelected(new Set());
    router.push(adminProductHref(query, changes));
  };

  function runBulk(action: BulkProductAction) {
    setError(undefined);
    setStatus(undefined);
    bulk.mutate(
      { ids: [...selected], action },
      {
        onSuccess: async (result) => {
          setConfirmDelete(false);
          setSelected(new Set(result.refused.map((r) => r.id)));
          await queryClient.invalidateQueries(trpc.admin.catalog.pathFilter());
          const done = `${ACTION_LABEL[action]}: ${result.changed.length} ${result.changed.length === 1 ? 'product' : 'products'}.`;
          setStatus(
            result.refused.length
              ? `${done} Not changed: ${result.refused.map((r) => `${r.title || r.id} (${r.reason})`).join('; ')}.`
              : done,
          );
        },
        onError: (e) => setError(formErrors(e, { fields: [] }).formError),
      },
    );
  }

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('q');
    go({ q: typeof value === 'string' ? value.trim() || undefined : undefined });
  }

  return (
    <div className="space-y-6">
      <PageHeading
        title="Products"
        description={
          list.data
            ? `${list.data.total.toLocaleString('en')} ${list.data.total === 1 ? 'product' : 'products'} match.`
            : 'Your catalog.'
        }
        actions={
          <div className="flex flex-wrap items-start gap-2">
            {/* A file download from the API (through the /files rewrite), not a page. */}
            <a href="/files/products.csv" download className={buttonClass('secondary')}>
              Export CSV
            </a>
            <CatalogImport />
            <Link href="/admin/products/new" className={buttonClass('primary')}>
              New product
            </Link>
          </div>
        }
      />

      <div className="flex flex-wrap items-end gap-3">
        <search className="flex min-w-64 flex-1">
          <form onSubmit={search} className="flex flex-1 gap-2">
            <label htmlFor="product-search" className="sr-only">
              Search products
            </label>
            <input
              id="product-search"
              name="q"
              type="search"
              defaultValue={query.search ?? ''}
              placeholder="Title, slug or SKU"
              className={inputClass}
            />
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </form>
        </search>
        <Filter
          label="Status"
          value={query.status}
          options={[
            ['active', 'Active'],
            ['draft', 'Draft'],
            ['archived', 'Archived'],
          ]}
          onChange={(status) => go({ status })}
        />
        <Filter
          label="Stock"
          value={query.stock}
          options={[
            ['in', 'In stock'],
            ['low', 'Low'],
            ['out', 'Sold out'],
          ]}
          onChange={(stock) => go({ stock })}
        />
        <Filter
          label="Category"
          value={query.categoryId}
          options={categoryPickerOptions(categories.data ?? []).map(
            (c) => [c.id, c.label] as const,
          )}
          onChange={(category) => go({ category })}
        />
        <Filter
          label="Sort"
          value={query.sort}
          all={null}
          options={[
            ['updated', 'Recently updated'],
            ['created', 'Newest'],
            ['title', 'Title A–Z'],
          ]}
          onChange={(sort) => go({ sort })}
        />
      </div>

      <FormStatus message={status} />
      <FormAlert
        message={error ?? (list.error ? formErrors(list.error, { fields: [] }).formError : null)}
      />

      {selected.size > 0 ? (
        <div
          role="toolbar"
          aria-label="Bulk actions"
          className="flex flex-wrap items-center gap-2 rounded-xl bg-stone-900 px-4 py-2.5 text-sm text-white"
        >
          <span className="mr-2 font-medium">{selected.size} selected</span>
          {(['publish', 'draft', 'archive'] as const).map((action) => (
            <Button
              key={action}
              size="sm"
              variant="secondary"
              pending={bulk.isPending && bulk.variables?.action === action}
              onClick={() => runBulk(action)}
            >
              {ACTION_LABEL[action]}
            </Button>
          ))}
          <Button size="sm" variant="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
          <Button
            size="sm"
            variant="quiet"
            className="text-white hover:bg-white/10 hover:text-white"
            onClick={() => setSelected(new Set())}
          >
            Clear selection
          </Button>
        </div>
      ) : null}

      {list.isPending ? <p className="text-sm text-stone-500">Loading products…</p> : null}
      {list.data && items.length === 0 ? (
        <div className={emptyStateClass}>No products match these filters.</div>
      ) : null}
      {items.length > 0 ? (
        <DataTable
          caption="Products"
          columns={[
            {
              label: (
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allSelected}
                  onChange={() =>
                    setSelected(allSelected ? new Set() : new Set(items.map((p) => p.id)))
                  }
                  className="size-4 rounded border-stone-300"
                />
              ),
              className: 'w-10 px-4 py-3',
            },
            { label: 'Product' },
            { label: 'Status' },
            { label: 'Category' },
            { label: 'Variants', numeric: true },
            { label: 'Stock' },
            { label: 'Price', numeric: true },
            { label: 'Updated' },
          ]}
          headCellClass="px-4 py-3 font-medium"
          className={`${surfaceClass} overflow-x-auto`}
        >
          {items.map((product) => (
            <tr
              key={product.id}
              className={selected.has(product.id) ? 'bg-brand-50/60' : undefined}
            >
              <td className="px-4 py-2.5">
                <input
                  type="checkbox"
                  aria-label={`Select ${product.title}`}
                  checked={selected.has(product.id)}
                  onChange={() => {
                    const next = new Set(selected);
                    if (next.has(product.id)) next.delete(product.id);
                    else next.add(product.id);
                    setSelected(next);
                  }}
                  className="size-4 rounded border-stone-300"
                />
              </td>
              <td className="px-4 py-2.5">
                <div className="flex items-center gap-3">
                  <div className="size-10 shrink-0 overflow-hidden rounded-lg bg-stone-100">
                    <ProductImage
                      image={product.image}
                      fallbackAlt=""
                      className="size-full object-cover"
                    />
                  </div>
                  <div className="min-w-0">
                    <Link
                      href={`/admin/products/${product.id}`}
                      className={`${linkClass} block truncate`}
                    >
                      {product.title}
                    </Link>
                    <span className="block truncate text-stone-500 text-xs">{product.slug}</span>
                  </div>
                </div>
              </td>
              <td className="px-4 py-2.5">
                <Badge tone={STATUS_TONE[product.status]} className="capitalize">
                  {product.status}
                </Badge>
              </td>
              <td className="px-4 py-2.5 text-stone-700">{product.category.name}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{product.variantCount}</td>
              <td className="px-4 py-2.5">
                <Badge tone={STOCK_TONE[product.stock]}>{STOCK_LABEL[product.stock]}</Badge>{' '}
                <span className="text-stone-500 tabular-nums">{product.available}</span>
              </td>
              <td className="px-4 py-2.5 text-right tabular-nums">
                {product.price ? formatMoney(product.price) : '—'}
              </td>
              <td className="px-4 py-2.5 text-stone-600">
                <DateTime value={product.updatedAt} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}

      <ListPagination
        firstHref={query.cursor ? adminProductHref(query, {}) : null}
        nextHref={
          list.data?.nextCursor ? adminProductHref(query, { cursor: list.data.nextCursor }) : null
        }
      />

      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${selected.size} ${selected.size === 1 ? 'product' : 'products'}?`}
        confirmLabel="Delete"
        variant="danger"
        pending={bulk.isPending}
        error={error}
        onConfirm={() => runBulk('delete')}
        onClose={() => setConfirmDelete(false)}
      >
        Deleting removes products, their variants, prices and stock for good. Products that orders
        reference are kept: archive those instead.
      </ConfirmDialog>
    </div>
  );
}

function Filter({
  label,
  value,
  options,
  all = 'All',
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: readonly (readonly [string, string])[];
  all?: string | null;
  onChange: (value: string | undefined) => void;
}) {
  const id = `filter-${label.toLowerCase()}`;
  return (
    <FilterField id={id} label={label}>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
        className={`${inputClass} mt-1 min-w-36`}
      >
        {all === null ? null : <option value="">{all}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </FilterField>
  );
}
