'use client';

import type { TaxRate } from '@bazaar/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { COUNTRIES, countryName } from '@/lib/countries';
import { formErrors } from '@/lib/form-errors';
import { formatPercentInput, formatRate, parsePercentInput } from '@/lib/shop-settings';
import { useTRPC } from '@/trpc/react';
import { DeleteDialog, useDeleteConfirmation } from './delete-dialog';
import { SettingsFormButtons } from './settings-form-buttons';
import { RowButton, SettingsList } from './settings-list';
import { useSettingsForm } from './use-settings-form';

/** Where a rate applies: "Germany", or "United States, CA". */
const where = (rate: TaxRate) =>
  `${countryName(rate.country)}${rate.region ? `, ${rate.region}` : ''}`;

/** Tax rates per country or region, and whether the shop's prices include tax. */
export function TaxRates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tax = useQuery(trpc.admin.settings.tax.list.queryOptions());
  const remove = useMutation(
    trpc.admin.settings.tax.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.admin.settings.tax.pathFilter()),
    }),
  );
  const [status, setStatus] = useState<string>();
  const countriesId = useId();
  const deletion = useDeleteConfirmation<TaxRate>(remove, (rate) =>
    setStatus(`The rate for ${where(rate)} is deleted.`),
  );

  return (
    <div className="space-y-6">
      <PageHeading
        title="Tax"
        description="The rate checkout charges for where an order ships, and how prices show it."
      />
      <FormStatus message={status} />
      <FormAlert message={tax.error ? formErrors(tax.error, { fields: [] }).formError : null} />

      {tax.data ? (
        <PricesIncludeTaxForm
          key={String(tax.data.pricesIncludeTax)}
          pricesIncludeTax={tax.data.pricesIncludeTax}
          onSaved={setStatus}
        />
      ) : null}

      <Card
        title="Add a tax rate"
        description="A region’s rate (a state or province, as addresses name it) wins over its country’s. Where the shop has no rate, no tax is charged."
      >
        <TaxRateForm
          countriesId={countriesId}
          onSaved={(saved) => setStatus(`${where(saved)}: ${formatRate(saved.rateBps)} saved.`)}
        />
      </Card>

      <datalist id={countriesId}>
        {COUNTRIES.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </datalist>

      <SettingsList
        title="Tax rates"
        items={tax.data?.rates}
        empty="No tax rates yet: checkout charges no tax."
        editor={(rate, close) => (
          <TaxRateForm
            rate={rate}
            countriesId={countriesId}
            onSaved={(saved) => {
              close();
              setStatus(`${where(saved)}: ${formatRate(saved.rateBps)} saved.`);
            }}
            onCancel={close}
          />
        )}
        row={(rate, edit) => (
          <div className="flex flex-wrap items-center gap-3">
            <span className="flex-1 text-stone-900">
              <span className="font-medium">{where(rate)}</span>{' '}
              <span className="text-sm text-stone-500">
                {rate.region ? `${rate.country} ${rate.region}` : rate.country}
              </span>
            </span>
            <span className="text-sm text-stone-700">{rate.name}</span>
            <span className="w-16 text-right font-medium text-stone-900 tabular-nums">
              {formatRate(rate.rateBps)}
            </span>
            <RowButton itemName={where(rate)} onClick={edit}>
              Edit
            </RowButton>
            <RowButton itemName={where(rate)} onClick={() => deletion.ask(rate)}>
              Delete
            </RowButton>
          </div>
        )}
      />

      <DeleteDialog confirmation={deletion} title={(rate) => `Delete the rate for ${where(rate)}?`}>
        {(rate) => (
          <>
            {rate.region
              ? `Orders to ${rate.region} are taxed at ${countryName(rate.country)}’s rate, if it has one.`
              : 'Orders to this country are no longer taxed, except in regions with a rate of their own.'}{' '}
            Orders already placed keep the tax they were charged.
          </>
        )}
      </DeleteDialog>
    </div>
  );
}

function PricesIncludeTaxForm({
  pricesIncludeTax,
  onSaved,
}: {
  pricesIncludeTax: boolean;
  onSaved: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.admin.settings.tax.setPricesIncludeTax.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.admin.settings.tax.pathFilter()),
    }),
  );
  const [included, setIncluded] = useState(pricesIncludeTax);
  const [error, setError] = useState<string>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    save.mutate(
      { pricesIncludeTax: included },
      {
        onSuccess: (saved) =>
          onSaved(
            saved.pricesIncludeTax
              ? 'Prices now include tax.'
              : 'Tax is now added to prices at checkout.',
          ),
        onError: (e) => setError(formErrors(e, { fields: [] }).formError),
      },
    );
  }

  return (
    <Card
      title="Prices and tax"
      description="Applies to product prices and shipping rates alike, from the next checkout on."
    >
      <form onSubmit={submit} aria-label="Prices and tax" className="space-y-4">
        <FormAlert message={error} />
        <fieldset className="space-y-2">
          <legend className="sr-only">Do the shop’s prices include tax?</legend>
          <label className="flex items-start gap-2 text-sm text-stone-800">
            <input
              type="radio"
              name="pricesIncludeTax"
              className="mt-1"
              checked={included}
              onChange={() => setIncluded(true)}
            />
            <span>
              Prices include tax{' '}
              <span className="text-stone-500">(as EU shops show them: the tax is inside)</span>
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm text-stone-800">
            <input
              type="radio"
              name="pricesIncludeTax"
              className="mt-1"
              checked={!included}
              onChange={() => setIncluded(false)}
            />
            <span>
              Tax is added at checkout{' '}
              <span className="text-stone-500">(as US shops show prices)</span>
            </span>
          </label>
        </fieldset>
        <Button type="submit" pending={save.isPending} disabled={included === pricesIncludeTax}>
          Save
        </Button>
      </form>
    </Card>
  );
}

const FIELDS = ['country', 'region', 'rateBps', 'name'];

/** Adds a rate, or edits `rate`. */
function TaxRateForm({
  rate,
  countriesId,
  onSaved,
  onCancel,
}: {
  rate?: TaxRate;
  /** The id of the datalist of countries the country field suggests. */
  countriesId: string;
  onSaved: (saved: TaxRate) => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.admin.settings.tax.save.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.admin.settings.tax.pathFilter()),
    }),
  );
  const { formRef, errors, field, submit } = useSettingsForm({
    save,
    adding: !rate,
    onSaved,
    isField: (f) => FIELDS.includes(f),
  });

  const read = (values: Record<string, string>, problems: Record<string, string[]>) => {
    const rateBps = parsePercentInput(values.rate ?? '');
    if (rateBps === null) problems.rateBps = ['Enter a percentage, like 19 or 7.25'];
    return {
      ...(rate ? { id: rate.id } : {}),
      country: values.country ?? '',
      region: values.region ?? '',
      rateBps: rateBps ?? 0,
      name: values.name ?? '',
    };
  };

  return (
    <form
      ref={formRef}
      onSubmit={submit(read)}
      noValidate
      aria-label={rate ? 'Edit tax rate' : 'Add a tax rate'}
      className="space-y-4"
    >
      <FormAlert message={errors?.formError} />
      <div className="grid gap-4 sm:grid-cols-4">
        <TextField
          label="Country"
          name="country"
          list={countriesId}
          maxLength={2}
          autoComplete="off"
          defaultValue={rate?.country}
          placeholder="DE"
          hint="Two-letter code"
          error={field('country')}
        />
        <TextField
          label="Region"
          name="region"
          optional
          defaultValue={rate?.region}
          placeholder="CA"
          hint="Empty: the whole country"
          error={field('region')}
        />
        <TextField
          label="Rate (%)"
          name="rate"
          inputMode="decimal"
          defaultValue={rate ? formatPercentInput(rate.rateBps) : ''}
          placeholder="19"
          error={field('rateBps')}
        />
        <TextField
          label="Name on receipts"
          name="name"
          defaultValue={rate?.name ?? 'VAT'}
          error={field('name')}
        />
      </div>
      <SettingsFormButtons
        submitLabel={rate ? 'Save rate' : 'Add rate'}
        pending={save.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
