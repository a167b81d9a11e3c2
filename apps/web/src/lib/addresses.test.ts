import type { Address } from '@bazaar/contracts';
import { describe, expect, it } from 'vitest';
import { addressInput, cityLine, sortAddresses } from './addresses';

function address(id: string, createdAt: string, isDefault = false): Address {
  return {
    id,
    fullName: 'Grace Shopper',
    company: '',
    line1: '1 Harbour Street',
    line2: '',
    city: 'Berlin',
    region: '',
    postalCode: '10115',
    country: 'DE',
    phone: '',
    isDefault,
    createdAt: new Date(createdAt),
  };
}

describe('sortAddresses', () => {
  it('lists the default first, then the newest', () => {
    const sorted = sortAddresses([
      address('old', '2025-01-01T00:00:00Z'),
      address('default', '2024-06-01T00:00:00Z', true),
      address('new', '2025-03-01T00:00:00Z'),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['default', 'new', 'old']);
  });
});

describe('cityLine', () => {
  it('joins the postal code and city that are present', () => {
    expect(cityLine({ postalCode: '10115', city: 'Berlin' })).toBe('10115 Berlin');
    expect(cityLine({ postalCode: '', city: 'Dublin' })).toBe('Dublin');
  });
});

describe('addressInput', () => {
  const values = {
    fullName: 'Grace Shopper',
    line1: '1 Harbour Street',
    postalCode: '10115',
    city: 'Berlin',
    country: 'DE',
  };

  it('sends every field, empty when the form left it out', () => {
    expect(addressInput(values)).toEqual({
      ...values,
      company: '',
      line2: '',
      region: '',
      phone: '',
      isDefault: false,
    });
  });

  it('makes a new address the default when the box is ticked', () => {
    expect(addressInput({ ...values, isDefault: 'on' }).isDefault).toBe(true);
  });

  it('keeps the default address the default when it is edited', () => {
    expect(addressInput(values, { isDefault: true }).isDefault).toBe(true);
    expect(addressInput(values, { isDefault: false }).isDefault).toBe(false);
  });
});
