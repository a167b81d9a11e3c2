import { describe, expect, it } from 'vitest';
import { moveActive, searchHref, suggestionItems, suggestionQuery } from './search-suggestions';

describe('suggestionQuery and searchHref', () => {
  it('ask with the words as typed, spaces tidied', () => {
    expect(suggestionQuery('  rain   jacket ')).toBe('rain jacket');
    expect(suggestionQuery('   ')).toBe('');
  });

  it('link to the search page', () => {
    expect(searchHref(' rain jacket')).toBe('/search?q=rain+jacket');
    expect(searchHref('a&b=c')).toBe('/search?q=a%26b%3Dc');
    expect(searchHref('  ')).toBe('/search');
  });
});

describe('suggestionItems', () => {
  it('lists products, then categories, each with where it leads', () => {
    const items = suggestionItems({
      currency: 'EUR',
      searchedFor: null,
      products: [
        {
          slug: 'rain-jacket',
          title: 'Rain Jacket',
          priceMin: { amount: 100, currency: 'EUR' },
          image: null,
        },
      ],
      categories: [{ slug: 'outerwear', name: 'Outerwear' }],
    });
    expect(items.map((i) => [i.kind, i.href])).toEqual([
      ['product', '/p/rain-jacket'],
      ['category', '/c/outerwear'],
    ]);
    expect(suggestionItems(undefined)).toEqual([]);
  });
});

describe('moveActive', () => {
  it('walks down and up, wrapping at the ends', () => {
    expect(moveActive(-1, 3, 'down')).toBe(0);
    expect(moveActive(0, 3, 'down')).toBe(1);
    expect(moveActive(2, 3, 'down')).toBe(0);
    expect(moveActive(-1, 3, 'up')).toBe(2);
    expect(moveActive(0, 3, 'up')).toBe(2);
    expect(moveActive(2, 3, 'up')).toBe(1);
  });

  it('has nowhere to go without options', () => {
    expect(moveActive(0, 0, 'down')).toBe(-1);
  });
});
