import { describe, expect, it } from 'vitest';
import { ADMIN_ORDER_PAGE_SIZE, adminOrderHref, adminOrderQuery, isFiltered } from './list-query';

const ID = '0b7f7a3c-8f4e-4f57-9e59-3d4f3f1f2a10';

describe('adminOrderQuery', () => {
  it('reads filters from the URL, leaving out what is absent', () => {
    expect(adminOrderQuery({})).toEqual({ limit: ADMIN_ORDER_PAGE_SIZE });
    expect(
      adminOrderQuery({
        q: ' #1001 ',
        status: 'paid',
        from: '2025-03-01',
        to: '2025-03-31',
        customerId: ID,
        cursor: 'abc_DEF-1',
      }),
    ).toEqual({
      limit: ADMIN_ORDER_PAGE_SIZE,
      q: '#1001',
      status: 'paid',
      from: '2025-03-01',
      to: '2025-03-31',
      customerId: ID,
      cursor: 'abc_DEF-1',
    });
  });

  it('drops values the API would refuse instead of failing the page', () => {
    expect(
      adminOrderQuery({
        status: 'shipped',
        from: '2025-02-30',
        to: 'yesterday',
        customerId: 'not-a-uuid',
        cursor: 'a b',
        q: ['a', 'b'],
      }),
    ).toEqual({ limit: ADMIN_ORDER_PAGE_SIZE });
  });

  it('makes a search plain text of at most 100 characters', () => {
    expect(adminOrderQuery({ q: 'jane\n@example\u0000.com\t' }).q).toBe('jane @example .com');
    expect(adminOrderQuery({ q: '  \u0007 ' }).q).toBeUndefined();
    const long = `${'a'.repeat(99)}😀`;
    expect(adminOrderQuery({ q: long }).q).toBe('a'.repeat(99));
    expect(adminOrderQuery({ q: 'x'.repeat(150) }).q).toHaveLength(100);
  });
});

describe('adminOrderHref', () => {
  const query = adminOrderQuery({ q: 'jane', status: 'paid', customerId: ID, cursor: 'abc' });

  it('keeps the filters and starts again at the first page', () => {
    expect(adminOrderHref(query, {})).toBe(`/admin/orders?q=jane&status=paid&customerId=${ID}`);
    expect(adminOrderHref(query, { status: undefined, from: '2025-01-01' })).toBe(
      `/admin/orders?q=jane&from=2025-01-01&customerId=${ID}`,
    );
  });

  it('pages with the cursor', () => {
    expect(adminOrderHref(adminOrderQuery({}), { cursor: 'next' })).toBe(
      '/admin/orders?cursor=next',
    );
    expect(adminOrderHref(adminOrderQuery({}), {})).toBe('/admin/orders');
  });

  it('tells a filtered list from paging', () => {
    expect(isFiltered(adminOrderQuery({ cursor: 'abc' }))).toBe(false);
    expect(isFiltered(adminOrderQuery({ to: '2025-01-01' }))).toBe(true);
  });
});
