import { describe, expect, it } from 'vitest';
import { ADMIN_PRODUCT_PAGE_SIZE, adminProductHref, adminProductQuery } from './admin-products';

const ID = '0b7f7a3c-8f4e-4f57-9e59-3d4f3f1f2a10';

describe('adminProductQuery', () => {
  it('reads filters from the URL, leaving out what is absent', () => {
    expect(adminProductQuery({})).toEqual({ limit: ADMIN_PRODUCT_PAGE_SIZE, sort: 'updated' });
    expect(
      adminProductQuery({
        q: ' lamp ',
        status: 'draft',
        stock: 'low',
        category: ID,
        sort: 'title',
        cursor: 'abc',
      }),
    ).toEqual({
      limit: ADMIN_PRODUCT_PAGE_SIZE,
      sort: 'title',
      search: 'lamp',
      status: 'draft',
      stock: 'low',
      categoryId: ID,
      cursor: 'abc',
    });
  });

  it('drops values that are not filters instead of failing the page', () => {
    expect(
      adminProductQuery({
        status: 'deleted',
        stock: 'lots',
        category: 'x',
        sort: 'price',
        q: ['a', 'b'],
      }),
    ).toEqual({ limit: ADMIN_PRODUCT_PAGE_SIZE, sort: 'updated' });
  });
});

describe('adminProductHref', () => {
  const query = adminProductQuery({ q: 'lamp', status: 'active', cursor: 'abc' });

  it('keeps the filters, changes one, and starts at the first page', () => {
    expect(adminProductHref(query, { stock: 'out' })).toBe(
      '/admin/products?q=lamp&status=active&stock=out',
    );
    expect(adminProductHref(query, { status: undefined })).toBe('/admin/products?q=lamp');
  });

  it('follows a cursor', () => {
    expect(adminProductHref(query, { cursor: 'next' })).toBe(
      '/admin/products?q=lamp&status=active&cursor=next',
    );
    expect(adminProductHref(adminProductQuery({}), {})).toBe('/admin/products');
  });
});
