'use client';

import type { AdminProduct, Category, ShopCurrency } from '@bazaar/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { inputClass, linkClass } from '@/components/ui/styles';
import { categoryPickerOptions } from '@/lib/categories';
import { errorCode, formErrors } from '@/lib/form-errors';
import { currencyFractionDigits } from '@/lib/money';
import {
  draftFromProduct,
  editorFieldErrors,
  emptyVariant,
  generateVariants,
  inputFromDraft,
  optionValues,
  type ProductDraft,
  type VariantDraft,
} from '@/lib/product-draft';
import { useTRPC } from '@/trpc/react';
import { ImageUpload } from './image-upload';
import { RichTextEditor } from './rich-text-editor';

/** Create or edit a product: details, options, variants with prices and stock, images. */
export function ProductEditor({
  product,
  currencies,
  categories,
  justCreated = false,
}: {
  product: AdminProduct | null;
  currencies: ShopCurrency[];
  categories: Category[];
  /** Opened right after "Create product": say that it worked. */
  justCreated?: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ProductDraft>(() =>
    draftFromProduct(
      product,
      currencies,
      categories.find((c) => !categories.some((d) => d.parentId === c.id))?.id,
    ),
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string>();
  const [stale, setStale] = useState(false);
  const [status, setStatus] = useState(() =>
    product && justCreated ? savedMessage(product) : undefined,
  );
  const create = useMutation(trpc.admin.catalog.products.create.mutationOptions());
  const update = useMutation(trpc.admin.catalog.products.update.mutationOptions());
  const saving = create.isPending || update.isPending;
  const error = (path: string) => fieldErrors[path]?.[0];
  const set = (changes: Partial<ProductDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const setVariant = (index: number, changes: Partial<VariantDraft>) =>
    setDraft((d) => ({
      ...d,
      variants: d.variants.map((v, i) => (i === index ? { ...v, ...changes } : v)),
    }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    setStatus(undefined);
    setStale(false);
    const result = inputFromDraft(draft, currencies);
    if (!result.ok) {
      setFieldErrors(result.fieldErrors);
      setFormError('Some fields need your attention.');
      return;
    }
    setFieldErrors({});
    const onError = (e: unknown) => {
      if (errorCode(e) === 'CONFLICT') setStale(true);
      const errors = formErrors(e);
      setFieldErrors(editorFieldErrors(errors.fieldErrors, result.input));
      setFormError(errors.formError ?? 'Some fields need your attention.');
    };
    const onSaved = async (saved: AdminProduct) => {
      await queryClient.invalidateQueries(trpc.admin.catalog.pathFilter());
      setDraft(draftFromProduct(saved, currencies));
      setStatus(
        `Saved. ${saved.status === 'active' ? 'It is live in the shop.' : `It is ${saved.status}.`}`,
      );
    };
    if ('id' in result.input) {
      update.mutate(result.input, { onSuccess: onSaved, onError });
    } else {
      create.mutate(result.input, {
        onSuccess: async (saved) => {
          await onSaved(saved);
          router.replace(`/admin/products/${saved.id}?created=1`);
        },
        onError,
      });
    }
  }

  const names = draft.options.map((o) => o.name.trim()).filter(Boolean);
  const liveVariants = draft.variants.filter((v) => !v.archived);

  return (
    <form
      onSubmit={save}
      noValidate
      className="space-y-6"
      aria-label={product ? `Edit ${product.title}` : 'New product'}
    >
      <PageHeading
        title={product ? product.title : 'New product'}
        description={
          product ? (
            <>
              <Link href="/admin/products" className={linkClass}>
                All products
              </Link>
              {product.status === 'active' ? (
                <>
                  {' · '}
                  <Link href={`/p/${product.slug}`} className={linkClass} target="_blank">
                    View in the shop
                  </Link>
                </>
              ) : null}
            </>
          ) : (
            'Details, options and variants, prices and stock.'
          )
        }
        actions={
          <Button type="submit" pending={saving}>
            {product ? 'Save product' : 'Create product'}
          </Button>
        }
      />

      <FormStatus message={status} />
      <FormAlert message={formError} />
      {stale ? (
        <p className="text-sm">
          <button type="button" className={linkClass} onClick={() => router.refresh()}>
            Load the latest version
          </button>{' '}
          (your unsaved changes here will be replaced).
        </p>
      ) : null}

      <Card title="Details">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Title"
            name="title"
            value={draft.title}
            error={error('title')}
            onChange={(e) => set({ title: e.target.value })}
          />
          <TextField
            label="Slug"
            name="slug"
            optional
            hint="The product’s address: /p/slug. Made from the title when empty."
            value={draft.slug}
            error={error('slug')}
            onChange={(e) => set({ slug: e.target.value })}
          />
          <SelectField
            label="Status"
            name="status"
            value={draft.status}
            error={error('status')}
            onChange={(e) => set({ status: e.target.value as ProductDraft['status'] })}
          >
            <option value="draft">Draft (hidden)</option>
            <option value="active">Active (in the shop)</option>
            <option value="archived">Archived</option>
          </SelectField>
          <SelectField
            label="Category"
            name="categoryId"
            value={draft.categoryId}
            error={error('categoryId')}
            onChange={(e) => set({ categoryId: e.target.value })}
          >
            {categoryPickerOptions(categories).map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="mt-4">
          <RichTextEditor
            label="Description"
            value={draft.description}
            error={error('description')}
            onChange={(description) => set({ description })}
          />
        </div>
      </Card>

      <Card
        title="Options"
        description="Such as Size or Colour, in the order shoppers choose them. Values are separated by commas."
        actions={
          <Button
            size="sm"
            variant="secondary"
            disabled={draft.options.length >= 3}
            onClick={() => set({ options: [...draft.options, { name: '', values: '' }] })}
          >
            Add option
          </Button>
        }
      >
        {draft.options.length === 0 ? (
          <p className="text-sm text-stone-600">One variant, no choices.</p>
        ) : null}
        <ol className="space-y-3">
          {draft.options.map((option, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place by position
            <li key={i} className="grid items-end gap-3 sm:grid-cols-[12rem_1fr_auto]">
              <TextField
                label={`Option ${i + 1} name`}
                name={`options.${i}.name`}
                value={option.name}
                error={error(`options.${i}.name`)}
                onChange={(e) =>
                  set({
                    options: draft.options.map((o, j) =>
                      j === i ? { ...o, name: e.target.value } : o,
                    ),
                  })
                }
              />
              <TextField
                label={`Option ${i + 1} values`}
                name={`options.${i}.values`}
                value={option.values}
                error={error(`options.${i}.values`)}
                placeholder="S, M, L"
                onChange={(e) =>
                  set({
                    options: draft.options.map((o, j) =>
                      j === i ? { ...o, values: e.target.value } : o,
                    ),
                  })
                }
              />
              <div className="flex gap-1">
                <Button
                  size="sm"
                  variant="quiet"
                  aria-label={`Move option ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => set({ options: move(draft.options, i, i - 1) })}
                >
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="quiet"
                  aria-label={`Move option ${i + 1} down`}
                  disabled={i === draft.options.length - 1}
                  onClick={() => set({ options: move(draft.options, i, i + 1) })}
                >
                  ↓
                </Button>
                <Button
                  size="sm"
                  variant="quiet"
                  aria-label={`Remove option ${i + 1}`}
                  onClick={() => set({ options: draft.options.filter((_, j) => j !== i) })}
                >
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ol>
        <div className="mt-4">
          <Button
            size="sm"
            variant="secondary"
            onClick={() =>
              set({ variants: generateVariants(draft, currencies, draft.slug || draft.title) })
            }
          >
            Generate variants from the options
          </Button>
        </div>
      </Card>

      <Card
        title="Variants"
        description={`${liveVariants.length} for sale. Prices in ${currencies.map((c) => c.code).join(', ')}; leave a currency empty to not sell the variant in it.`}
        actions={
          names.length === 0 ? null : (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => set({ variants: [...draft.variants, emptyVariant(currencies)] })}
            >
              Add variant
            </Button>
          )
        }
      >
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Variants</caption>
            <thead className="text-stone-500 text-xs uppercase tracking-wide">
              <tr>
                {names.map((n) => (
                  <th key={n} scope="col" className="px-2 py-2 font-medium">
                    {n}
                  </th>
                ))}
                <th scope="col" className="px-2 py-2 font-medium">
                  SKU
                </th>
                {currencies.map((c) => (
                  <th key={c.code} scope="col" className="px-2 py-2 font-medium">
                    {c.code} price / was
                  </th>
                ))}
                <th scope="col" className="px-2 py-2 font-medium">
                  On hand
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Low at
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Archived
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100 align-top">
              {draft.variants.map((variant, i) => {
                const label = names.map((n) => variant.options[n]).join(' / ') || 'Default';
                return (
                  <tr
                    key={variant.id ?? `new-${i}`}
                    className={variant.archived ? 'opacity-60' : undefined}
                  >
                    {names.map((n) => {
                      const option = draft.options.find((o) => o.name.trim() === n);
                      return (
                        <td key={n} className="px-2 py-2">
                          <select
                            aria-label={`${n} of variant ${i + 1}`}
                            value={variant.options[n] ?? ''}
                            onChange={(e) =>
                              setVariant(i, {
                                options: { ...variant.options, [n]: e.target.value },
                              })
                            }
                            aria-invalid={error(`variants.${i}.options`) ? true : undefined}
                            className={`${inputClass} min-w-24`}
                          >
                            <option value="">—</option>
                            {(option ? optionValues(option) : []).map((v) => (
                              <option key={v}>{v}</option>
                            ))}
                          </select>
                        </td>
                      );
                    })}
                    <td className="px-2 py-2">
                      <Cell
                        label={`SKU of ${label}`}
                        value={variant.sku}
                        error={error(`variants.${i}.sku`) ?? error(`variants.${i}.options`)}
                        onChange={(sku) => setVariant(i, { sku })}
                        className="min-w-36 font-mono"
                      />
                    </td>
                    {currencies.map(({ code }) => {
                      const price = variant.prices[code] ?? { amount: '', compareAt: '' };
                      const step = 1 / 10 ** currencyFractionDigits(code);
                      return (
                        <td key={code} className="px-2 py-2">
                          <div className="flex gap-1">
                            <Cell
                              label={`${code} price of ${label}`}
                              value={price.amount}
                              inputMode="decimal"
                              placeholder={step < 1 ? '0.00' : '0'}
                              error={error(`variants.${i}.prices.${code}.amount`)}
                              onChange={(amount) =>
                                setVariant(i, {
                                  prices: { ...variant.prices, [code]: { ...price, amount } },
                                })
                              }
                              className="w-28 text-right tabular-nums"
                            />
                            <Cell
                              label={`${code} “was” price of ${label}`}
                              value={price.compareAt}
                              inputMode="decimal"
                              placeholder="was"
                              error={error(`variants.${i}.prices.${code}.compareAt`)}
                              onChange={(compareAt) =>
                                setVariant(i, {
                                  prices: { ...variant.prices, [code]: { ...price, compareAt } },
                                })
                              }
                              className="w-28 text-right tabular-nums"
                            />
                          </div>
                        </td>
                      );
                    })}
                    <td className="px-2 py-2">
                      <Cell
                        label={`On hand of ${label}`}
                        value={variant.onHand}
                        inputMode="numeric"
                        error={error(`variants.${i}.onHand`)}
                        onChange={(onHand) => setVariant(i, { onHand })}
                        className="w-20 text-right tabular-nums"
                      />
                      {variant.reserved > 0 ? (
                        <p className="mt-1 text-stone-500 text-xs">{variant.reserved} reserved</p>
                      ) : null}
                    </td>
                    <td className="px-2 py-2">
                      <Cell
                        label={`Low-stock threshold of ${label}`}
                        value={variant.lowStockThreshold}
                        inputMode="numeric"
                        placeholder="shop"
                        error={error(`variants.${i}.lowStockThreshold`)}
                        onChange={(lowStockThreshold) => setVariant(i, { lowStockThreshold })}
                        className="w-20 text-right tabular-nums"
                      />
                    </td>
                    <td className="px-2 py-3">
                      <input
                        type="checkbox"
                        aria-label={`Archive ${label}`}
                        checked={variant.archived}
                        onChange={(e) => setVariant(i, { archived: e.target.checked })}
                        className="size-4 rounded border-stone-300"
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="mt-3 text-stone-500 text-xs">
          Variants you remove are archived, not deleted, so past orders keep them. A changed “On
          hand” is recorded as a stock count by you.
        </p>
      </Card>

      <Card
        title="Images"
        description="The first is the product’s main picture. One tied to an option value is shown when a shopper picks that value."
      >
        <ImageUpload
          onUploaded={(uploaded) =>
            setDraft((d) => ({ ...d, images: [...d.images, { ...uploaded, alt: '', option: '' }] }))
          }
        />
        {draft.images.length === 0 ? (
          <p className="mt-4 text-sm text-stone-600">No images yet.</p>
        ) : null}
        <ol aria-label="Images" className="mt-4 space-y-3">
          {draft.images.map((image, i) => (
            <li
              key={image.url}
              draggable
              onDragStart={(e) => e.dataTransfer.setData('text/x-bazaar-image', String(i))}
              onDragOver={(e) => {
                if (e.dataTransfer.types.includes('text/x-bazaar-image')) e.preventDefault();
              }}
              onDrop={(e) => {
                const from = Number(e.dataTransfer.getData('text/x-bazaar-image'));
                if (Number.isInteger(from)) set({ images: move(draft.images, from, i) });
              }}
              className="flex cursor-grab flex-wrap items-end gap-3"
            >
              {/* biome-ignore lint/performance/noImgElement: a small admin preview of an uploaded file */}
              <img
                src={image.url}
                alt=""
                width={64}
                height={64}
                className="size-16 rounded-lg bg-stone-100 object-cover"
              />
              <TextField
                label={`Alt text of image ${i + 1}`}
                name={`images.${i}.alt`}
                value={image.alt}
                error={error(`images.${i}.alt`)}
                className="min-w-48 flex-1"
                onChange={(e) =>
                  set({
                    images: draft.images.map((m, j) =>
                      j === i ? { ...m, alt: e.target.value } : m,
                    ),
                  })
                }
              />
              <SelectField
                label={`Shown for (image ${i + 1})`}
                name={`images.${i}.option`}
                value={image.option}
                error={error(`images.${i}.option`)}
                onChange={(e) =>
                  set({
                    images: draft.images.map((m, j) =>
                      j === i ? { ...m, option: e.target.value } : m,
                    ),
                  })
                }
              >
                <option value="">The whole product</option>
                {draft.options.flatMap((o) =>
                  optionValues(o).map((v) => (
                    <option key={`${o.name}=${v}`} value={`${o.name.trim()}=${v}`}>
                      {o.name}: {v}
                    </option>
                  )),
                )}
              </SelectField>
              <div className="flex gap-1">
                <Button
                  size="sm"
                  variant="quiet"
                  aria-label={`Move image ${i + 1} earlier`}
                  disabled={i === 0}
                  onClick={() => set({ images: move(draft.images, i, i - 1) })}
                >
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="quiet"
                  aria-label={`Move image ${i + 1} later`}
                  disabled={i === draft.images.length - 1}
                  onClick={() => set({ images: move(draft.images, i, i + 1) })}
                >
                  ↓
                </Button>
                <Button
                  size="sm"
                  variant="quiet"
                  aria-label={`Remove image ${i + 1}`}
                  onClick={() => set({ images: draft.images.filter((_, j) => j !== i) })}
                >
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ol>
      </Card>

      <div className="flex justify-end">
        <Button type="submit" pending={saving}>
          {product ? 'Save product' : 'Create product'}
        </Button>
      </div>
    </form>
  );
}

function Cell({
  label,
  value,
  error,
  onChange,
  className,
  inputMode,
  placeholder,
}: {
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  className?: string;
  inputMode?: 'decimal' | 'numeric';
  placeholder?: string;
}) {
  return (
    <div>
      <input
        aria-label={label}
        value={value}
        inputMode={inputMode}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        title={error}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputClass} ${className ?? ''}`}
      />
      {error ? <p className="mt-1 max-w-48 text-red-700 text-xs">{error}</p> : null}
    </div>
  );
}

function savedMessage(product: AdminProduct): string {
  return `Saved. ${product.status === 'active' ? 'It is live in the shop.' : `It is ${product.status}.`}`;
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
