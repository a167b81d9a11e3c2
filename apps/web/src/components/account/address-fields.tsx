import type { Ref } from 'react';
import { Badge } from '@/components/ui/badge';
import { SelectField, TextField } from '@/components/ui/field';
import { cityLine } from '@/lib/addresses';
import { countryName, countryOptions } from '@/lib/countries';

/** The fields of an address, as the address book and the checkout ask for them. */
export const ADDRESS_FIELDS = [
  'fullName',
  'company',
  'line1',
  'line2',
  'city',
  'region',
  'postalCode',
  'country',
  'phone',
] as const;

type AddressTextField = Exclude<(typeof ADDRESS_FIELDS)[number], 'country'>;

/** What an address reads like wherever it is shown (saved, or copied onto an order). */
export interface AddressLike {
  fullName: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
}

/** An address as a postal block: name, company, street, city, region, country, phone. */
export function AddressLines({ address }: { address: AddressLike }) {
  return (
    <address className="space-y-0.5 text-sm text-stone-700 not-italic">
      <span className="block font-medium text-stone-900">{address.fullName}</span>
      {address.company ? <span className="block">{address.company}</span> : null}
      <span className="block">{address.line1}</span>
      {address.line2 ? <span className="block">{address.line2}</span> : null}
      <span className="block">{cityLine(address)}</span>
      {address.region ? <span className="block">{address.region}</span> : null}
      <span className="block">{countryName(address.country)}</span>
      {address.phone ? <span className="block text-stone-500">{address.phone}</span> : null}
    </address>
  );
}

/** A saved address's postal block, with a badge on the default one. */
export function SavedAddress({
  address,
  className,
}: {
  address: AddressLike & { isDefault: boolean };
  className: string;
}) {
  return (
    <span className={className}>
      <AddressLines address={address} />
      {address.isDefault ? (
        <Badge tone="brand" className="shrink-0">
          Default
        </Badge>
      ) : null}
    </span>
  );
}

/**
 * The address inputs (named after the API's fields, read with `formValues`), each tied to its
 * error. `firstFieldRef` wraps the first field, so a form can move focus into it when it opens.
 */
export function AddressFields({
  address,
  error,
  firstFieldRef,
}: {
  address?: Partial<AddressLike> | undefined;
  error: (name: string) => string | undefined;
  firstFieldRef?: Ref<HTMLDivElement>;
}) {
  const bind = (name: AddressTextField) => ({
    name,
    defaultValue: address?.[name],
    error: error(name),
  });
  const countries = countryOptions(address?.country);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div ref={firstFieldRef}>
        <TextField label="Full name" autoComplete="name" {...bind('fullName')} />
      </div>
      <TextField label="Company" optional autoComplete="organization" {...bind('company')} />
      <TextField
        label="Street address"
        autoComplete="address-line1"
        {...bind('line1')}
        className="sm:col-span-2"
      />
      <TextField
        label="Apartment, suite, floor"
        optional
        autoComplete="address-line2"
        {...bind('line2')}
        className="sm:col-span-2"
      />
      <TextField label="Postal code" autoComplete="postal-code" {...bind('postalCode')} />
      <TextField label="City" autoComplete="address-level2" {...bind('city')} />
      <TextField
        label="State, province or region"
        optional
        autoComplete="address-level1"
        {...bind('region')}
      />
      <SelectField
        label="Country"
        name="country"
        autoComplete="country"
        defaultValue={address?.country ?? ''}
        error={error('country')}
      >
        <option value="" disabled>
          Choose a country
        </option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.code})
          </option>
        ))}
      </SelectField>
      <TextField
        label="Phone"
        type="tel"
        optional
        autoComplete="tel"
        hint="Only for delivery questions."
        {...bind('phone')}
      />
    </div>
  );
}
