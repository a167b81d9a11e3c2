import {
  OPTION_FILTERS_MAX,
  OPTION_VALUES_MAX,
  type ProductSort,
  productSortSchema,
  SEARCH_TEXT_MAX,
  slugSchema,
} from '@bazaar/contracts';
import { currencyFractionDigits } from './money';

/**
 * A product listing's state (search, filters, sort, page) in the URL, so a listing is shareable
 * and back/forward restores it. The encoding:
 *
 * | Parameter            | Meaning                                                              |
 * |----------------------|----------------------------------------------------------------------|
 * | `q`                  | search words                                                         |
 * | `category`           | a category slug (the search page; a category page has it in its path)|
 * | `o.<Option>`         | an accepted option value, repeated for alternatives: `o.Size=M&o.Size=L` |
 * | `price_min`/`price_max` | the price range in major units of the shown currency: `25`, `49.50` |
 * | `in_stock`           | `1`: only products that can be bought now                            |
 * | `sort`               | `relevance`, `newest`, `price_asc`, `price_desc` or `name`; absent: the default |
 * | `page`, `cursor`     | the page number (for "Showing 25–48") and the API's keyset cursor    |
 *
 * Prices are major units so a link reads naturally and keeps its meaning when the shopper
 * switches currency (25 EUR → 25 USD, not 2,500 yen). Anything malformed is left out rather than
 * refused: a hand-edited URL still shows a listing.
 */
export interface ListingState {
  /** Search words, trimmed; empty when not searching. */
  q: string;
  /** Category slug filter (search page only). */
  category: string | null;
  /** Option name → accepted values, in URL order. */
  options: Record<string, string[]>;
  /** Price range in minor units of the shown currency, inclusive. */
  priceMin: number | null;
  priceMax: number | null;
  inStock: boolean;
  /** The chosen sort; null for the listing's default. */
  sort: ProductSort | null;
  cursor: string | null;
  /** 1-based page number; 1 whenever there is no cursor. */
  page: number;
}

export const EMPTY_LISTING: ListingState = {
  q: '',
  category: null,
  options: {},
  priceMin: null,
  priceMax: null,
  inStock: false,
  sort: null,
  cursor: null,
  page: 1,
};

const OPTION_PREFIX = 'o.';
const OPTION_TEXT_MAX = 100;
const CURSOR_MAX = 2000;
// Control characters are refused by the API (and cannot be typed); in search words they become spaces.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** A page's search params as Next.js passes them, or the browser's. */
export type RawSearchParams =
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[] | undefined>>;

function entriesOf(params: RawSearchParams): [string, string][] {
  if (params instanceof URLSearchParams) return [...params.entries()];
  return Object.entries(params).flatMap(([key, value]) =>
    value === undefined
      ? []
      : typeof value === 'string'
        ? [[key, value] as [string, string]]
        : value.map((v): [string, string] => [key, v]),
  );
}

function cleanText(text: string): string {
  return text.replace(CONTROLS, ' ').trim();
}

function isOptionText(text: string): boolean {
  return text.length > 0 && text.length <= OPTION_TEXT_MAX && !CONTROL.test(text);
}

/** "25" or "49.50" (major units) → minor units of `currency`; null unless exactly that shape. */
export function parsePriceParam(text: string, currency: string): number | null {
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  const digits = currencyFractionDigits(currency);
  if (fraction.length > digits) return null;
  const amount = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(amount) ? amount : null;
}

/** Minor units → the URL's major units: 2500 EUR → "25", 4950 → "49.50", 500 JPY → "500". */
export function formatPriceParam(amount: number, currency: string): string {
  const digits = currencyFractionDigits(currency);
  const whole = Math.floor(amount / 10 ** digits);
  const fraction = amount - whole * 10 ** digits;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(digits, '0')}`;
}

function one(entries: [string, string][], key: string): string | undefined {
  const values = entries.filter(([k]) => k === key).map(([, v]) => v);
  return values.length === 1 ? values[0] : undefined;
}

/** Reads a listing's state from its URL; `currency` is the one prices are shown in. */
export function parseListingParams(params: RawSearchParams, currency: string): ListingState {
  const entries = entriesOf(params);
  const q = cleanText(one(entries, 'q') ?? '').slice(0, SEARCH_TEXT_MAX);

  const categoryText = one(entries, 'category');
  const category =
    categoryText !== undefined && slugSchema.safeParse(categoryText).success ? categoryText : null;

  const options: Record<string, string[]> = {};
  for (const [key, value] of entries) {
    if (!key.startsWith(OPTION_PREFIX)) continue;
    const name = key.slice(OPTION_PREFIX.length);
    if (!isOptionText(name) || !isOptionText(value)) continue;
    const values = options[name];
    if (values) {
      if (!values.includes(value) && values.length < OPTION_VALUES_MAX) values.push(value);
    } else if (Object.keys(options).length < OPTION_FILTERS_MAX) {
      options[name] = [value];
    }
  }

  const priceText = (key: string) => {
    const text = one(entries, key);
    return text === undefined ? null : parsePriceParam(text, currency);
  };
  let priceMin = priceText('price_min');
  let priceMax = priceText('price_max');
  // A range given backwards is what the shopper meant the other way round.
  if (priceMin !== null && priceMax !== null && priceMin > priceMax) {
    [priceMin, priceMax] = [priceMax, priceMin];
  }

  const sortParsed = productSortSchema.safeParse(one(entries, 'sort'));
  // Relevance needs words to rank by; without them the listing's default applies.
  const sort =
    sortParsed.success && (sortParsed.data !== 'relevance' || q) ? sortParsed.data : null;

  const cursorText = one(entries, 'cursor');
  const cursor =
    cursorText && cursorText.length <= CURSOR_MAX && /^[\w-]+$/.test(cursorText)
      ? cursorText
      : null;
  const pageNumber = Number(one(entries, 'page'));
  const page =
    cursor && Number.isSafeInteger(pageNumber) && pageNumber >= 2 ? pageNumber : cursor ? 2 : 1;

  return {
    q,
    category,
    options,
    priceMin,
    priceMax,
    inStock: one(entries, 'in_stock') === '1',
    sort,
    cursor,
    page,
  };
}

/** The URL search string of a state (`?q=…`, or '' for the plain listing), in a stable order. */
export function serializeListingParams(state: ListingState, currency: string): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.category) params.set('category', state.category);
  for (const [name, values] of Object.entries(state.options)) {
    for (const value of values) params.append(`${OPTION_PREFIX}${name}`, value);
  }
  if (state.priceMin !== null) params.set('price_min', formatPriceParam(state.priceMin, currency));
  if (state.priceMax !== null) params.set('price_max', formatPriceParam(state.priceMax, currency));
  if (state.inStock) params.set('in_stock', '1');
  if (state.sort) params.set('sort', state.sort);
  if (state.cursor) {
    params.set('page', String(state.page));
    params.set('cursor', state.cursor);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** `path` with the state's search string. */
export function listingHref(path: string, state: ListingState, currency: string): string {
  return `${path}${serializeListingParams(state, currency)}`;
}
