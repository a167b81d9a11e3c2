import { describe, expect, it } from 'vitest';
import { EMPTY_LISTING, type ListingState } from './listing-params';
import { listingFacetsInput, listingPageInput, pageRange } from './listing-query';

const filtered: ListingState = {
  q: 'tee',
  category: 'tops',
  options: { Size: ['M'] },
  priceMin: 1000,
  priceMax: 5000,
  inStock: true,
  sort: 'price_asc',
  cursor: 'abc',
  page: 2,
};

describe('listing inputs', () => {
  it('leave out keys without a value, so server and browser build the same query key', () => {
    expect(listingFacetsInput(EMPTY_LISTING, { currency: 'EUR', limit: 24 })).toEqual({
      currency: 'EUR',
    });
    expect(
      Object.keys(listingPageInput(EMPTY_LISTING, { currency: 'EUR', limit: 24 })).sort(),
    ).toEqual(['currency', 'limit']);
  });

  it('carry every filter; the page also its sort, cursor and size', () => {
    const facets = listingFacetsInput(filtered, { currency: 'USD', limit: 24 });
    expect(facets).toEqual({
      currency: 'USD',
      q: 'tee',
      categorySlug: 'tops',
      options: { Size: ['M'] },
      priceMin: 1000,
      priceMax: 5000,
      inStock: true,
    });
    expect(listingPageInput(filtered, { currency: 'USD', limit: 24 })).toEqual({
      ...facets,
      limit: 24,
      sort: 'price_asc',
      cursor: 'abc',
    });
  });

  it('take a category page’s own category over the state’s', () => {
    const input = listingFacetsInput(filtered, {
      currency: 'EUR',
      limit: 12,
      categorySlug: 'apparel',
    });
    expect(input.categorySlug).toBe('apparel');
  });
});

describe('pageRange', () => {
  it('numbers the products of a page from 1', () => {
    expect(pageRange(1, 24, 24)).toEqual({ from: 1, to: 24 });
    expect(pageRange(2, 24, 24)).toEqual({ from: 25, to: 48 });
    expect(pageRange(3, 24, 5)).toEqual({ from: 49, to: 53 });
  });
});
