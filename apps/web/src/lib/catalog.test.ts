import { describe, expect, it } from 'vitest';
import { productListQuery } from './catalog';

describe('productListQuery', () => {
  it('leaves out keys without a value, so server and client build the same query key', () => {
    expect(productListQuery({ limit: 12, currency: 'EUR' })).toEqual({
      limit: 12,
      currency: 'EUR',
    });
    expect(
      Object.keys(
        productListQuery({ limit: 12, categorySlug: undefined, cursor: '', currency: 'EUR' }),
      ),
    ).toEqual(['limit', 'currency']);
  });

  it('keeps the category and cursor when given', () => {
    expect(
      productListQuery({ limit: 12, categorySlug: 'mugs', cursor: 'abc', currency: 'USD' }),
    ).toEqual({
      limit: 12,
      currency: 'USD',
      categorySlug: 'mugs',
      cursor: 'abc',
    });
  });
});
