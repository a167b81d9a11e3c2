import { describe, expect, it } from 'vitest';
import { listHref, searchParam } from './list-url';

describe('searchParam', () => {
  it('reads one non-empty value', () => {
    expect(searchParam({ q: 'lamp' }, 'q')).toBe('lamp');
  });

  it('ignores absent, empty and repeated keys', () => {
    expect(searchParam({}, 'q')).toBeUndefined();
    expect(searchParam({ q: '' }, 'q')).toBeUndefined();
    expect(searchParam({ q: ['a', 'b'] }, 'q')).toBeUndefined();
  });
});

describe('listHref', () => {
  it('keeps the filters with a value, in order', () => {
    expect(listHref('/admin/orders', { q: 'a b', status: undefined, from: '', to: 'x' })).toBe(
      '/admin/orders?q=a+b&to=x',
    );
  });

  it('is the bare path without filters', () => {
    expect(listHref('/admin/products', { q: undefined })).toBe('/admin/products');
  });
});
