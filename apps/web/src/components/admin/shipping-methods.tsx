'use client';

import type { ShippingMethod, ShippingRateInput } from '@bazaar/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { countryName } from '@/lib/countries';
import { formatMoney, formatMoneyInput, parseMoneyInput } from '@/lib/money';
import {
  firstErrorUnder,
  parseCountryList,
  parseOptionalWhole,
  ratesByCurrency,
} from '@/lib/shop-settings';
import { useTRPC } from '@/trpc/react';
import { DeleteDialog, useDeleteConfirmation } from './delete-dialog';
import { SettingsFormButtons } from './settings-form-buttons';
import { RowButton, SettingsList } from './settings-list';
import { useSettingsForm } from './use-settings-form';

/** Shipping methods: flat rates per currency, free over a threshold, limited to countries. */
export function ShippingMethods() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const methods = useQuery(trpc.admin.settings.shipping.list.queryOptions());
  const currencies = useQuery(trpc.catalog.currencies.queryOptions());
  const remove = useMutation(
    trpc.admin.settings.shipping.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.admin.settings.shipping.pathFilter()),
    }),
  );
  const [status, setStatus] = useState<string>();
  const codes = (currencies.data ?? []).map((c) => c.code);
  const deletion = useDeleteConfirmation<ShippingMethod>(remove, (method) =>
    setStatus(`${method.name} deleted.`),
  );

  return (
    <div className="space-y-6">
      <PageHeading
        title="Shipping"
        description="What checkout offers: a flat rate per currency, free from an order value if you like."
      />
      <FormStatus message={status} />

      <Card
        title="Add a shipping method"
        description="A method is offered in the currencies it has a rate in, to the countries it lists."
      >
        <ShippingMethodForm
          currencies={codes}
          onSaved={(saved) => setStatus(`${saved.name} added.`)}
        />
      </Card>

      <SettingsList
        title="Shipping methods"
        items={methods.data}
        error={methods.error}
        empty="No shipping methods yet: checkout has nothing to offer until you add one."
        editor={(method, close) => (
          <ShippingMethodForm
            method={method}
            currencies={codes}
            onSaved={(saved) => {
              close();
              setStatus(`${saved.name} saved.`);
            }}
            onCancel={close}
          />
        )}
        row={(method, edit) => (
          <MethodSummary
            method={method}
            currencies={codes}
            onEdit={edit}
            onDelete={() => deletion.ask(method)}
          />
        )}
      />

      <DeleteDialog confirmation={deletion} title={(method) => `Delete ${method.name}?`}>
        {() => (
          <>
            Checkout stops offering it at once. Orders already placed keep its name and price. To
            pause it instead, edit it and untick “Offer at checkout”.
          </>
        )}
      </DeleteDialog>
    </div>
  );
}

function MethodSummary({
  method,
  currencies,
  onEdit,
  onDelete,
}: {
  method: ShippingMethod;
  currencies: readonly string[];
  onEdit: () => void;
  onDelete: () => void;
}) {
  const missing = currencies.filter((c) => !method.rates.some((r) => r.currency === c));
  return (
    <div className="flex flex-wrap items-start gap-3">
      <div className="min-w-0 flex-1 space-y-1">
        <p className="flex flex-wrap items-center gap-2 font-medium text-stone-900">
          {method.name}
          {method.active ? null : <Badge tone="muted">Not offered</Badge>}
          <span className="font-normal text-stone-500 text-xs">Position {method.position}</span>
        </p>
        {method.description ? <p className="text-sm text-stone-600">{method.description}</p> : null}
        <p className="text-sm text-stone-600">
          Ships to{' '}
          {method.countries.length
            ? method.countries.map((c) => countryName(c)).join(', ')
            : 'every country'}
        </p>
        <ul className="text-sm text-stone-700">
          {method.rates.map((rate) => (
            <li key={rate.currency}>
              {formatMoney({ amount: rate.amount, currency: rate.currency })}
              {rate.freeOver !== null
                ? `, free from ${formatMoney({ amount: rate.freeOver, currency: rate.currency })}`
                : null}
            </li>
          ))}
          {missing.length ? (
            <li className="text-stone-500">Not offered in {missing.join(', ')}</li>
          ) : null}
        </ul>
      </div>
      <RowButton itemName={method.name} onClick={onEdit}>
        Edit
      </RowButton>
      <RowButton itemName={method.name} onClick={onDelete}>
        Delete
      </RowButton>
    </div>
  );
}

const FIELDS = ['name', 'description', 'countries', 'position'];

/** Adds a method, or edits `method`: its fields and one rate per shop currency. */
function ShippingMethodForm({
  method,
  currencies,
  onSaved,
  onCancel,
}: {
  method?: ShippingMethod;
  currencies: readonly string[];
  onSaved: (saved: ShippingMethod) => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.admin.settings.shipping.save.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.admin.settings.shipping.pathFilter()),
    }),
  );
  const { formRef, errors, submit } = useSettingsForm({
    save,
    adding: !method,
    onSaved,
    isField: (field) =>
      FIELDS.includes(field) || field.startsWith('countries.') || /^rates\.[A-Z]{3}\./.test(field),
    toFields: (fieldErrors, sent) =>
      ratesByCurrency(
        fieldErrors,
        sent.rates.map((r) => r.currency),
      ),
  });
  const fieldErrors = errors?.fieldErrors ?? {};
  const label = method ? `Edit ${method.name}` : 'Add a shipping method';

  const read = (values: Record<string, string>, local: Record<string, string[]>) => {
    const rates: ShippingRateInput[] = [];
    for (const currency of currencies) {
      const amountText = values[`amount-${currency}`]?.trim() ?? '';
      const freeText = values[`freeOver-${currency}`]?.trim() ?? '';
      const example = formatMoneyInput(495, currency);
      if (!amountText) {
        if (freeText) local[`rates.${currency}.amount`] = ['Enter the rate too, or neither'];
        continue;
      }
      const amount = parseMoneyInput(amountText, currency);
      const freeOver = freeText ? parseMoneyInput(freeText, currency) : null;
      if (amount === null) local[`rates.${currency}.amount`] = [`Enter an amount, like ${example}`];
      if (freeText && freeOver === null)
        local[`rates.${currency}.freeOver`] = [`Enter an amount, like ${example}`];
      if (amount !== null) rates.push({ currency, amount, freeOver });
    }
    const position = parseOptionalWhole(values.position ?? '');
    if (position === 'invalid') local.position = ['Enter a whole number'];
    return {
      ...(method ? { id: method.id } : {}),
      name: values.name ?? '',
      description: values.description ?? '',
      countries: parseCountryList(values.countries ?? ''),
      position: position === 'invalid' ? 0 : (position ?? 0),
      active: values.active === 'on',
      rates,
    };
  };

  return (
    <form ref={formRef} onSubmit={submit(read)} noValidate aria-label={label} className="space-y-5">
      <FormAlert message={errors?.formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          name="name"
          defaultValue={method?.name}
          placeholder="Standard"
          error={fieldErrors.name?.[0]}
        />
        <TextField
          label="Description"
          name="description"
          optional
          defaultValue={method?.description}
          placeholder="3–5 working days"
          error={fieldErrors.description?.[0]}
        />
        <TextField
          label="Ships to"
          name="countries"
          optional
          defaultValue={method?.countries.join(', ')}
          placeholder="DE, AT, CH"
          hint="Two-letter country codes, separated by commas. Empty: every country."
          error={firstErrorUnder(fieldErrors, 'countries')}
        />
        <TextField
          label="Position"
          name="position"
          inputMode="numeric"
          defaultValue={String(method?.position ?? 0)}
          hint="Checkout lists methods from the lowest position; the first is preselected."
          error={fieldErrors.position?.[0]}
        />
      </div>

      <fieldset className="space-y-3">
        <legend className="font-medium text-sm text-stone-800">Rates</legend>
        <p className="text-stone-500 text-xs">
          Leave a currency’s rate empty to not offer the method in it. “Free from” compares with the
          order’s value after discounts.
        </p>
        {currencies.map((currency) => {
          const rate = method?.rates.find((r) => r.currency === currency);
          return (
            <div key={currency} className="grid items-start gap-3 sm:grid-cols-[4rem_1fr_1fr]">
              <span className="pt-2 font-mono font-semibold text-sm">{currency}</span>
              <TextField
                label={`Rate in ${currency}`}
                name={`amount-${currency}`}
                inputMode="decimal"
                defaultValue={rate ? formatMoneyInput(rate.amount, currency) : ''}
                placeholder={formatMoneyInput(495, currency)}
                error={
                  fieldErrors[`rates.${currency}.amount`]?.[0] ??
                  fieldErrors[`rates.${currency}.currency`]?.[0]
                }
              />
              <TextField
                label={`Free from (${currency})`}
                name={`freeOver-${currency}`}
                inputMode="decimal"
                optional
                defaultValue={
                  rate?.freeOver != null ? formatMoneyInput(rate.freeOver, currency) : ''
                }
                placeholder={formatMoneyInput(7500, currency)}
                error={fieldErrors[`rates.${currency}.freeOver`]?.[0]}
              />
            </div>
          );
        })}
      </fieldset>

      <label className="flex items-center gap-2 text-sm text-stone-800">
        <input type="checkbox" name="active" defaultChecked={method?.active ?? true} />
        Offer at checkout
      </label>

      <SettingsFormButtons
        submitLabel={method ? 'Save method' : 'Add method'}
        pending={save.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
