import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  clearFilters,
  firstListingPage,
  nextListingPage,
  refineListing,
  toggleOptionValue,
  withoutFilter,
} from './listing-filters';
import { EMPTY_LISTING, type ListingState } from './listing-params';

const onPage3: ListingState = {
  ...EMPTY_LISTING,
  q: 'tee',
  sort: 'name',
  options: { Size: ['M'] },
  cursor: 'c3',
  page: 3,
};

describe('refineListing', () => {
  it('applies the change and goes back to the first page', () => {
    expect(refineListing(onPage3, { inStock: true })).toEqual({
      ...onPage3,
      inStock: true,
      cursor: null,
      page: 1,
    });
  });
});

describe('toggleOptionValue', () => {
  it('adds a value as an alternative and removes it again', () => {
    const added = toggleOptionValue(onPage3, 'Size', 'L');
    expect(added.options).toEqual({ Size: ['M', 'L'] });
    expect(added.cursor).toBeNull();
    expect(toggleOptionValue(added, 'Size', 'L').options).toEqual({ Size: ['M'] });
  });

  it('drops an option once its last value is removed', () => {
    expect(toggleOptionValue(onPage3, 'Size', 'M').options).toEqual({});
  });

  it('does not change the state it was given', () => {
    toggleOptionValue(onPage3, 'Colour', 'Navy');
    expect(onPage3.options).toEqual({ Size: ['M'] });
  });
});

describe('paging', () => {
  it('counts pages forward and back to the first', () => {
    const page4 = nextListingPage(onPage3, 'c4');
    expect([page4.cursor, page4.page]).toEqual(['c4', 4]);
    expect(firstListingPage(page4)).toEqual({ ...onPage3, cursor: null, page: 1 });
  });
});

describe('activeFilters and withoutFilter', () => {
  const state: ListingState = {
    ...onPage3,
    category: 'tops',
    options: { Size: ['M', 'L'], Colour: ['Navy'] },
    priceMin: 1000,
    priceMax: null,
    inStock: true,
  };

  it('lists each chosen filter, not the search words', () => {
    expect(activeFilters(state)).toEqual([
      { kind: 'category', slug: 'tops' },
      { kind: 'option', name: 'Size', value: 'M' },
      { kind: 'option', name: 'Size', value: 'L' },
      { kind: 'option', name: 'Colour', value: 'Navy' },
      { kind: 'price', min: 1000, max: null },
      { kind: 'stock' },
    ]);
    expect(activeFilters({ ...EMPTY_LISTING, q: 'tee' })).toEqual([]);
  });

  it('removes exactly one filter, back on the first page', () => {
    const filters = activeFilters(state);
    const without = filters.map((f) => withoutFilter(state, f));
    expect(without[0]?.category).toBeNull();
    expect(without[1]?.options).toEqual({ Size: ['L'], Colour: ['Navy'] });
    expect(without[3]?.options).toEqual({ Size: ['M', 'L'] });
    expect([without[4]?.priceMin, without[4]?.priceMax]).toEqual([null, null]);
    expect(without[5]?.inStock).toBe(false);
    for (const next of without) {
      expect(activeFilters(next)).toHaveLength(filters.length - 1);
      expect([next.cursor, next.page]).toEqual([null, 1]);
    }
  });

  it('clears every filter but keeps the search and the sort', () => {
    expect(clearFilters(state)).toEqual({ ...EMPTY_LISTING, q: 'tee', sort: 'name' });
  });
});
