import { describe, expect, it } from 'vitest';
import {
  EMPTY_LISTING,
  formatPriceParam,
  type ListingState,
  listingHref,
  parseListingParams,
  parsePriceParam,
  serializeListingParams,
} from './listing-params';

const parse = (search: string, currency = 'EUR') =>
  parseListingParams(new URLSearchParams(search), currency);

describe('parseListingParams', () => {
  it('reads every part of a listing', () => {
    expect(
      parse(
        'q=rain+jacket&category=outerwear&o.Size=M&o.Size=L&o.Colour=Navy&price_min=20&price_max=49.5&in_stock=1&sort=price_asc&page=3&cursor=abc_-1',
      ),
    ).toEqual({
      q: 'rain jacket',
      category: 'outerwear',
      options: { Size: ['M', 'L'], Colour: ['Navy'] },
      priceMin: 2000,
      priceMax: 4950,
      inStock: true,
      sort: 'price_asc',
      cursor: 'abc_-1',
      page: 3,
    });
  });

  it('is the plain listing without parameters', () => {
    expect(parse('')).toEqual(EMPTY_LISTING);
  });

  it('reads Next.js search params (repeated keys as arrays) like the browser’s', () => {
    expect(
      parseListingParams(
        { q: 'mug', 'o.Size': ['S', 'M'], in_stock: '1', other: undefined },
        'EUR',
      ),
    ).toEqual(parse('q=mug&o.Size=S&o.Size=M&in_stock=1'));
  });

  it('trims the search words, turns control characters into spaces and bounds the length', () => {
    expect(parse('q=%20%20lamp%20').q).toBe('lamp');
    expect(parse('q=a%00b').q).toBe('a b');
    expect(parse(`q=${'x'.repeat(500)}`).q).toHaveLength(200);
  });

  it('leaves out a malformed or repeated category', () => {
    expect(parse('category=Not%20A%20Slug').category).toBeNull();
    expect(parse('category=a&category=b').category).toBeNull();
    expect(parse('category=home-living').category).toBe('home-living');
  });

  it('keeps option values once each, and refuses empty or control-character text', () => {
    expect(parse('o.Size=M&o.Size=M&o.Size=&o.=X&o.Col%01our=Red').options).toEqual({
      Size: ['M'],
    });
  });

  it('keeps option names with spaces and dots', () => {
    const state = parse('o.Pack+size=3&o.v1.2=x');
    expect(state.options).toEqual({ 'Pack size': ['3'], 'v1.2': ['x'] });
  });

  it('stops at the API’s limits of options and values per option', () => {
    const many = Array.from({ length: 12 }, (_, i) => `o.Opt${i}=x`).join('&');
    expect(Object.keys(parse(many).options)).toHaveLength(10);
    const values = Array.from({ length: 60 }, (_, i) => `o.Size=${i}`).join('&');
    expect(parse(values).options.Size).toHaveLength(50);
  });

  it('converts prices with the currency’s decimals and drops what is not an amount', () => {
    expect(parse('price_min=12.34&price_max=99').priceMin).toBe(1234);
    expect(parse('price_min=500', 'JPY').priceMin).toBe(500);
    expect(parse('price_min=5.5', 'JPY').priceMin).toBeNull();
    expect(parse('price_min=1.234').priceMin).toBeNull();
    expect(parse('price_min=-3').priceMin).toBeNull();
    expect(parse('price_min=abc&price_max=1e3').priceMax).toBeNull();
  });

  it('swaps a range given backwards', () => {
    const state = parse('price_min=50&price_max=20');
    expect([state.priceMin, state.priceMax]).toEqual([2000, 5000]);
  });

  it('knows the sorts, and relevance only when searching', () => {
    expect(parse('sort=name').sort).toBe('name');
    expect(parse('sort=cheapest').sort).toBeNull();
    expect(parse('sort=relevance').sort).toBeNull();
    expect(parse('q=tee&sort=relevance').sort).toBe('relevance');
  });

  it('takes in_stock only as 1', () => {
    expect(parse('in_stock=1').inStock).toBe(true);
    expect(parse('in_stock=true').inStock).toBe(false);
  });

  it('numbers pages only with a cursor', () => {
    expect(parse('page=4').page).toBe(1);
    expect(parse('cursor=abc').page).toBe(2);
    expect(parse('cursor=abc&page=0').page).toBe(2);
    expect(parse('cursor=abc&page=2.5').page).toBe(2);
    expect(parse('cursor=abc&page=7').page).toBe(7);
  });

  it('drops a cursor the API could never accept', () => {
    expect(parse('cursor=a%2Fb').cursor).toBeNull();
    expect(parse(`cursor=${'a'.repeat(2001)}`).cursor).toBeNull();
  });
});

describe('serializeListingParams', () => {
  const full: ListingState = {
    q: 'rain jacket',
    category: 'outerwear',
    options: { Size: ['M', 'L'], 'Pack size': ['3'] },
    priceMin: 2000,
    priceMax: 4950,
    inStock: true,
    sort: 'price_desc',
    cursor: 'abc',
    page: 2,
  };

  it('writes a stable, readable URL', () => {
    expect(serializeListingParams(full, 'EUR')).toBe(
      '?q=rain+jacket&category=outerwear&o.Size=M&o.Size=L&o.Pack+size=3&price_min=20&price_max=49.50&in_stock=1&sort=price_desc&page=2&cursor=abc',
    );
  });

  it('is empty for the plain listing', () => {
    expect(serializeListingParams(EMPTY_LISTING, 'EUR')).toBe('');
    expect(listingHref('/search', EMPTY_LISTING, 'EUR')).toBe('/search');
  });

  it('round-trips through the parser', () => {
    for (const state of [full, EMPTY_LISTING, { ...full, cursor: null, page: 1 }]) {
      expect(parse(serializeListingParams(state, 'EUR').slice(1))).toEqual(state);
    }
    const yen = { ...EMPTY_LISTING, priceMin: 500, priceMax: 12000 };
    expect(parse(serializeListingParams(yen, 'JPY').slice(1), 'JPY')).toEqual(yen);
  });

  it('leaves the page number out on the first page', () => {
    expect(serializeListingParams({ ...EMPTY_LISTING, q: 'mug', page: 3 }, 'EUR')).toBe('?q=mug');
  });
});

describe('price parameters', () => {
  it('writes whole amounts without decimals and others with all of them', () => {
    expect(formatPriceParam(2500, 'EUR')).toBe('25');
    expect(formatPriceParam(4905, 'EUR')).toBe('49.05');
    expect(formatPriceParam(0, 'EUR')).toBe('0');
    expect(formatPriceParam(1234, 'BHD')).toBe('1.234');
    expect(formatPriceParam(500, 'JPY')).toBe('500');
  });

  it('reads what it writes', () => {
    for (const amount of [0, 1, 99, 100, 4905, 123456789]) {
      expect(parsePriceParam(formatPriceParam(amount, 'EUR'), 'EUR')).toBe(amount);
    }
  });
});
