'use client';

import type { CatalogSettings, ShopCurrency } from '@bazaar/contracts';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { currencyName } from '@/lib/currency';
import { formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';

/** The shop's currencies (one default) and the low-stock threshold. */
export function CatalogSettingsForm({ settings }: { settings: CatalogSettings }) {
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.admin.catalog.updateSettings.mutationOptions());
  const [currencies, setCurrencies] = useState<ShopCurrency[]>(settings.currencies);
  const [threshold, setThreshold] = useState(String(settings.lowStockThreshold));
  const [newCode, setNewCode] = useState('');
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [confirming, setConfirming] = useState(false);
  const removed = settings.currencies.filter((c) => !currencies.some((d) => d.code === c.code));

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (removed.length && !confirming) {
      setConfirming(true);
      return;
    }
    setStatus(undefined);
    setError(undefined);
    save.mutate(
      { currencies, lowStockThreshold: Number(threshold) },
      {
        onSuccess: (saved) => {
          setConfirming(false);
          setCurrencies(saved.currencies);
          setFieldErrors({});
          setStatus('Settings saved.');
          router.refresh();
        },
        onError: (e) => {
          setConfirming(false);
          const errors = formErrors(e);
          setFieldErrors(errors.fieldErrors);
          setError(errors.formError ?? 'Some fields need your attention.');
        },
      },
    );
  }

  function add() {
    const code = newCode.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code) || currencies.some((c) => c.code === code)) {
      setFieldErrors({
        newCurrency: ['Enter a three-letter code the shop does not sell in yet, such as CHF'],
      });
      return;
    }
    setFieldErrors({});
    setCurrencies([...currencies, { code, isDefault: currencies.length === 0 }]);
    setNewCode('');
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label="Catalog settings">
      <PageHeading
        title="Catalog settings"
        description="The currencies the shop sells in and when stock counts as low."
        actions={
          <Button type="submit" pending={save.isPending}>
            Save settings
          </Button>
        }
      />
      <FormStatus message={status} />
      <FormAlert message={error} />

      <Card
        title="Currencies"
        description="Shoppers pick one in the header; the default is shown first. A product is sold in a currency when it has a price in it."
      >
        <ul className="divide-y divide-stone-100">
          {currencies.map((currency, i) => (
            <li key={currency.code} className="flex flex-wrap items-center gap-3 py-2.5">
              <span className="w-14 font-mono font-semibold">{currency.code}</span>
              <span className="flex-1 text-sm text-stone-600">{currencyName(currency.code)}</span>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="default-currency"
                  checked={currency.isDefault}
                  onChange={() =>
                    setCurrencies(
                      currencies.map((c) => ({ ...c, isDefault: c.code === currency.code })),
                    )
                  }
                />
                Default
              </label>
              <Button
                size="sm"
                variant="quiet"
                aria-label={`Move ${currency.code} up`}
                disabled={i === 0}
                onClick={() => setCurrencies(swap(currencies, i, i - 1))}
              >
                ↑
              </Button>
              <Button
                size="sm"
                variant="quiet"
                aria-label={`Remove ${currency.code}`}
                disabled={currency.isDefault}
                onClick={() => setCurrencies(currencies.filter((c) => c.code !== currency.code))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <div className="mt-4 flex items-end gap-2">
          <TextField
            label="Add a currency"
            name="newCurrency"
            value={newCode}
            maxLength={3}
            placeholder="CHF"
            error={fieldErrors.newCurrency?.[0] ?? fieldErrors.currencies?.[0]}
            onChange={(e) => setNewCode(e.target.value)}
          />
          <Button variant="secondary" onClick={add}>
            Add
          </Button>
        </div>
      </Card>

      <Card title="Stock">
        <TextField
          label="Low-stock threshold"
          name="lowStockThreshold"
          inputMode="numeric"
          hint="A variant with this many or fewer left is low in stock, unless it sets its own threshold."
          value={threshold}
          error={fieldErrors.lowStockThreshold?.[0]}
          onChange={(e) => setThreshold(e.target.value)}
          className="max-w-xs"
        />
      </Card>

      <ConfirmDialog
        open={confirming}
        title={`Stop selling in ${removed.map((c) => c.code).join(', ')}?`}
        confirmLabel="Remove and save"
        variant="danger"
        pending={save.isPending}
        onConfirm={() => submit()}
        onClose={() => setConfirming(false)}
      >
        Every price in {removed.map((c) => c.code).join(', ')} is deleted with it. Products without
        a price in another currency leave the shop.
      </ConfirmDialog>
    </form>
  );
}

function swap<T>(list: readonly T[], a: number, b: number): T[] {
  const next = [...list];
  [next[a], next[b]] = [next[b] as T, next[a] as T];
  return next;
}
