import { describe, expect, it } from 'vitest';
import { productListQuery } from './catalog';

describe('productListQuery', () => {
  it('leaves out keys without a value, so server and client build the same query key', () => {
    expect(productListQuery({ limit: 12 })).toEqual({ limit: 12 });
    expect(
      Object.keys(productListQuery({ limit: 12, categorySlug: undefined, cursor: '' })),
    ).toEqual(['limit']);
  });

  it('keeps the category and cursor when given', () => {
    expect(productListQuery({ limit: 12, categorySlug: 'mugs', cursor: 'abc' })).toEqual({
      limit: 12,
      categorySlug: 'mugs',
      cursor: 'abc',
    });
  });
});
