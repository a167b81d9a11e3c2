import type { Address, AddressInput } from '@bazaar/contracts';

/** The default address first, then the newest. */
export function sortAddresses(addresses: readonly Address[]): Address[] {
  return [...addresses].sort(
    (a, b) =>
      Number(b.isDefault) - Number(a.isDefault) || b.createdAt.getTime() - a.createdAt.getTime(),
  );
}

/** "10115 Berlin": the postal code and city, whichever are present. */
export function cityLine(address: Pick<Address, 'postalCode' | 'city'>): string {
  return [address.postalCode, address.city].filter(Boolean).join(' ');
}

/**
 * The address form's values as the API's input. Editing the default address keeps it the
 * default (the form shows no checkbox for it); otherwise the checkbox decides.
 */
export function addressInput(
  values: Readonly<Record<string, string>>,
  editing?: Pick<Address, 'isDefault'>,
): AddressInput {
  return {
    fullName: values.fullName ?? '',
    company: values.company ?? '',
    line1: values.line1 ?? '',
    line2: values.line2 ?? '',
    city: values.city ?? '',
    region: values.region ?? '',
    postalCode: values.postalCode ?? '',
    country: values.country ?? '',
    phone: values.phone ?? '',
    isDefault: editing?.isDefault === true || values.isDefault === 'on',
  };
}
