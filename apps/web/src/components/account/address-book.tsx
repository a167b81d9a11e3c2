'use client';

import { type Address, MAX_ADDRESSES } from '@bazaar/contracts';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { emptyStateClass } from '@/components/ui/styles';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { addressInput, sortAddresses } from '@/lib/addresses';
import { formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';
import { ADDRESS_FIELDS, AddressFields, SavedAddress } from './address-fields';

/** What the API may find fault with in a saved address. */
const SAVED_ADDRESS_FIELDS = [...ADDRESS_FIELDS, 'isDefault'] as const;

type Mode = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; id: string };

function useInvalidateAddresses() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.account.addresses.list.queryKey() });
}

export function AddressBook() {
  const trpc = useTRPC();
  const { data: addresses } = useSuspenseQuery(trpc.account.addresses.list.queryOptions());
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [status, setStatus] = useState<string | null>(null);
  const full = addresses.length >= MAX_ADDRESSES;
  // Default first, then newest.
  const sorted = sortAddresses(addresses);

  const done = (message: string) => {
    setMode({ kind: 'list' });
    setStatus(message);
  };

  return (
    <Card
      title="Saved addresses"
      description={`Your default address is preselected at checkout. You can save up to ${MAX_ADDRESSES}.`}
      actions={
        mode.kind === 'add' ? null : (
          <Button
            variant="secondary"
            size="sm"
            disabled={full}
            onClick={() => {
              setStatus(null);
              setMode({ kind: 'add' });
            }}
          >
            Add address
          </Button>
        )
      }
    >
      <div className="space-y-6">
        <FormStatus message={status} />
        {mode.kind === 'add' ? (
          <AddressForm
            title="New address"
            makeDefaultByDefault={addresses.length === 0}
            onCancel={() => setMode({ kind: 'list' })}
            onSaved={() => done('Address added.')}
          />
        ) : null}
        {addresses.length === 0 && mode.kind !== 'add' ? (
          <p className={emptyStateClass}>You haven’t saved any addresses yet.</p>
        ) : null}
        {addresses.length > 0 ? (
          <ul aria-label="Addresses" className="grid gap-4 md:grid-cols-2">
            {sorted.map((address) =>
              mode.kind === 'edit' && mode.id === address.id ? (
                <li key={address.id} className="md:col-span-2">
                  <AddressForm
                    title="Edit address"
                    address={address}
                    onCancel={() => setMode({ kind: 'list' })}
                    onSaved={() => done('Address updated.')}
                  />
                </li>
              ) : (
                <AddressCard
                  key={address.id}
                  address={address}
                  onEdit={() => {
                    setStatus(null);
                    setMode({ kind: 'edit', id: address.id });
                  }}
                  onChanged={(message) => setStatus(message)}
                />
              ),
            )}
          </ul>
        ) : null}
      </div>
    </Card>
  );
}

function AddressCard({
  address,
  onEdit,
  onChanged,
}: {
  address: Address;
  onEdit: () => void;
  onChanged: (message: string) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateAddresses();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.account.addresses.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onChanged('Address deleted.');
      },
    }),
  );
  const setDefault = useMutation(
    trpc.account.addresses.setDefault.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onChanged('Default address changed.');
      },
    }),
  );
  const failure = remove.error ?? setDefault.error;
  const label = `${address.fullName}, ${address.line1}`;

  return (
    <li
      aria-label={label}
      className={`flex flex-col justify-between gap-4 rounded-2xl p-5 ring-1 ${
        address.isDefault ? 'bg-brand-50/60 ring-brand-200' : 'bg-white ring-stone-200'
      }`}
    >
      <SavedAddress address={address} className="flex items-start justify-between gap-3" />
      <FormAlert message={failure ? formErrors(failure, { fields: [] }).formError : null} />
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2 rounded-xl bg-red-50 p-3 ring-1 ring-red-200">
          <p className="mr-auto text-red-900 text-sm">Delete this address?</p>
          <Button
            variant="danger"
            size="sm"
            pending={remove.isPending}
            onClick={() => remove.mutate({ id: address.id })}
          >
            Yes, delete
          </Button>
          <Button variant="quiet" size="sm" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" onClick={onEdit}>
            Edit<span className="sr-only"> address {label}</span>
          </Button>
          <Button
            variant="quiet"
            size="sm"
            onClick={() => {
              remove.reset();
              setConfirming(true);
            }}
          >
            Delete<span className="sr-only"> address {label}</span>
          </Button>
          {address.isDefault ? null : (
            <Button
              variant="quiet"
              size="sm"
              pending={setDefault.isPending}
              onClick={() => setDefault.mutate({ id: address.id })}
            >
              Make default<span className="sr-only"> address {label}</span>
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function AddressForm({
  title,
  address,
  makeDefaultByDefault = false,
  onCancel,
  onSaved,
}: {
  title: string;
  address?: Address;
  makeDefaultByDefault?: boolean;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateAddresses();
  const headingId = useId();
  const { formRef, errors, field, setFromError, clear } = useFormErrors({
    fields: SAVED_ADDRESS_FIELDS,
    prefix: address ? 'address.' : '',
  });
  const onSuccess = async () => {
    await invalidate();
    onSaved();
  };
  const create = useMutation(
    trpc.account.addresses.create.mutationOptions({ onSuccess, onError: setFromError }),
  );
  const update = useMutation(
    trpc.account.addresses.update.mutationOptions({ onSuccess, onError: setFromError }),
  );

  // Opening the form moves focus into it.
  const firstField = useRef<HTMLDivElement>(null);
  useEffect(() => {
    firstField.current?.querySelector('input')?.focus();
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = addressInput(formValues(event.currentTarget), address);
    clear();
    if (address) update.mutate({ id: address.id, address: input });
    else create.mutate(input);
  }

  const pending = create.isPending || update.isPending;

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={headingId}
      className="space-y-4 rounded-2xl bg-stone-50 p-5 ring-1 ring-stone-200 sm:p-6"
    >
      <h3 id={headingId} className="font-medium text-stone-900">
        {title}
      </h3>
      <FormAlert message={errors?.formError} />
      <AddressFields address={address} error={field} firstFieldRef={firstField} />
      {address?.isDefault ? null : (
        <label className="flex items-center gap-2 text-sm text-stone-800">
          <input
            type="checkbox"
            name="isDefault"
            defaultChecked={makeDefaultByDefault}
            className="size-4 rounded border-stone-300 accent-brand-600"
          />
          Use as my default address
        </label>
      )}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" pending={pending}>
          {address ? 'Save address' : 'Add address'}
        </Button>
        <Button variant="quiet" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
