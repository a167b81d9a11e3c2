import { describe, expect, it } from 'vitest';
import { COUNTRIES, countryName, countryOptions } from './countries';

describe('countries', () => {
  it('lists each code once, by name', () => {
    const codes = COUNTRIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('names a known country and echoes an unknown code', () => {
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('ZZ')).toBe('ZZ');
  });

  it('offers an address’s own country even when it is not on the list', () => {
    expect(countryOptions()).toBe(COUNTRIES);
    expect(countryOptions('DE')).toBe(COUNTRIES);
    const options = countryOptions('ZZ');
    expect(options).toHaveLength(COUNTRIES.length + 1);
    expect(options.at(-1)).toEqual({ code: 'ZZ', name: 'ZZ' });
  });
});
